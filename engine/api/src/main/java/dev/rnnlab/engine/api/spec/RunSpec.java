package dev.rnnlab.engine.api.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * Everything an engine needs to train one run, apart from the data.
 *
 * @param runId          stable id of the run (a hash of its resolved config)
 * @param seed           seeds weight initialisation; the same spec and data give the same run
 * @param telemetryEvery record a {@link dev.rnnlab.engine.api.telemetry.StepRecord} every this many
 *                       steps (and at the last step)
 */
public record RunSpec(
        String runId,
        long seed,
        ModelSpec model,
        TrainingSpec training,
        Precision precision,
        int telemetryEvery) implements Serializable {

    public RunSpec {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(precision, "precision");
        if (telemetryEvery < 1) {
            throw new IllegalArgumentException("telemetryEvery must be >= 1, got " + telemetryEvery);
        }
    }
}
