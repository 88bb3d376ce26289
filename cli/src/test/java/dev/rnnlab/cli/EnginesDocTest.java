package dev.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.Capabilities;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.engine.api.spec.BpttSpec;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingKind;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerKind;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/engines.md's feature table says what the two providers declare, row by row. */
class EnginesDocTest {

    static final List<String> ENGINES = List.of("native", "dl4j");

    /** Feature name to its cells, by engine column: "yes ..." or "no ...". */
    static Map<String, List<String>> table() throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("..", "docs", "engines.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length == 4 && !cells[1].isBlank() && !cells[1].contains("---") && !cells[1].contains("feature")) {
                rows.put(cells[1].strip(), List.of(cells[2].strip(), cells[3].strip()));
            }
        }
        return rows;
    }

    static RunSpec run(CellKind cell, OptimizerKind optimizer, ClippingKind clipping, Precision precision, BpttSpec bptt,
                       boolean stateful) {
        OptimizerSpec o = switch (optimizer) {
            case SGD -> new OptimizerSpec.Sgd(0.1);
            case MOMENTUM -> new OptimizerSpec.Momentum(0.1, 0.9, 0, 0);
            case NESTEROV -> new OptimizerSpec.Nesterov(0.1, 0.9, 0);
            case ADAM -> OptimizerSpec.Adam.withDefaults(0.01);
            case ADAMW -> new OptimizerSpec.AdamW(0.01, 0.9, 0.999, 1e-8, 0.01);
            case RMSPROP -> new OptimizerSpec.RmsProp(0.01, 0.99, 1e-8, 0);
            case ADAGRAD -> new OptimizerSpec.Adagrad(0.01, 1e-10, 0);
        };
        ClippingSpec c = switch (clipping) {
            case NONE -> new ClippingSpec.None();
            case VALUE -> new ClippingSpec.Value(1);
            case NORM -> new ClippingSpec.Norm(1);
            case GLOBAL_NORM -> new ClippingSpec.GlobalNorm(1);
        };
        return new RunSpec("doc", 1, new ModelSpec(CellSpec.of(cell), 4, 1), new TrainingSpec(10, 2, 5, o,
                new ScheduleSpec.Constant(), c, bptt, stateful), precision, TelemetrySpec.DEFAULT);
    }

    static RunSpec plain() {
        return run(CellKind.RNN_TANH, OptimizerKind.SGD, ClippingKind.NONE, Precision.FLOAT32, new BpttSpec.Full(), false);
    }

    @Test
    void everyCapabilityRowSaysWhatTheProviderDeclares() throws Exception {
        Map<String, List<String>> table = table();
        EngineRegistry registry = EngineRegistry.discover(getClass().getClassLoader());
        int checked = 0;
        for (int e = 0; e < ENGINES.size(); e++) {
            EngineProvider p = registry.find(ENGINES.get(e)).orElseThrow();
            Map<String, Boolean> truth = new LinkedHashMap<>();
            for (CellKind k : CellKind.values()) {
                truth.put("cell `" + k.configName() + "`", p.unsupported(run(k, OptimizerKind.SGD, ClippingKind.NONE,
                        Precision.FLOAT32, new BpttSpec.Full(), false)).isEmpty());
            }
            for (OptimizerKind k : OptimizerKind.values()) {
                truth.put("optimizer `" + k.configName() + "`", p.capabilities().optimizers().contains(k));
            }
            for (ClippingKind k : ClippingKind.values()) {
                truth.put("clipping `" + k.configName() + "`", p.capabilities().clipping().contains(k));
            }
            for (Precision k : Precision.values()) {
                truth.put("precision `" + k.configName() + "`", p.capabilities().precisions().contains(k));
            }
            truth.put("truncated BPTT (`training.bptt`)", p.unsupported(run(CellKind.RNN_TANH, OptimizerKind.SGD,
                    ClippingKind.NONE, Precision.FLOAT32, new BpttSpec.Truncated(5, 5), false)).isEmpty());
            truth.put("stateful training (`training.stateful`)", p.unsupported(run(CellKind.RNN_TANH, OptimizerKind.SGD,
                    ClippingKind.NONE, Precision.FLOAT32, new BpttSpec.Full(), true)).isEmpty());
            truth.put("gradient through time (`time_profile.csv`), `rnn_tanh` and `rnn_relu`",
                    p.recordsTimeProfile(CellKind.RNN_TANH) && p.recordsTimeProfile(CellKind.RNN_RELU));
            truth.put("gradient through time (`time_profile.csv`), `lstm`", p.recordsTimeProfile(CellKind.LSTM));
            truth.put("resume from a snapshot", p.resumable());
            truth.put("`rnnlab gradcheck --engine`", p.gradientChecker().isPresent());
            for (Map.Entry<String, Boolean> t : truth.entrySet()) {
                List<String> row = table.get(t.getKey());
                assertTrue(row != null, "docs/engines.md has no row '" + t.getKey() + "'");
                String cell = row.get(e);
                assertEquals(t.getValue(), cell.startsWith("yes"), ENGINES.get(e) + ", " + t.getKey() + ": the doc says '"
                        + cell + "'");
                assertTrue(cell.startsWith("yes") || cell.startsWith("no: "), "a 'no' says why: " + cell);
                checked++;
            }
            assertTrue(p.unsupported(plain()).isEmpty());
        }
        assertEquals(2 * (CellKind.values().length + OptimizerKind.values().length + ClippingKind.values().length
                + Precision.values().length + 6), checked);
    }

    @Test
    void aRefusedFeatureIsRefusedWithTheReasonTheDocGives() throws Exception {
        EngineProvider dl4j = EngineRegistry.discover(getClass().getClassLoader()).find("dl4j").orElseThrow();
        List<Capabilities.Unsupported> u = dl4j.unsupported(run(CellKind.GRU, OptimizerKind.SGD, ClippingKind.NONE,
                Precision.FLOAT32, new BpttSpec.Full(), false));
        assertEquals(1, u.size());
        assertEquals("model.cell", u.get(0).keyPath());
        assertTrue(table().get("cell `gru`").get(1).contains("no GRU layer") && u.get(0).message().contains("no GRU layer"));
    }
}
