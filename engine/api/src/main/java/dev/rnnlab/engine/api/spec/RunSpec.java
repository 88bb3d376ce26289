package dev.rnnlab.engine.api.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * Everything an engine needs to train one run, apart from the data.
 *
 * @param runId          stable id of the run (a hash of its resolved config)
 * @param seed           seeds weight initialisation; the same spec and data give the same run
 * @param telemetry what to record, how often
 */
public record RunSpec(
        String runId,
        long seed,
        ModelSpec model,
        TrainingSpec training,
        Precision precision,
        TelemetrySpec telemetry) implements Serializable {

    public RunSpec {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(telemetry, "telemetry");
    }
}
