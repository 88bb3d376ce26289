package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.engine.api.spec.BpttSpec;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import dev.rnnlab.engine.bptt.math.F32Kernels;
import dev.rnnlab.engine.contract.EngineContract.Recording;
import dev.rnnlab.engine.contract.SineData;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The native engine through the engine API: discovery, learning, determinism, divergence, precision. */
class NativeEngineTest {

    static RunSpec spec(Precision precision, int steps, OptimizerSpec optimizer, ClippingSpec clipping) {
        return spec(CellKind.RNN_TANH, 12, precision, steps, optimizer, clipping);
    }

    static RunSpec spec(CellKind cell, int hidden, Precision precision, int steps, OptimizerSpec optimizer,
                        ClippingSpec clipping) {
        return new RunSpec("test", 7, new ModelSpec(CellSpec.of(cell), hidden, 2),
                new TrainingSpec(steps, 4, 25, optimizer, new ScheduleSpec.Constant(), clipping), precision,
                TelemetrySpec.DEFAULT);
    }

    @Test
    void isDiscoveredThroughServiceLoaderWithItsCapabilities() {
        EngineProvider p = EngineRegistry.discover(getClass().getClassLoader()).find("native").orElseThrow();
        assertEquals(java.util.Set.of(CellKind.values()), p.capabilities().cells());
    }

    @Test
    void learnsTheSineTaskInFloat32() {
        Recording sink = new Recording();
        RunResult r = new NativeEngine().train(spec(Precision.FLOAT32, 300, OptimizerSpec.Adam.withDefaults(0.01),
                new ClippingSpec.GlobalNorm(1.0)), new SineData(20, 4, -1), sink);
        assertEquals(Outcome.COMPLETED, r.outcome());
        assertEquals(300, r.stepsDone());
        assertEquals(300, sink.steps.size());
        double first = sink.evals.get(0).validationLoss();
        double last = sink.evals.get(sink.evals.size() - 1).validationLoss();
        assertTrue(last < 0.1 * first, "validation loss " + first + " -> " + last);
        assertEquals(List.of(0L, 25L, 50L), sink.evals.subList(0, 3).stream().map(e -> e.step()).toList());
    }

    /**
     * Every cell, two layers: the plain loops train to the Vector API kernels' bits, step
     * by step and in the final weights, so a run is the same with or without {@code jdk.incubator.vector}.
     */
    @ParameterizedTest
    @EnumSource(CellKind.class)
    void theVectorApiAndThePlainLoopsTrainToTheSameBits(CellKind cell) {
        RunSpec s = spec(cell, 21, Precision.FLOAT32, 30, OptimizerSpec.Adam.withDefaults(0.01),
                new ClippingSpec.GlobalNorm(0.5));
        Recording a = new Recording();
        Recording b = new Recording();
        try (F32Kernels vector = new F32Kernels(1, true); F32Kernels plain = new F32Kernels(1, false)) {
            assertTrue(vector.vectorised() && !plain.vectorised());
            Trainer<float[]> withVectors = new Trainer<>(vector, s, new SineData(15, 4, -1));
            Trainer<float[]> withLoops = new Trainer<>(plain, s, new SineData(15, 4, -1));
            withVectors.run(a);
            withLoops.run(b);
            assertEquals(a.steps, b.steps);
            assertEquals(a.evals, b.evals);
            for (int i = 0; i < withVectors.model().parameters().size(); i++) {
                assertArrayEquals(withVectors.model().parameters().get(i).value(),
                        withLoops.model().parameters().get(i).value(), withVectors.model().parameters().get(i).name());
            }
        }
    }

    /**
     * Every cell. The first run starts in the interpreter and the second runs compiled code, so this also
     * catches kernels whose bits depend on JIT state (as lane-wise vector EXP/TANH did).
     */
    @ParameterizedTest
    @EnumSource(CellKind.class)
    void theSameRunTwiceIsBitIdentical(CellKind cell) {
        RunSpec s = spec(cell, 20, Precision.FLOAT32, 60, OptimizerSpec.Adam.withDefaults(0.01),
                new ClippingSpec.GlobalNorm(0.5));
        Recording a = new Recording();
        Recording b = new Recording();
        new NativeEngine().train(s, new SineData(15, 4, -1), a);
        new NativeEngine().train(s, new SineData(15, 4, -1), b);
        assertEquals(a.steps, b.steps);
        assertEquals(a.evals, b.evals);
    }

