package dev.rnnlab.runner;

import dev.rnnlab.engine.api.Capabilities;
import dev.rnnlab.engine.api.Engine;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.engine.api.checkpoint.Snapshot;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.ClippingKind;
import dev.rnnlab.engine.api.spec.OptimizerKind;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import dev.rnnlab.engine.api.telemetry.StopRequest;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted engine for runner tests, registered as {@code native}: training loss
 * {@code (hidden/8) / step}, validation loss 1.5 times that; a model with hidden size {@link #THROWS}
 * throws, {@link #DIVERGES} diverges at step 3, {@link #RISES} has a rising loss, {@link #FLAT} a flat
 * validation loss, {@link #SLOW} sleeps 50 ms a step, {@link #FLAT_SLOW} both. Honours stop requests and
 * interruption like a real engine, and snapshots and resumes (its state is the step). Supports RNN cells
 * only, so capability checks can be tested.
 */
public final class FakeEngine implements EngineProvider {

    public static final int THROWS = 13;
    public static final int DIVERGES = 7;
    /** Training loss rises with the step. */
    public static final int RISES = 21;
    /** Validation loss stays flat. */
    public static final int FLAT = 22;
    /** Sleeps 50 ms per step. */
    public static final int SLOW = 23;
    /** Flat validation loss, 50 ms per step. */
    public static final int FLAT_SLOW = 24;
    public final AtomicInteger resumed = new AtomicInteger();
    public final AtomicInteger trained = new AtomicInteger();
    private final java.util.Set<CellKind> cells;

    /** Supports RNN cells only. */
    public FakeEngine() {
        this(EnumSet.of(CellKind.RNN_TANH, CellKind.RNN_RELU));
    }

    private FakeEngine(java.util.Set<CellKind> cells) {
        this.cells = cells;
    }

    /** Claims every cell, for tests about the config language rather than capabilities. */
    public static FakeEngine supportingEveryCell() {
        return new FakeEngine(EnumSet.allOf(CellKind.class));
    }

    public static EngineRegistry registry(FakeEngine engine) {
        return new EngineRegistry(List.of(engine));
    }

    @Override
    public String name() {
        return "native";
    }

    @Override
    public String version() {
        return "fake-1";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(cells, EnumSet.allOf(OptimizerKind.class),
                EnumSet.allOf(ClippingKind.class), EnumSet.allOf(Precision.class), 4);
    }

    @Override
    public boolean resumable() {
        return true;
    }

    @Override
    public Engine create() {
        return new Engine() {
            @Override
            public RunResult train(RunSpec spec, SequenceData data, TelemetrySink sink) {
                return FakeEngine.this.train(spec, data, sink, null);
            }

            @Override
            public RunResult resume(RunSpec spec, SequenceData data, TelemetrySink sink, Snapshot from) {
                resumed.incrementAndGet();
                return FakeEngine.this.train(spec, data, sink, from);
            }
        };
    }

    private RunResult train(RunSpec spec, SequenceData data, TelemetrySink sink, Snapshot from) {
        trained.incrementAndGet();
        if (spec.model().hidden() == THROWS) {
            throw new IllegalStateException("scripted failure");
        }
        int h = spec.model().hidden();
        double scale = h / 8.0;
        double loss = Double.NaN;
        double val = 1.5 * scale;
        long first = 1;
        if (from == null) {
            sink.validation(new EvalRecord(0, 1.5 * scale));
        } else {
            first = (long) from.tensors().get(0).values()[0] + 1;
            loss = from.tensors().get(0).values()[1];
            val = from.tensors().get(0).values()[2];
        }
        for (long step = first; step <= spec.training().steps(); step++) {
            if (Thread.currentThread().isInterrupted()) {
                return new RunResult(Outcome.INTERRUPTED, step - 1, loss, val, "interrupted");
            }
            data.trainBatch(step - 1);
            if (h == DIVERGES && step == 3) {
                sink.step(new StepRecord(step, Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false, 0.1));
                return new RunResult(Outcome.DIVERGED, step - 1, Double.NaN, 1.0, "non-finite loss at step 3");
            }
            if (h == SLOW) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return new RunResult(Outcome.INTERRUPTED, step - 1, loss, val, "interrupted");
                }
            }
            if (h == FLAT_SLOW) { // computes for 50 ms: an interrupt is seen at the next step boundary, as natively
                long until = System.nanoTime() + 50_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            loss = h == RISES ? step : scale / step;
            sink.step(new StepRecord(step, loss, 2.0 / step, Math.min(1, 2.0 / step), step < 3, 0.1));
            if (step % spec.training().evalEvery() == 0 || step == spec.training().steps()) {
                val = h == FLAT || h == FLAT_SLOW ? 1.0 : 1.5 * scale / step;
                sink.validation(new EvalRecord(step, val));
            }
            StopRequest stop = sink.stopRequest();
            if (stop != null) {
                return new RunResult(stop.outcome(), step, loss, val, stop.reason());
            }
            if (step < spec.training().steps() && sink.snapshotDue(step)) {
                sink.snapshot(new Snapshot(step, List.of(new Tensor("fake.state", Tensor.DType.F64, new int[] {3},
                        new double[] {step, loss, val}))));
            }
        }
        return new RunResult(Outcome.COMPLETED, spec.training().steps(), loss, val, "");
    }
}
