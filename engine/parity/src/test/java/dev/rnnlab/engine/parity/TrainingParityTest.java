package dev.rnnlab.engine.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnlab.engine.api.checkpoint.Safetensors;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.InitScheme;
import dev.rnnlab.engine.api.spec.InitSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.engine.contract.EngineContract.Recording;
import dev.rnnlab.engine.contract.SineData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Whole runs through {@code Engine.train} on both engines, float64, one config and seed: each engine draws its
 * initial weights itself, reads the same batches in step order, validates at the same steps, and the records
 * agree: training loss, gradient norms before and after clipping and the learning rate at each of 20 steps, the
 * validation losses, and the final weights in the checkpoint.
 */
class TrainingParityTest {

    static final class Checkpointing extends Recording {
        final List<Tensor> tensors = new ArrayList<>();

        @Override
        public void checkpoint(long step, List<Tensor> parameters) {
            tensors.addAll(parameters);
        }
    }

    @TempDir Path dir;

    /** A run of {@code cell} in float64 that loads its initial parameters from {@code from} (null: the seed's). */
    static RunSpec loading(CellKind cell, String from, int steps) {
        ModelSpec model = new ModelSpec(CellSpec.of(cell), 5, 2, new InitSpec(new InitScheme.PytorchDefault(),
                new InitScheme.PytorchDefault(), new InitScheme.PytorchDefault(), from));
        return new RunSpec("checkpoint", 9, model, new TrainingSpec(steps, 3, steps, OptimizerSpec.Adam.withDefaults(0.02),
                new ScheduleSpec.Constant(), new ClippingSpec.None()), Precision.FLOAT64, new TelemetrySpec(1, 0, true));
    }

    @ParameterizedTest
    @EnumSource(value = CellKind.class, names = {"RNN_TANH", "LSTM"})
    void aCheckpointOfEitherEngineLoadsIntoTheOtherAndStartsWhereItEnded(CellKind cell) throws Exception {
        for (boolean nativeFirst : new boolean[] {true, false}) {
            var first = nativeFirst ? EngineParityTest.NATIVE : EngineParityTest.DL4J;
            var second = nativeFirst ? EngineParityTest.DL4J : EngineParityTest.NATIVE;
            Checkpointing trained = new Checkpointing();
            first.create().train(loading(cell, null, 15), new SineData(8, 3, -1), trained);
            Path file = dir.resolve(first.name() + "-" + cell + ".safetensors");
            Safetensors.write(file, trained.tensors, java.util.Map.of());
            Recording loaded = new Recording();
            second.create().train(loading(cell, file.toString(), 1), new SineData(8, 3, -1), loaded);
            double end = trained.evals.get(trained.evals.size() - 1).validationLoss();
            assertEquals(end, loaded.evals.get(0).validationLoss(), 1e-10 * end,
                    first.name() + "'s model.safetensors, loaded by " + second.name() + ": its validation loss at step 0");
        }
    }

    @ParameterizedTest
    @EnumSource(value = CellKind.class, names = {"RNN_TANH", "RNN_RELU", "LSTM"})
    void twentyStepsOfARunAgreeRecordByRecord(CellKind cell) {
        ModelSpec model = new ModelSpec(CellSpec.of(cell), 6, 2, new InitSpec(new InitScheme.XavierUniform(),
                new InitScheme.Orthogonal(), new InitScheme.PytorchDefault()));
        RunSpec spec = new RunSpec("parity", 4, model, new TrainingSpec(20, 3, 5, new OptimizerSpec.Adam(0.02, 0.9,
                0.999, 1e-8, 0.0), new ScheduleSpec.Cosine(0.001), new ClippingSpec.GlobalNorm(0.5)), Precision.FLOAT64,
                new TelemetrySpec(1, 0, true));
        Checkpointing ref = new Checkpointing();
        Checkpointing ours = new Checkpointing();
        RunResult r = EngineParityTest.NATIVE.create().train(spec, new SineData(8, 3, -1), ref);
        RunResult o = EngineParityTest.DL4J.create().train(spec, new SineData(8, 3, -1), ours);
        assertEquals(Outcome.COMPLETED, r.outcome());
        assertEquals(Outcome.COMPLETED, o.outcome(), o.detail());
        assertEquals(20, ours.steps.size());
        for (int i = 0; i < 20; i++) {
            var a = ref.steps.get(i);
            var b = ours.steps.get(i);
            assertEquals(a.step(), b.step());
            EngineParityTest.assertClose("step " + a.step() + " loss, norms, lr", new double[] {a.loss(), a.gradNormPre(),
                    a.gradNormPost(), a.lr()}, new double[] {b.loss(), b.gradNormPre(), b.gradNormPost(), b.lr()}, 1e-8);
            assertEquals(a.clipped(), b.clipped(), "step " + a.step());
        }
        assertEquals(ref.evals.stream().map(e -> e.step()).toList(), ours.evals.stream().map(e -> e.step()).toList());
        EngineParityTest.assertClose("validation", ref.evals.stream().mapToDouble(e -> e.validationLoss()).toArray(),
                ours.evals.stream().mapToDouble(e -> e.validationLoss()).toArray(), 1e-8);
        assertEquals(ref.tensors.stream().map(Tensor::name).toList(), ours.tensors.stream().map(Tensor::name).toList());
        for (int i = 0; i < ref.tensors.size(); i++) {
            EngineParityTest.assertClose("final " + ref.tensors.get(i).name(), ref.tensors.get(i).values(),
                    ours.tensors.get(i).values(), 1e-8);
        }
    }
}