    /** Every cell, with a hidden size of one 16-lane vector plus a scalar tail for the vectorised kernels. */
    @ParameterizedTest
    @EnumSource(CellKind.class)
    void float32TrainingTracksFloat64(CellKind cell) {
        OptimizerSpec opt = new OptimizerSpec.Sgd(0.05);
        Recording f32 = new Recording();
        Recording f64 = new Recording();
        new NativeEngine().train(spec(cell, 20, Precision.FLOAT32, 50, opt, new ClippingSpec.None()),
                new SineData(15, 4, -1), f32);
        new NativeEngine().train(spec(cell, 20, Precision.FLOAT64, 50, opt, new ClippingSpec.None()),
                new SineData(15, 4, -1), f64);
        for (int i = 0; i < 50; i++) {
            double a = f32.steps.get(i).loss();
            double b = f64.steps.get(i).loss();
            assertTrue(Math.abs(a - b) <= 1e-4 * Math.abs(b), "step " + (i + 1) + ": float32 " + a + " vs float64 " + b);
        }
    }

    @Test
    void aNonFiniteGradientStopsTheRunAsDivergedWithWeightsOfTheLastFiniteStep() {
        RunSpec s = spec(Precision.FLOAT32, 100, OptimizerSpec.Adam.withDefaults(0.01), new ClippingSpec.GlobalNorm(1.0));
        Trainer<float[]> clean = new Trainer<>(new F32Kernels(), s, new SineData(10, 4, -1));
        Trainer<float[]> poisoned = new Trainer<>(new F32Kernels(), s, new SineData(10, 4, 5));
        RunSpec fiveSteps = spec(Precision.FLOAT32, 5, OptimizerSpec.Adam.withDefaults(0.01),
                new ClippingSpec.GlobalNorm(1.0));
        Trainer<float[]> reference = new Trainer<>(new F32Kernels(), fiveSteps, new SineData(10, 4, -1));
        reference.run(new Recording());

        Recording sink = new Recording();
        RunResult r = poisoned.run(sink);
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertEquals(5, r.stepsDone(), "steps 1-5 (0-based batches 0-4) were finite");
        assertTrue(r.detail().startsWith("diverged at step 6: non-finite loss NaN; weights kept from step 5"), r.detail());
        StepRecord lastRecord = sink.steps.get(sink.steps.size() - 1);
        assertEquals(6, lastRecord.step());
        assertTrue(Double.isNaN(lastRecord.loss()));
        for (int i = 0; i < reference.model().parameters().size(); i++) {
            assertArrayEquals(reference.model().parameters().get(i).value(),
                    poisoned.model().parameters().get(i).value(), "weights must be those after step 5");
        }
        assertEquals(Outcome.COMPLETED, clean.run(new Recording()).outcome());
    }

    @Test
    void anInterruptedThreadEndsTheRunAsInterrupted() {
        Thread.currentThread().interrupt();
        try {
            RunResult r = new NativeEngine().train(spec(Precision.FLOAT32, 100, new OptimizerSpec.Sgd(0.1),
                    new ClippingSpec.None()), new SineData(10, 4, -1), new Recording());
            assertEquals(Outcome.INTERRUPTED, r.outcome());
            assertEquals(0, r.stepsDone());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void statefulTrainingCarriesTheStateAndTruncationIsReachable() {
        OptimizerSpec opt = new OptimizerSpec.Sgd(0.05);
        RunSpec plain = spec(Precision.FLOAT64, 30, opt, new ClippingSpec.None());
        TrainingSpec t = plain.training();
        RunSpec stateful = new RunSpec("s", 7, plain.model(), new TrainingSpec(t.steps(), t.batchSize(), t.evalEvery(),
                t.optimizer(), t.schedule(), t.clipping(), new BpttSpec.Full(), true), Precision.FLOAT64,
                TelemetrySpec.DEFAULT);
        RunSpec truncated = new RunSpec("s", 7, plain.model(), new TrainingSpec(t.steps(), t.batchSize(), t.evalEvery(),
                t.optimizer(), t.schedule(), t.clipping(), new BpttSpec.Truncated(5, 3), false), Precision.FLOAT64,
                TelemetrySpec.DEFAULT);
        Recording a = new Recording();
        Recording b = new Recording();
        Recording c = new Recording();
        new NativeEngine().train(plain, new SineData(15, 4, -1), a);
        new NativeEngine().train(stateful, new SineData(15, 4, -1), b);
        new NativeEngine().train(truncated, new SineData(15, 4, -1), c);
        assertEquals(a.steps.get(0).loss(), b.steps.get(0).loss(), 0.0, "the first batch starts from zeros");
        assertTrue(a.steps.get(1).loss() != b.steps.get(1).loss(), "later batches start from the carried state");
        assertEquals(a.steps.get(0).loss(), c.steps.get(0).loss(), 0.0, "truncation leaves the forward pass alone");
        assertTrue(a.steps.get(0).gradNormPre() != c.steps.get(0).gradNormPre(), "but not the gradient");
    }
}
