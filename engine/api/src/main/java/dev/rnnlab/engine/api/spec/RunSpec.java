package dev.rnnlab.engine.api.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * Everything an engine needs to train one run, apart from the data.
 *
 * @param runId          stable id of the run (a hash of its resolved config)
 * @param seed           seeds weight initialisation; the same spec and data give the same run
 * @param telemetry what to record, how often
 * @param threads   threads the engine may use within this run: an execution resource, not part of the
 *                  experiment (an engine must give the same results for every count, so it is not in
 *                  the run id); 1 unless the executor grants more
 */
public record RunSpec(
        String runId,
        long seed,
        ModelSpec model,
        TrainingSpec training,
        Precision precision,
        TelemetrySpec telemetry,
        int threads) implements Serializable {

    public RunSpec {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(telemetry, "telemetry");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** A run on one thread. */
    public RunSpec(String runId, long seed, ModelSpec model, TrainingSpec training, Precision precision,
                   TelemetrySpec telemetry) {
        this(runId, seed, model, training, precision, telemetry, 1);
    }

    /** This run with {@code threads} threads within it. */
    public RunSpec withThreads(int threads) {
        return new RunSpec(runId, seed, model, training, precision, telemetry, threads);
    }
}
