package dev.rnnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnlab.engine.api.check.GradientCase;
import dev.rnnlab.engine.api.check.TrajectorySpec;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.ConfigNamed;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A PyTorch float64 fixture written by {@code make_golden.py} (format: {@code shared/golden/README.md};
 * the optional {@code weight_decay}, {@code schedule} and {@code lrs} keys come from rnnlab's copy in
 * {@code tools/golden}). Turns it into a {@link GradientCase} and exposes the reference values.
 */
final class GoldenFixture {

    /** The fixture is not one this reader understands; the message says where. */
    static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    private final JsonNode root;

    private GoldenFixture(JsonNode root) {
        this.root = root;
    }

    static GoldenFixture read(Path file) throws IOException, FormatException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        for (String key : new String[] {"meta", "params", "grads", "inputs", "targets", "predictions", "loss",
                "grad_h_total_norms_by_layer"}) {
            if (root == null || !root.has(key)) {
                throw new FormatException(file + ": not a make_golden.py fixture: no '" + key + "'");
            }
        }
        return new GoldenFixture(root);
    }

    GradientCase toCase() throws FormatException {
        JsonNode meta = root.get("meta");
        CellKind cell = ConfigNamed.parse(CellKind.class, meta.path("cell").asText())
                .orElseThrow(() -> new FormatException("unknown cell '" + meta.path("cell").asText() + "'"));
        ModelSpec model = new ModelSpec(CellSpec.of(cell), meta.path("hidden_size").asInt(),
                meta.path("num_layers").asInt());
        double[] h0 = array(root.get("h0"));
        for (double v : h0) {
            if (v != 0) {
                throw new FormatException("h0 is not zero: initial states other than zero are not supported");
            }
        }
        return new GradientCase(model, meta.path("input_size").asInt(), meta.path("output_size").asInt(),
                meta.path("seq_len").asInt(), meta.path("batch").asInt(), TargetLayout.EVERY_STEP, LossKind.MSE,
                named(root.get("params")), array(root.get("inputs")), array(root.get("targets")), trajectory());
    }

    private TrajectorySpec trajectory() throws FormatException {
        JsonNode t = root.get("trajectory");
        if (t == null || t.isNull()) {
            return null;
        }
        double lr = t.path("lr").asDouble();
        JsonNode wdNode = t.get("weight_decay");
        boolean hasWd = wdNode != null && !wdNode.isNull();
        double wd = hasWd ? wdNode.asDouble() : 0;
        // Hyperparameters as make_golden.py fixes them; its optimizer_settings string records the same.
        OptimizerSpec optimizer = switch (t.path("optimizer").asText()) {
            case "sgd" -> new OptimizerSpec.Sgd(lr, wd);
            case "momentum" -> new OptimizerSpec.Momentum(lr, 0.9, 0, wd);
            case "nesterov" -> new OptimizerSpec.Nesterov(lr, 0.9, wd);
            case "adam" -> new OptimizerSpec.Adam(lr, 0.9, 0.999, 1e-8, wd);
            case "adamw" -> new OptimizerSpec.AdamW(lr, 0.9, 0.999, 1e-8, hasWd ? wd : 0.01);
            case "rmsprop" -> new OptimizerSpec.RmsProp(lr, 0.99, 1e-8, wd);
            case "adagrad" -> new OptimizerSpec.Adagrad(lr, 1e-10, wd);
            default -> throw new FormatException("unknown optimizer '" + t.path("optimizer").asText() + "'");
        };
        double clipValue = t.path("clip_value").asDouble();
        ClippingSpec clipping = switch (t.path("clip").asText("none")) {
            case "none" -> new ClippingSpec.None();
            case "value" -> new ClippingSpec.Value(clipValue);
            case "norm" -> new ClippingSpec.Norm(clipValue);
            case "global_norm" -> new ClippingSpec.GlobalNorm(clipValue);
            default -> throw new FormatException("unknown clip '" + t.path("clip").asText() + "'");
        };
        JsonNode s = t.path("schedule");
        ScheduleSpec schedule = switch (s.path("kind").asText("constant")) {
            case "constant" -> new ScheduleSpec.Constant();
            case "step" -> new ScheduleSpec.Step(s.path("step_size").asInt(), s.path("gamma").asDouble());
            case "cosine" -> new ScheduleSpec.Cosine(s.path("min_lr").asDouble());
            case "warmup" -> new ScheduleSpec.Warmup(s.path("warmup_steps").asInt());
            default -> throw new FormatException("unknown schedule '" + s.path("kind").asText() + "'");
        };
        return new TrajectorySpec(optimizer, schedule, clipping, t.path("steps").asInt());
    }

    double loss() {
        return root.get("loss").asDouble();
    }

    double[] predictions() {
        return array(root.get("predictions"));
    }

    Map<String, double[]> gradients() {
        return named(root.get("grads"));
    }

    List<double[]> hiddenGradNormsByLayer() {
        List<double[]> out = new ArrayList<>();
        root.get("grad_h_total_norms_by_layer").forEach(layer -> out.add(array(layer)));
        return out;
    }

    JsonNode trajectoryNode() {
        return root.get("trajectory");
    }

    static double[] array(JsonNode node) {
        JsonNode values = node.has("values") ? node.get("values") : node;
        List<Double> out = new ArrayList<>();
        flatten(values, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static Map<String, double[]> named(JsonNode list) {
        Map<String, double[]> out = new LinkedHashMap<>();
        list.forEach(p -> out.put(p.get("name").asText(), array(p)));
        return out;
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(c -> flatten(c, out));
        } else {
            out.add(n.asDouble());
        }
    }
}
