package dev.rnnlab.runner;

import dev.rnnlab.engine.api.Capabilities;
import dev.rnnlab.engine.api.Engine;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
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
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted engine for runner tests, registered as {@code native}: loss {@code 1/step}; a model with
 * hidden size {@link #THROWS} throws, one with {@link #DIVERGES} diverges at step 3. Supports RNN cells
 * only, so capability checks can be tested.
 */
public final class FakeEngine implements EngineProvider {

    public static final int THROWS = 13;
    public static final int DIVERGES = 7;
    public final AtomicInteger trained = new AtomicInteger();

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
        return new Capabilities(EnumSet.of(CellKind.RNN_TANH, CellKind.RNN_RELU), EnumSet.allOf(OptimizerKind.class),
                EnumSet.allOf(ClippingKind.class), EnumSet.allOf(Precision.class), 4);
    }

    @Override
    public Engine create() {
        return this::train;
    }

    private RunResult train(RunSpec spec, SequenceData data, TelemetrySink sink) {
        trained.incrementAndGet();
        if (spec.model().hidden() == THROWS) {
            throw new IllegalStateException("scripted failure");
        }
        sink.validation(new EvalRecord(0, 1.0));
        for (long step = 1; step <= spec.training().steps(); step++) {
            data.trainBatch(step - 1);
            if (spec.model().hidden() == DIVERGES && step == 3) {
                sink.step(new StepRecord(step, Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false, 0.1));
                return new RunResult(Outcome.DIVERGED, step - 1, Double.NaN, 1.0, "non-finite loss at step 3");
            }
            sink.step(new StepRecord(step, 1.0 / step, 2.0 / step, Math.min(1, 2.0 / step), step < 3, 0.1));
            if (step % spec.training().evalEvery() == 0 || step == spec.training().steps()) {
                sink.validation(new EvalRecord(step, 1.5 / step));
            }
        }
        long n = spec.training().steps();
        return new RunResult(Outcome.COMPLETED, n, 1.0 / n, 1.5 / n, "");
    }
}
