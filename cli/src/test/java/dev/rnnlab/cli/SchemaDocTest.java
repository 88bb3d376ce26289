package dev.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnlab.engine.api.spec.BpttSpec;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.InitScheme;
import dev.rnnlab.engine.api.spec.InitSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.runner.config.ConfigWriter;
import dev.rnnlab.runner.config.Composer;
import dev.rnnlab.runner.config.EvaluationSpec;
import dev.rnnlab.runner.config.ExperimentSpec;
import dev.rnnlab.runner.sweep.SweepPlanner;
import dev.rnnlab.runner.config.StoppingSpec;
import dev.rnnlab.runner.data.CsvNormalize;
import dev.rnnlab.runner.data.CsvSplit;
import dev.rnnlab.runner.data.CsvTask;
import dev.rnnlab.runner.data.DatasetSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * experiments/README.md documents exactly the keys the binder knows: every key that the canonical writer
 * emits for every variant is in the table, and every key in the table is one of them (plus sweep.grid).
 */
class SchemaDocTest {

    static final StoppingSpec STOPPING = new StoppingSpec(60, 10.0, new StoppingSpec.Plateau(3, 0.0),
            new StoppingSpec.Asha(100, 3));

    @Test
    void theSchemaTableMatchesTheBinder() throws Exception {
        Set<String> known = new TreeSet<>(SweepPlanner.SWEEP_KEYS);
        known.add(Composer.EXTENDS);
        InitScheme normal = new InitScheme.Normal(0.1);
        ModelSpec model = new ModelSpec(new CellSpec.Lstm(1.0), 4, 1, new InitSpec(normal, normal, normal, "/m.safetensors"));
        List<DatasetSpec> datasets = List.of(new DatasetSpec.Sine(5, 10, 10, 0, 3), new DatasetSpec.RandomWalk(5, 10, 10, 0, 1),
                new DatasetSpec.Adding(5, 10, 10, 0), new DatasetSpec.CopyMemory(5, 2, 10, 10, 0),
                new DatasetSpec.Parity(5, 2, 10, 10, 0), new DatasetSpec.Csv("/d.csv", "ab12", List.of("x"), List.of("x"), "date",
                        4, 1, 1, CsvTask.NEXT_STEP, new CsvSplit(0.7, 0.15, 0.15), CsvNormalize.STANDARD, 10, 10, 10));
        List<OptimizerSpec> optimizers = List.of(new OptimizerSpec.Sgd(0.1), new OptimizerSpec.Momentum(0.1, 0.9, 0, 0),
                new OptimizerSpec.Nesterov(0.1, 0.9, 0), OptimizerSpec.Adam.withDefaults(0.1),
                new OptimizerSpec.AdamW(0.1, 0.9, 0.999, 1e-8, 0.01), new OptimizerSpec.RmsProp(0.1, 0.99, 1e-8, 0),
                new OptimizerSpec.Adagrad(0.1, 1e-10, 0));
        List<ScheduleSpec> schedules = List.of(new ScheduleSpec.Constant(), new ScheduleSpec.Step(10, 0.5),
                new ScheduleSpec.Cosine(0), new ScheduleSpec.Warmup(10));
        List<ClippingSpec> clippings = List.of(new ClippingSpec.None(), new ClippingSpec.Value(1), new ClippingSpec.Norm(1),
                new ClippingSpec.GlobalNorm(1));
        for (DatasetSpec d : datasets) {
            for (OptimizerSpec o : optimizers) {
                for (ClippingSpec c : clippings) {
                    for (ScheduleSpec s : schedules) {
                        for (BpttSpec bptt : List.of(new BpttSpec.Full(), new BpttSpec.Truncated(4, 2))) {
                            known.addAll(keyPaths(ConfigWriter.write(new ExperimentSpec("x", 0, "native", d, model,
                                    new TrainingSpec(1, 1, 1, o, s, c, bptt, true), Precision.FLOAT32,
                                    TelemetrySpec.DEFAULT, STOPPING, new EvaluationSpec(7, 2, 3)))));
                        }
                    }
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z0-9_.]+)` \\|").matcher(
                Files.readString(Path.of("..", "experiments", "README.md")));
        while (m.find()) {
            if (!m.group(1).endsWith(".yaml")) { // the table of experiment files, further down
                documented.add(m.group(1));
            }
        }
        assertEquals(known, documented);
    }

    /** Dotted paths of the leaf keys of a block-style YAML document written by ConfigWriter. */
    static Set<String> keyPaths(String yaml) {
        Set<String> out = new TreeSet<>();
        Deque<String> stack = new ArrayDeque<>();
        for (String line : yaml.split("\n")) {
            int depth = (line.length() - line.stripLeading().length()) / 2;
            String key = line.strip().substring(0, line.strip().indexOf(':'));
            while (stack.size() > depth) {
                stack.removeLast();
            }
            String path = stack.isEmpty() ? key : String.join(".", stack) + "." + key;
            if (line.strip().endsWith(":")) {
                stack.addLast(key);
            } else {
                out.add(path);
            }
        }
        return out;
    }
}
