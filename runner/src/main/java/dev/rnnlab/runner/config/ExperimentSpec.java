package dev.rnnlab.runner.config;

import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.runner.data.DatasetSpec;
import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One fully resolved experiment: a single run's configuration, every default filled in. A sweep is a
 * list of these. Serialisable so executors can ship it elsewhere.
 *
 * @param telemetry what the engine records while training, how often
 * @param stopping  early-termination rules and the time limit, applied by the runner
 */
public record ExperimentSpec(
        String name,
        long seed,
        String engine,
        DatasetSpec dataset,
        ModelSpec model,
        TrainingSpec training,
        Precision precision,
        TelemetrySpec telemetry,
        StoppingSpec stopping,
        EvaluationSpec evaluation) implements Serializable {

    /** Names become directory names: letters, digits, '.', '_' and '-', starting with a letter or digit. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    public ExperimentSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid experiment name: " + name);
        }
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(telemetry, "telemetry");
        Objects.requireNonNull(stopping, "stopping");
        Objects.requireNonNull(evaluation, "evaluation");
    }

    /** With the default evaluation. */
    public ExperimentSpec(String name, long seed, String engine, DatasetSpec dataset, ModelSpec model,
                          TrainingSpec training, Precision precision, TelemetrySpec telemetry, StoppingSpec stopping) {
        this(name, seed, engine, dataset, model, training, precision, telemetry, stopping, EvaluationSpec.DEFAULT);
    }

    /** Without early termination or time limit. */
    public ExperimentSpec(String name, long seed, String engine, DatasetSpec dataset, ModelSpec model,
                          TrainingSpec training, Precision precision, TelemetrySpec telemetry) {
        this(name, seed, engine, dataset, model, training, precision, telemetry, StoppingSpec.NONE);
    }

    /** What the engine trains, under the run id {@code runId}. */
    public RunSpec toRunSpec(String runId) {
        return new RunSpec(runId, seed, model, training, precision, telemetry);
    }
}
