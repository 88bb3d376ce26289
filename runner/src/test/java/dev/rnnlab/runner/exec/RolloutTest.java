package dev.rnnlab.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.Capabilities;
import dev.rnnlab.engine.api.Engine;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.engine.api.check.GradientChecker;
import dev.rnnlab.engine.api.check.GradientReport;
import dev.rnnlab.engine.api.check.Stepper;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.ClippingKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerKind;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.runner.Configs;
import dev.rnnlab.runner.config.ConfigException;
import dev.rnnlab.runner.data.DatasetSpec;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.sweep.SweepPlan;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** evaluation.rollout: each prediction fed back as the next input; a perfect model's rollout is the truth. */
class RolloutTest {

    static final int T = 40;

    /**
     * A "model" that knows sine windows: the next value of a sine sampled at a constant step dt is
     * 2 cos(dt) x_t - x_{t-1} (the Chebyshev recurrence), so from the second step on it predicts exactly.
     */
    static final class PerfectSine implements EngineProvider {
        @Override
        public String name() {
            return "native";
        }

        @Override
        public String version() {
            return "perfect-sine";
        }

        @Override
        public Capabilities capabilities() {
            return new Capabilities(EnumSet.allOf(CellKind.class), EnumSet.allOf(OptimizerKind.class),
                    EnumSet.allOf(ClippingKind.class), EnumSet.allOf(Precision.class), 4);
        }

        @Override
        public Engine create() {
            return (spec, data, sink) -> {
                sink.validation(new EvalRecord(0, 1));
                sink.validation(new EvalRecord(spec.training().steps(), 0.5));
                sink.checkpoint(spec.training().steps(), List.of(new Tensor("w", Tensor.DType.F64, new int[] {1},
                        new double[] {1})));
                return new RunResult(Outcome.COMPLETED, spec.training().steps(), 0.5, 0.5, "");
            };
        }

        @Override
        public Optional<GradientChecker> gradientChecker() {
            double c = 2 * Math.cos(DatasetSpec.Sine.INTERVAL / T);
            return Optional.of(new GradientChecker() {
                @Override
                public GradientReport evaluate(dev.rnnlab.engine.api.check.GradientCase g) {
                    double[] x = g.inputs();
                    double[] p = new double[x.length];
                    for (int t = 1; t < x.length; t++) {
                        p[t] = c * x[t] - x[t - 1];
                    }
                    return new GradientReport(0, p, Map.of(), List.of(), null);
                }

                @Override
                public Stepper stepper(ModelSpec model, int inputSize, int outputSize, Map<String, double[]> params) {
                    double[] previous = {Double.NaN}; // no previous input: predicts 0, as evaluate does at t = 0
                    return (inputs, steps) -> {
                        double[] p = new double[steps];
                        for (int t = 0; t < steps; t++) {
                            p[t] = Double.isNaN(previous[0]) ? 0 : c * inputs[t] - previous[0];
                            previous[0] = inputs[t];
                        }
                        return p;
                    };
                }
            });
        }
    }

    @TempDir Path dir;

    SweepPlan plan(String evaluation) throws ConfigException {
        String yaml = """
                name: roll
                dataset: {kind: sine, seq_len: %d, train_size: 32, val_size: 8, test_size: 4}
                model: {cell: rnn_tanh, hidden: 4}
                training:
                  steps: 10
                  batch_size: 4
                  eval_every: 10
                  optimizer: {kind: adam, lr: 0.01}
                evaluation: %s
                """.formatted(T, evaluation);
        return new SweepPlanner(new EngineRegistry(List.of(new PerfectSine()))).plan(Configs.write(dir, "r.yaml", yaml),
                List.of());
    }

    @Test
    void aPerfectModelsRolloutIsTheTruth() throws Exception {
        SweepPlan plan = plan("{rollout: {warmup: 2, steps: 39}}");
        new LocalExecutor(new EngineRegistry(List.of(new PerfectSine())), 1).execute(plan,
                SweepDirectory.of(dir.resolve("out"), plan), LocalExecutorTest.PROVENANCE, SweepListener.NONE);
        List<String> rows = Files.readAllLines(dir.resolve("out/roll/runs/" + plan.runs().get(0).id() + "/rollout.csv"));
        assertEquals("t,target,prediction", rows.get(0));
        assertEquals(1 + 39, rows.size(), "t = 2 .. 40: to the last step's target");
        assertEquals("2", rows.get(1).split(",")[0]);
        assertEquals("40", rows.get(39).split(",")[0]);
        for (String row : rows.subList(1, rows.size())) {
            String[] c = row.split(",");
            assertEquals(Double.parseDouble(c[1]), Double.parseDouble(c[2]), 1e-4, "t = " + c[0]);
        }
        double spread = 0;
        for (String row : rows.subList(1, rows.size())) {
            spread = Math.max(spread, Math.abs(Double.parseDouble(row.split(",")[1])));
        }
        assertTrue(spread > 0.5, "the truth is a sine, not a constant");
    }

    @Test
    void aRolloutPastTheTruthOrOfAnotherTaskIsRefused() {
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> plan("{rollout: {warmup: 2, steps: 40}}"));
        assertTrue(e.getMessage().contains("evaluation.rollout: warmup + steps = 42 reaches past the sequence's truth: at "
                + "most seq_len + 1 = 41"), e.getMessage());
    }
}
