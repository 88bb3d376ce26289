package dev.rnnlab.runner.config;

import dev.rnnlab.engine.api.spec.BpttSpec;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.InitScheme;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.runner.data.DatasetSpec;
import java.util.regex.Pattern;

/**
 * Writes an {@link ExperimentSpec} as canonical YAML: fixed key order, every default spelled out,
 * numbers in one spelling ({@code 1e-3} and {@code 0.001} both become {@code 0.001}). The output is
 * a valid experiment file that re-runs as is, and its hash is the run id.
 */
public final class ConfigWriter {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._-]*");

    private ConfigWriter() {}

    public static String write(ExperimentSpec spec) {
        StringBuilder out = new StringBuilder();
        line(out, 0, "name", text(spec.name()));
        line(out, 0, "seed", Long.toString(spec.seed()));
        line(out, 0, "engine", text(spec.engine()));
        out.append("dataset:\n");
        DatasetSpec d = spec.dataset();
        line(out, 1, "kind", d.kind().configName());
        switch (d.kind()) {
            case SINE, ADDING -> line(out, 1, "seq_len", Integer.toString(d.seqLen()));
            case RANDOM_WALK -> {
                line(out, 1, "seq_len", Integer.toString(d.seqLen()));
                line(out, 1, "scale", number(((DatasetSpec.RandomWalk) d).scale()));
            }
            case COPY_MEMORY -> {
                line(out, 1, "lag", Integer.toString(((DatasetSpec.CopyMemory) d).lag()));
                line(out, 1, "copy_len", Integer.toString(((DatasetSpec.CopyMemory) d).copyLen()));
            }
            case PARITY -> {
                line(out, 1, "lag", Integer.toString(((DatasetSpec.Parity) d).lag()));
                line(out, 1, "bits", Integer.toString(((DatasetSpec.Parity) d).bits()));
            }
            case CSV -> csv(out, (DatasetSpec.Csv) d);
        }
        if (!(d instanceof DatasetSpec.Csv)) {
            line(out, 1, "train_size", Integer.toString(d.trainSize()));
            line(out, 1, "val_size", Integer.toString(d.valSize()));
            if (d.testSize() > 0) { // written only when there is one, so configs without keep their run ids
                line(out, 1, "test_size", Integer.toString(d.testSize()));
            }
            line(out, 1, "seed", Long.toString(d.seed()));
        }
        out.append("model:\n");
        line(out, 1, "cell", spec.model().cell().kind().configName());
        line(out, 1, "hidden", Integer.toString(spec.model().hidden()));
        line(out, 1, "layers", Integer.toString(spec.model().layers()));
        if (spec.model().cell() instanceof CellSpec.Lstm lstm && lstm.forgetBias() != null) {
            line(out, 1, "forget_bias", number(lstm.forgetBias()));
        }
        out.append("  init:\n");
        scheme(out, "input", spec.model().init().input());
        scheme(out, "recurrent", spec.model().init().recurrent());
        scheme(out, "bias", spec.model().init().bias());
        if (spec.model().init().from() != null) {
            line(out, 2, "from", text(spec.model().init().from()));
        }
        out.append("training:\n");
        TrainingSpec t = spec.training();
        line(out, 1, "steps", Integer.toString(t.steps()));
        line(out, 1, "batch_size", Integer.toString(t.batchSize()));
        line(out, 1, "eval_every", Integer.toString(t.evalEvery()));
        line(out, 1, "precision", spec.precision().configName());
        out.append("  optimizer:\n");
        OptimizerSpec o = t.optimizer();
        line(out, 2, "kind", o.kind().configName());
        line(out, 2, "lr", number(o.lr()));
        switch (o.kind()) {
            case SGD -> { }
            case MOMENTUM -> {
                line(out, 2, "momentum", number(((OptimizerSpec.Momentum) o).momentum()));
                line(out, 2, "dampening", number(((OptimizerSpec.Momentum) o).dampening()));
            }
            case NESTEROV -> line(out, 2, "momentum", number(((OptimizerSpec.Nesterov) o).momentum()));
            case ADAM -> {
                OptimizerSpec.Adam a = (OptimizerSpec.Adam) o;
                line(out, 2, "beta1", number(a.beta1()));
                line(out, 2, "beta2", number(a.beta2()));
                line(out, 2, "eps", number(a.eps()));
            }
            case ADAMW -> {
                OptimizerSpec.AdamW a = (OptimizerSpec.AdamW) o;
                line(out, 2, "beta1", number(a.beta1()));
                line(out, 2, "beta2", number(a.beta2()));
                line(out, 2, "eps", number(a.eps()));
            }
            case RMSPROP -> {
                line(out, 2, "alpha", number(((OptimizerSpec.RmsProp) o).alpha()));
                line(out, 2, "eps", number(((OptimizerSpec.RmsProp) o).eps()));
            }
            case ADAGRAD -> line(out, 2, "eps", number(((OptimizerSpec.Adagrad) o).eps()));
        }
        line(out, 2, "weight_decay", number(o.weightDecay()));
        out.append("  schedule:\n");
        ScheduleSpec sc = t.schedule();
        line(out, 2, "kind", sc.kind().configName());
        switch (sc.kind()) {
            case CONSTANT -> { }
            case STEP -> {
                line(out, 2, "step_size", Integer.toString(((ScheduleSpec.Step) sc).stepSize()));
                line(out, 2, "gamma", number(((ScheduleSpec.Step) sc).gamma()));
            }
            case COSINE -> line(out, 2, "min_lr", number(((ScheduleSpec.Cosine) sc).minLr()));
            case WARMUP -> line(out, 2, "warmup_steps", Integer.toString(((ScheduleSpec.Warmup) sc).warmupSteps()));
        }
        out.append("  clipping:\n");
        ClippingSpec c = t.clipping();
        line(out, 2, "kind", c.kind().configName());
        switch (c.kind()) {
            case NONE -> { }
            case VALUE -> line(out, 2, "clip_value", number(((ClippingSpec.Value) c).clipValue()));
            case NORM -> line(out, 2, "max_norm", number(((ClippingSpec.Norm) c).maxNorm()));
            case GLOBAL_NORM -> line(out, 2, "max_norm", number(((ClippingSpec.GlobalNorm) c).maxNorm()));
        }
        out.append("  bptt:\n");
        line(out, 2, "kind", t.bptt().kind().configName());
        switch (t.bptt().kind()) {
            case FULL -> { }
            case TRUNCATED -> {
                line(out, 2, "window", Integer.toString(((BpttSpec.Truncated) t.bptt()).window()));
                line(out, 2, "backward", Integer.toString(((BpttSpec.Truncated) t.bptt()).backward()));
            }
        }
        line(out, 1, "stateful", Boolean.toString(t.stateful()));
        out.append("telemetry:\n");
        line(out, 1, "every", Integer.toString(spec.telemetry().every()));
        line(out, 1, "detail_every", Integer.toString(spec.telemetry().detailEvery()));
        line(out, 1, "checkpoint", Boolean.toString(spec.telemetry().checkpoint()));
        StoppingSpec st = spec.stopping();
        out.append("stopping:\n");
        line(out, 1, "timeout_s", number(st.timeoutSeconds()));
        if (st.divergenceFactor() != null) {
            out.append("  divergence:\n");
            line(out, 2, "factor", number(st.divergenceFactor()));
        }
        if (st.plateau() != null) {
            out.append("  plateau:\n");
            line(out, 2, "patience", Integer.toString(st.plateau().patience()));
            line(out, 2, "min_delta", number(st.plateau().minDelta()));
        }
        if (st.asha() != null) {
            out.append("  asha:\n");
            line(out, 2, "min_steps", Integer.toString(st.asha().minSteps()));
            line(out, 2, "reduction", Integer.toString(st.asha().reduction()));
        }
        if (!spec.evaluation().equals(EvaluationSpec.DEFAULT)) { // only when set, so other configs keep their run ids
            out.append("evaluation:\n");
            line(out, 1, "predictions", Integer.toString(spec.evaluation().predictions()));
            if (spec.evaluation().rolloutSteps() > 0) {
                out.append("  rollout:\n");
                line(out, 2, "warmup", Integer.toString(spec.evaluation().rolloutWarmup()));
                line(out, 2, "steps", Integer.toString(spec.evaluation().rolloutSteps()));
            }
        }
        return out.toString();
    }

    private static void scheme(StringBuilder out, String role, InitScheme scheme) {
        out.append("    ").append(role).append(":\n");
        line(out, 3, "kind", scheme.kind().configName());
        if (scheme instanceof InitScheme.Normal n) {
            line(out, 3, "std", number(n.std()));
        }
    }

    /** The shortest text that parses back to exactly {@code v}. */
    public static String number(double v) {
        return Double.toString(v);
    }

    /** A CSV dataset with its file's SHA-256, which makes the data part of the run's identity. */
    private static void csv(StringBuilder out, DatasetSpec.Csv d) {
        line(out, 1, "path", text(d.path()));
        line(out, 1, "sha256", text(d.sha256()));
        line(out, 1, "inputs", d.inputs().stream().map(ConfigWriter::text).toList().toString());
        line(out, 1, "target", d.target().stream().map(ConfigWriter::text).toList().toString());
        if (d.time() != null) {
            line(out, 1, "time", text(d.time()));
        }
        line(out, 1, "seq_len", Integer.toString(d.seqLen()));
        line(out, 1, "horizon", Integer.toString(d.horizon()));
        line(out, 1, "stride", Integer.toString(d.stride()));
        line(out, 1, "task", d.task().configName());
        line(out, 1, "split", "{train: " + number(d.split().train()) + ", val: " + number(d.split().val()) + ", test: "
                + number(d.split().test()) + "}");
        line(out, 1, "normalize", d.normalize().configName());
    }

    private static void line(StringBuilder out, int indent, String key, String value) {
        out.append("  ".repeat(indent)).append(key).append(": ").append(value).append('\n');
    }

    /** A string as a YAML scalar: bare when unambiguous, else double-quoted with escapes. */
    static String text(String s) {
        if (PLAIN.matcher(s).matches() && !s.matches("(?i)(y|yes|n|no|true|false|on|off|null)")) {
            return s;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                default -> {
                    if (ch < 0x20 || ch == 0x2028 || ch == 0x2029) {
                        q.append(String.format("\\u%04x", (int) ch));
                    } else {
                        q.append(ch);
                    }
                }
            }
        }
        return q.append('"').toString();
    }
}
