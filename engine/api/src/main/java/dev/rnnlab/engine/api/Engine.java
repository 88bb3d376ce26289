package dev.rnnlab.engine.api;

import dev.rnnlab.engine.api.checkpoint.Snapshot;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;

/**
 * Trains one run. An engine instance may be reused for several runs but is used by one thread at a time.
 *
 * <p>Contract every engine honours (and the shared contract tests check):
 * <ul>
 *   <li>{@code train} returns an outcome for every way a run can end and never throws for a run that
 *       merely diverged: a non-finite loss or gradient yields {@link dev.rnnlab.engine.api.telemetry.Outcome#DIVERGED};</li>
 *   <li>an interrupted thread ends the run with {@link dev.rnnlab.engine.api.telemetry.Outcome#INTERRUPTED}
 *       at the next step boundary;</li>
 *   <li>batches come from {@code data} in step order, so two engines given the same data see the same batches.</li>
 * </ul>
 */
public interface Engine {

    RunResult train(RunSpec spec, SequenceData data, TelemetrySink sink);

    /**
     * Continues a run of the same spec and data from a {@link Snapshot} this engine handed to a sink: the
     * records of the steps after {@code from.step()} are the ones the uninterrupted run would have sent (the
     * native engine: bit for bit). Validation at {@code from.step()} is not repeated. Only for engines whose
     * provider is {@link EngineProvider#resumable()}.
     */
    default RunResult resume(RunSpec spec, SequenceData data, TelemetrySink sink, Snapshot from) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot resume a run");
    }
}
