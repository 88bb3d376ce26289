package dev.rnnlab.runner.config;

import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.InitKind;
import dev.rnnlab.engine.api.spec.InitScheme;
import dev.rnnlab.engine.api.spec.InitSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.runner.data.DatasetKind;
import dev.rnnlab.runner.data.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds a config tree (without its {@code sweep:} block) to an {@link ExperimentSpec}, by hand, key by
 * key. This class is the schema: every key, its type, range and default is declared here and nowhere
 * else ({@code experiments/README.md} documents the same keys). All problems are collected and thrown
 * together.
 */
public final class ExperimentBinder {

    public static final long DEFAULT_SEED = 0;
    public static final String DEFAULT_ENGINE = "native";
    public static final int DEFAULT_SEQ_LEN = 50;
    public static final int DEFAULT_TRAIN_SIZE = 1000;
    public static final int DEFAULT_VAL_SIZE = 200;
    public static final long DEFAULT_DATASET_SEED = 0;
    public static final int DEFAULT_COPY_LEN = 10;
    public static final int DEFAULT_PARITY_BITS = 2;
    public static final int DEFAULT_LAYERS = 1;
    public static final int DEFAULT_BATCH_SIZE = 16;
    public static final int DEFAULT_EVAL_EVERY = 100;
    public static final int MAX_STEPS = 100_000_000;

    private ExperimentBinder() {}

