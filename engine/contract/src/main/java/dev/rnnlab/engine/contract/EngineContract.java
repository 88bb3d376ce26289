package dev.rnnlab.engine.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.Capabilities;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.engine.api.checkpoint.Snapshot;
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
import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import dev.rnnlab.engine.api.telemetry.StopRequest;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * What every engine promises the runner, as tests: an engine's test class extends this and names its
 * provider. Each test derives what to try from the provider's own {@link Capabilities}, so an engine that
 * declares a cell, an optimizer or a clipping mode must train it, and the runner can rely on the outcomes,
 * the step order, stop requests, interruption and (for a {@link EngineProvider#resumable()} engine) exact
 * resumption, whichever engine runs a sweep.
 */
public abstract class EngineContract {

    /** The engine under test. */
    protected abstract EngineProvider provider();

    /** Keeps every step and validation record; takes a snapshot when asked at {@code snapshotAt} (-1: never). */
    public static class Recording implements TelemetrySink {
        public final List<StepRecord> steps = new ArrayList<>();
        public final List<EvalRecord> evals = new ArrayList<>();
        public Snapshot snapshot;
        public long snapshotAt = -1;

        @Override
        public void step(StepRecord r) {
            steps.add(r);
        }

        @Override
        public void validation(EvalRecord r) {
            evals.add(r);
        }

        @Override
        public boolean snapshotDue(long step) {
            return step == snapshotAt;
        }

        @Override
        public void snapshot(Snapshot s) {
            snapshot = s;
        }
    }

    /** A small run of the given cell, optimizer and clipping, in float32 if the engine trains it, else float64. */
    protected RunSpec spec(CellKind cell, int layers, OptimizerSpec optimizer, ClippingSpec clipping, int steps) {
        Precision precision = provider().capabilities().precisions().contains(Precision.FLOAT32)
                ? Precision.FLOAT32 : Precision.FLOAT64;
        return new RunSpec("contract", 3, new ModelSpec(CellSpec.of(cell), 5, layers),
                new TrainingSpec(steps, 3, 2, optimizer, new ScheduleSpec.Constant(), clipping), precision,
                new TelemetrySpec(1, 0, false));
    }

    /** A run every engine can train: its first declared cell, optimizer and clipping mode. */
    protected RunSpec plain(int steps) {
        Capabilities c = provider().capabilities();
        return spec(c.cells().iterator().next(), 1, optimizer(c.optimizers().iterator().next()),
                clipping(c.clipping().iterator().next()), steps);
    }

    static OptimizerSpec optimizer(OptimizerKind kind) {
        return switch (kind) {
            case SGD -> new OptimizerSpec.Sgd(0.05, 0.0);
            case MOMENTUM -> new OptimizerSpec.Momentum(0.05, 0.9, 0.0, 0.0);
            case NESTEROV -> new OptimizerSpec.Nesterov(0.05, 0.9, 0.0);
            case ADAM -> OptimizerSpec.Adam.withDefaults(0.01);
            case ADAMW -> new OptimizerSpec.AdamW(0.01, 0.9, 0.999, 1e-8, 0.01);
            case RMSPROP -> new OptimizerSpec.RmsProp(0.01, 0.99, 1e-8, 0.0);
            case ADAGRAD -> new OptimizerSpec.Adagrad(0.05, 1e-10, 0.0);
        };
    }

    static ClippingSpec clipping(ClippingKind kind) {
        return switch (kind) {
            case NONE -> new ClippingSpec.None();
            case VALUE -> new ClippingSpec.Value(0.01);
            case NORM -> new ClippingSpec.Norm(0.01);
            case GLOBAL_NORM -> new ClippingSpec.GlobalNorm(0.01);
        };
    }

    /**
     * A {@link dev.rnnlab.engine.api.check.Stepper} fed a sequence in stretches of 1, 3 and the rest gives the
     * outputs the evaluator gives for the whole sequence at once: the state is carried, not reset, and it starts at
     * zero. Every declared cell, two layers, a head on every step, logits for cross-entropy.
     */
    @Test
    void aStepperCarriesItsStateAndMatchesTheEvaluator() {
        var checker = provider().gradientChecker();
        if (checker.isEmpty()) {
            return; // no float64 evaluator: the runner does not evaluate or generate with this engine
        }
        int in = 3;
        int out = 4;
        int t = 9;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        for (CellKind cell : provider().capabilities().cells()) {
            ModelSpec model = new ModelSpec(CellSpec.of(cell), 5, 2);
            java.util.Map<String, double[]> params = dev.rnnlab.engine.shared.InitialParameters.draw(model, in, out,
                    new java.util.SplittableRandom(11));
            params.replaceAll((k, v) -> java.util.Arrays.stream(v).map(x -> x + 0.3 * rng.nextDouble(-1, 1)).toArray());
            double[] x = rng.doubles(t * in, -1, 1).toArray();
            double[] y = new double[t];
            var report = checker.get().evaluate(new dev.rnnlab.engine.api.check.GradientCase(model, in, out, t, 1,
                    dev.rnnlab.engine.api.data.TargetLayout.EVERY_STEP, dev.rnnlab.engine.api.spec.LossKind.CROSS_ENTROPY,
                    params, x, y, null));
            var stepper = checker.get().stepper(model, in, out, params);
            double[] got = new double[t * out];
            int done = 0;
            for (int n : new int[] {1, 3, t - 4}) {
                double[] o = stepper.step(java.util.Arrays.copyOfRange(x, done * in, (done + n) * in), n);
                assertEquals(n * out, o.length, cell + ": outputs for " + n + " steps");
                System.arraycopy(o, 0, got, done * out, o.length);
                done += n;
            }
            for (int i = 0; i < got.length; i++) {
                assertEquals(report.predictions()[i], got[i], 1e-12, cell + ": output " + i + " (step " + i / out + ")");
            }
        }
    }

    @Test
    void isFoundByServiceLoaderUnderItsName() {
        assertTrue(EngineRegistry.discover(getClass().getClassLoader()).find(provider().name()).isPresent(),
                provider().name() + " is not listed in META-INF/services");
    }

    @Test
    void trainsEveryDeclaredCellWithEveryDeclaredOptimizer() {
        Capabilities c = provider().capabilities();
        for (CellKind cell : c.cells()) {
            for (OptimizerKind kind : c.optimizers()) {
                Recording sink = new Recording();
                RunResult r = provider().create().train(spec(cell, 1, optimizer(kind), new ClippingSpec.None(), 4),
                        new SineData(6, 3, -1), sink);
                String what = cell + " with " + kind;
                assertEquals(Outcome.COMPLETED, r.outcome(), what + ": " + r.detail());
                assertEquals(4, r.stepsDone(), what);
                assertEquals(List.of(1L, 2L, 3L, 4L), sink.steps.stream().map(StepRecord::step).toList(), what);
                assertTrue(sink.steps.stream().allMatch(s -> Double.isFinite(s.loss())), what + ": finite losses");
                assertEquals(List.of(0L, 2L, 4L), sink.evals.stream().map(EvalRecord::step).toList(),
                        what + ": validation before the first step, every eval_every and after the last");
            }
        }
    }

    @Test
    void honoursEveryDeclaredClippingModeAndReportsNormsBeforeAndAfter() {
        for (ClippingKind kind : provider().capabilities().clipping()) {
            Recording sink = new Recording();
            RunSpec s = plain(3);
            s = spec(s.model().cell().kind(), 1, s.training().optimizer(), clipping(kind), 3);
            assertEquals(Outcome.COMPLETED, provider().create().train(s, new SineData(6, 3, -1), sink).outcome(),
                    kind.configName());
            for (StepRecord r : sink.steps) {
                assertTrue(r.gradNormPost() <= r.gradNormPre() * (1 + 1e-6), kind + ": " + r);
                if (kind == ClippingKind.GLOBAL_NORM) {
                    assertTrue(r.clipped() && r.gradNormPost() <= 0.01 * (1 + 1e-5), "global norm 0.01: " + r);
                }
                if (kind == ClippingKind.NONE) {
                    assertTrue(!r.clipped() && r.gradNormPost() == r.gradNormPre(), "no clipping: " + r);
                }
            }
        }
    }

    @Test
    void trainsAsManyLayersAsItDeclares() {
        RunSpec s = plain(2);
        int layers = provider().capabilities().maxLayers();
        RunResult r = provider().create().train(spec(s.model().cell().kind(), layers, s.training().optimizer(),
                s.training().clipping(), 2), new SineData(4, 2, -1), new Recording());
        assertEquals(Outcome.COMPLETED, r.outcome(), layers + " layers: " + r.detail());
    }

    @Test
    void readsBatchesInStepOrder() {
        SineData data = new SineData(6, 3, -1);
        provider().create().train(plain(6), data, new Recording());
        assertEquals(LongStream.range(0, 6).boxed().toList(), data.asked(), "batch i for optimizer step i + 1");
    }

    @Test
    void aNonFiniteLossEndsTheRunAsDivergedWithoutThrowing() {
        RunResult r = provider().create().train(plain(6), new SineData(6, 3, 2), new Recording());
        assertEquals(Outcome.DIVERGED, r.outcome());
        assertEquals(2, r.stepsDone(), "steps 1 and 2 applied; step 3's batch holds the NaN");
        assertTrue(r.detail().contains("3"), "the detail names the step: " + r.detail());
    }

    @Test
    void anInterruptedThreadEndsTheRunAsInterruptedAtTheNextStepBoundary() {
        Recording sink = new Recording() {
            @Override
            public void step(StepRecord r) {
                super.step(r);
                if (r.step() == 2) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        RunResult r;
        try {
            r = provider().create().train(plain(6), new SineData(6, 3, -1), sink);
        } finally {
            Thread.interrupted();
        }
        assertEquals(Outcome.INTERRUPTED, r.outcome());
        assertEquals(2, r.stepsDone());
    }

    @Test
    void aStopRequestEndsTheRunAtOnceWithItsOutcomeAndReason() {
        Recording sink = new Recording() {
            @Override
            public StopRequest stopRequest() {
                return steps.size() == 3 ? new StopRequest(Outcome.STOPPED, "a rule said so") : null;
            }
        };
        RunResult r = provider().create().train(plain(6), new SineData(6, 3, -1), sink);
        assertEquals(Outcome.STOPPED, r.outcome());
        assertEquals(3, r.stepsDone());
        assertEquals("a rule said so", r.detail());
    }

    @Test
    void theSameRunTwiceGivesTheSameRecords() {
        Recording a = new Recording();
        Recording b = new Recording();
        provider().create().train(plain(5), new SineData(6, 3, -1), a);
        provider().create().train(plain(5), new SineData(6, 3, -1), b);
        assertEquals(a.steps, b.steps);
        assertEquals(a.evals, b.evals);
    }

    @Test
    void resumesExactlyFromItsSnapshotsOrSaysItCannot() {
        RunSpec s = plain(7);
        if (!provider().resumable()) {
            assertThrows(UnsupportedOperationException.class, () -> provider().create().resume(s,
                    new SineData(6, 3, -1), new Recording(), new Snapshot(1, List.of())));
            return;
        }
        Recording whole = new Recording();
        RunResult uninterrupted = provider().create().train(s, new SineData(6, 3, -1), whole);
        Recording first = new Recording();
        first.snapshotAt = 3;
        provider().create().train(s, new SineData(6, 3, -1), first);
        assertTrue(first.snapshot != null && first.snapshot.step() == 3, "a snapshot when asked, of that step");
        Recording rest = new Recording();
        SineData data = new SineData(6, 3, -1);
        RunResult resumed = provider().create().resume(s, data, rest, first.snapshot);
        assertEquals(uninterrupted, resumed);
        assertEquals(whole.steps.subList(3, 7), rest.steps, "the steps after the snapshot, bit for bit");
        assertEquals(whole.evals.stream().filter(e -> e.step() > 3).toList(), rest.evals);
        assertEquals(LongStream.range(3, 7).boxed().toList(), data.asked(), "only the batches after it");
    }
}