    /** Binds {@code root}; keys listed in {@code reserved} (e.g. {@code sweep}) are skipped, not rejected. */
    public static ExperimentSpec bind(ConfigNode.Mapping root, String... reserved) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        MappingReader top = new MappingReader(root, "", errors);
        for (String r : reserved) {
            top.has(r);
        }
        String name = top.string("name", ExperimentSpec.NAME,
                "1-100 letters, digits, '.', '_' or '-', starting with a letter or digit");
        Long seed = top.integer("seed", DEFAULT_SEED, 0, Long.MAX_VALUE);
        String engine = top.string("engine", DEFAULT_ENGINE);
        MappingReader datasetReader = top.mapping("dataset", true);
        DatasetSpec dataset = dataset(datasetReader, errors);
        ModelSpec model = model(top.mapping("model", true));
        MappingReader training = top.mapping("training", true);
        TrainingSpec trainingSpec = null;
        Precision precision = null;
        if (training != null) {
            trainingSpec = TrainingBinder.training(training);
            precision = training.choice("precision", Precision.class, Precision.FLOAT32);
            training.rejectUnknownKeys("");
            if (dataset != null && trainingSpec != null && trainingSpec.batchSize() > dataset.trainSize()) {
                training.error("batch_size", "batch_size " + trainingSpec.batchSize()
                        + (dataset instanceof DatasetSpec.Csv csv ? " is larger than the " + dataset.trainSize()
                        + " training windows of " + Path.of(csv.path()).getFileName()
                        : " is larger than dataset.train_size " + dataset.trainSize() + " (at "
                        + datasetReader.locationOf("train_size") + ")"));
            }
        }
        TelemetrySpec telemetry = telemetry(top.mapping("telemetry", false));
        StoppingSpec stopping = stopping(top.mapping("stopping", false));
        MappingReader evaluationReader = top.mapping("evaluation", false);
        EvaluationSpec evaluation = evaluation(evaluationReader);
        checkRollout(evaluation, dataset, evaluationReader);
        top.rejectUnknownKeys("");
        if (!errors.isEmpty()) {
            throw new ConfigException(sorted(errors));
        }
        return new ExperimentSpec(name, seed, engine, dataset, model, trainingSpec, precision, telemetry, stopping,
                evaluation);
    }

    private static DatasetSpec dataset(MappingReader r, List<ConfigError> errors) {
        if (r == null) {
            return null;
        }
        DatasetKind kind = r.choice("kind", DatasetKind.class, null);
        if (kind == DatasetKind.CSV) {
            return CsvDatasetBinder.bind(r, errors);
        }
        Integer train = r.intValue("train_size", DEFAULT_TRAIN_SIZE, 1, DatasetSpec.MAX_SIZE);
        Integer val = r.intValue("val_size", DEFAULT_VAL_SIZE, 1, DatasetSpec.MAX_SIZE);
        Integer test = r.intValue("test_size", 0, 0, DatasetSpec.MAX_SIZE);
        Long seed = r.integer("seed", DEFAULT_DATASET_SEED, 0, Long.MAX_VALUE);
        if (test == null) {
            return null;
        }
        DatasetSpec spec = null;
        if (kind != null) {
            switch (kind) {
                case SINE -> {
                    Integer seqLen = r.intValue("seq_len", DEFAULT_SEQ_LEN, 1, DatasetSpec.MAX_SEQ_LEN);
                    spec = anyNull(seqLen, train, val, seed) ? null : new DatasetSpec.Sine(seqLen, train, val, seed, test);
                }
                case RANDOM_WALK -> {
                    Integer seqLen = r.intValue("seq_len", DEFAULT_SEQ_LEN, 1, DatasetSpec.MAX_SEQ_LEN);
                    Double scale = r.number("scale", DatasetSpec.RandomWalk.DEFAULT_SCALE, 0, Double.MAX_VALUE);
                    spec = anyNull(seqLen, train, val, seed, scale) ? null
                            : new DatasetSpec.RandomWalk(seqLen, train, val, seed, scale, test);
                }
                case ADDING -> {
                    Integer seqLen = r.intValue("seq_len", DEFAULT_SEQ_LEN, 2, DatasetSpec.MAX_SEQ_LEN);
                    spec = anyNull(seqLen, train, val, seed) ? null : new DatasetSpec.Adding(seqLen, train, val, seed, test);
                }
                case COPY_MEMORY -> {
                    Integer lag = r.intValue("lag", null, 1, DatasetSpec.MAX_SEQ_LEN / 2);
                    Integer copyLen = r.intValue("copy_len", DEFAULT_COPY_LEN, 1, DatasetSpec.MAX_SEQ_LEN / 4);
                    spec = anyNull(lag, copyLen, train, val, seed) ? null
                            : new DatasetSpec.CopyMemory(lag, copyLen, train, val, seed, test);
                }
                case PARITY -> {
                    Integer lag = r.intValue("lag", null, 0, DatasetSpec.MAX_SEQ_LEN / 2);
                    Integer bits = r.intValue("bits", DEFAULT_PARITY_BITS, 1, DatasetSpec.MAX_SEQ_LEN / 2);
                    spec = anyNull(lag, bits, train, val, seed) ? null
                            : new DatasetSpec.Parity(lag, bits, train, val, seed, test);
                }
                case CSV -> throw new IllegalStateException("bound above");
            }
        }
        if (kind != null) { // with an unknown kind, no key can be called unknown
            r.rejectUnknownKeys(" for dataset \'" + kind.configName() + "\' (kind at " + r.locationOf("kind") + ")");
        }
        return spec;
    }

    private static EvaluationSpec evaluation(MappingReader r) {
        if (r == null) {
            return null;
        }
        Integer predictions = r.intValue("predictions", EvaluationSpec.DEFAULT_PREDICTIONS, 0, EvaluationSpec.MAX_PREDICTIONS);
        int warmup = 0;
        int steps = 0;
        if (r.has("rollout")) {
            MappingReader ro = r.mapping("rollout", false);
            if (ro == null) {
                return null;
            }
            Integer w = ro.intValue("warmup", null, 1, DatasetSpec.MAX_SEQ_LEN);
            Integer k = ro.intValue("steps", null, 1, DatasetSpec.MAX_SEQ_LEN);
            ro.rejectUnknownKeys("");
            if (w == null || k == null) {
                return null;
            }
            warmup = w;
            steps = k;
        } else {
            r.node("rollout");
        }
        r.rejectUnknownKeys("");
        return predictions == null ? null : new EvaluationSpec(predictions, warmup, steps);
    }

    /** A rollout feeds predictions back as inputs: only for next-step tasks whose inputs are their targets. */
    private static void checkRollout(EvaluationSpec e, DatasetSpec d, MappingReader evaluation) {
        if (e == null || d == null || e.rolloutSteps() == 0) {
            return;
        }
        boolean selfFed = d instanceof DatasetSpec.Sine || d instanceof DatasetSpec.Csv csv
                && csv.task() == dev.rnnlab.runner.data.CsvTask.NEXT_STEP && csv.inputs().equals(csv.target())
                && csv.horizon() == 1;
        if (!selfFed) {
            evaluation.error("rollout", "a rollout feeds each prediction back as the next input: it needs a next-step "
                    + "task whose inputs are its targets, one row ahead (sine, or csv with task: next_step, horizon: 1 "
                    + "and inputs equal to target)");
        } else if (e.rolloutWarmup() + e.rolloutSteps() > d.seqLen() + 1) {
            evaluation.error("rollout", "warmup + steps = " + (e.rolloutWarmup() + e.rolloutSteps()) + " reaches past the "
                    + "sequence's truth: at most seq_len + 1 = " + (d.seqLen() + 1));
        }
    }

    private static ModelSpec model(MappingReader r) {
        if (r == null) {
            return null;
        }
        CellKind cell = r.choice("cell", CellKind.class, null);
        Integer hidden = r.intValue("hidden", null, 1, ModelSpec.MAX_HIDDEN);
        Integer layers = r.intValue("layers", DEFAULT_LAYERS, 1, ModelSpec.MAX_LAYERS);
        Double forgetBias = null;
        if (r.has("forget_bias")) {
            forgetBias = r.number("forget_bias", null, -Double.MAX_VALUE, Double.MAX_VALUE);
            if (cell != null && cell != CellKind.LSTM) {
                r.error("forget_bias", "forget_bias applies to lstm only, but model.cell is '" + cell.configName()
                        + "' (at " + r.locationOf("cell") + ")");
            }
        }
        InitSpec init = init(r.mapping("init", false));
        r.rejectUnknownKeys("");
        if (anyNull(cell, hidden, layers, init)) {
            return null;
        }
        CellSpec cellSpec = cell == CellKind.LSTM ? new CellSpec.Lstm(forgetBias) : CellSpec.of(cell);
        return new ModelSpec(cellSpec, hidden, layers, init);
    }

    private static StoppingSpec stopping(MappingReader r) {
        if (r == null) {
            return null;
        }
        Double timeout = r.nonNegative("timeout_s", 0.0);
        Double factor = null;
        boolean divergenceOk = true;
        if (r.has("divergence")) {
            MappingReader d = r.mapping("divergence", true);
            if (d != null) {
                factor = d.number("factor", null, 1, Double.MAX_VALUE);
                d.rejectUnknownKeys("");
            }
            divergenceOk = factor != null;
        }
        StoppingSpec.Plateau plateau = null;
        boolean plateauOk = true;
        if (r.has("plateau")) {
            MappingReader p = r.mapping("plateau", true);
            if (p != null) {
                Integer patience = p.intValue("patience", null, 1, MAX_STEPS);
                Double minDelta = p.nonNegative("min_delta", 0.0);
                p.rejectUnknownKeys("");
                plateau = anyNull(patience, minDelta) ? null : new StoppingSpec.Plateau(patience, minDelta);
            }
            plateauOk = plateau != null;
        }
        StoppingSpec.Asha asha = null;
        boolean ashaOk = true;
        if (r.has("asha")) {
            MappingReader a = r.mapping("asha", true);
            if (a != null) {
                Integer minSteps = a.intValue("min_steps", null, 1, MAX_STEPS);
                Integer reduction = a.intValue("reduction", 3, 2, 1000);
                a.rejectUnknownKeys("");
                asha = anyNull(minSteps, reduction) ? null : new StoppingSpec.Asha(minSteps, reduction);
            }
            ashaOk = asha != null;
        }
        r.rejectUnknownKeys("");
        return timeout == null || !divergenceOk || !plateauOk || !ashaOk ? null
                : new StoppingSpec(timeout, factor, plateau, asha);
    }

    private static TelemetrySpec telemetry(MappingReader r) {
        if (r == null) {
            return null;
        }
        Integer every = r.intValue("every", TelemetrySpec.DEFAULT.every(), 1, MAX_STEPS);
        Integer detailEvery = r.intValue("detail_every", TelemetrySpec.DEFAULT.detailEvery(), 0, MAX_STEPS);
        Boolean checkpoint = r.bool("checkpoint", TelemetrySpec.DEFAULT.checkpoint());
        r.rejectUnknownKeys("");
        return anyNull(every, detailEvery, checkpoint) ? null : new TelemetrySpec(every, detailEvery, checkpoint);
    }

    private static InitSpec init(MappingReader r) {
        if (r == null) {
            return null;
        }
        InitScheme input = scheme(r.variant("input"), "input");
        InitScheme recurrent = scheme(r.variant("recurrent"), "recurrent");
        InitScheme bias = scheme(r.variant("bias"), "bias");
        String from = null;
        if (r.has("from")) {
            from = r.string("from", (String) null);
            if (from != null) {
                Path resolved = resolve(r.locationOf("from"), from);
                if (!Files.isRegularFile(resolved)) {
                    r.error("from", "no such file: " + resolved);
                    from = null;
                } else {
                    from = resolved.toString();
                }
            }
        }
        r.rejectUnknownKeys("");
        if (anyNull(input, recurrent, bias) || (r.has("from") && from == null)) {
            return null;
        }
        return new InitSpec(input, recurrent, bias, from);
    }

    /** A path given at {@code at}: relative to the file it is written in, or to the working directory for {@code <cli>}. */
    static Path resolve(Location at, String path) {
        Path p = Path.of(path);
        if (!p.isAbsolute() && !at.source().equals(Location.CLI)) {
            Path parent = Path.of(at.source()).toAbsolutePath().getParent();
            p = parent == null ? p : parent.resolve(p);
        }
        return p.toAbsolutePath().normalize();
    }

    /** One init scheme; {@code role} is input, recurrent or bias, which limits the allowed kinds. */
    private static InitScheme scheme(MappingReader r, String role) {
        if (r == null) {
            return null;
        }
        InitKind kind = r.choice("kind", InitKind.class, InitKind.PYTORCH_DEFAULT);
        InitScheme scheme = null;
        if (kind == InitKind.NORMAL) {
            Double std = r.nonNegative("std", null);
            scheme = std == null ? null : new InitScheme.Normal(std);
        } else if (kind == InitKind.IDENTITY && !role.equals("recurrent")) {
            r.error("kind", "identity applies to recurrent weights only");
        } else if (kind == InitKind.ORTHOGONAL && role.equals("bias")) {
            r.error("kind", "orthogonal does not apply to biases");
        } else if (kind != null) {
            scheme = kind.defaults();
        }
        if (kind != null) { // with an unknown kind, no key can be called unknown
            r.rejectUnknownKeys(" for init \'" + kind.configName() + "\' (kind at " + r.locationOf("kind") + ")");
        }
        return scheme;
    }

    static boolean anyNull(Object... values) {
        for (Object v : values) {
            if (v == null) {
                return true;
            }
        }
        return false;
    }

    static List<ConfigError> sorted(List<ConfigError> errors) {
        List<ConfigError> out = new ArrayList<>(errors);
        out.sort(java.util.Comparator.comparing((ConfigError e) -> e.location().source())
                .thenComparingInt(e -> e.location().line())
                .thenComparingInt(e -> e.location().column()));
        return out;
    }
}
