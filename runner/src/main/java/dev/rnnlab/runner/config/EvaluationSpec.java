package dev.rnnlab.runner.config;

import java.io.Serializable;

/**
 * What happens after training ({@code evaluation:}): the final weights are evaluated on the test split, and
 * {@code predictions.csv} holds the predictions for the first {@code predictions} sequences of the test split (the
 * validation split when there is none). With {@code rolloutSteps > 0}, an autoregressive rollout: after
 * {@code rolloutWarmup} true steps of the first such sequence, each prediction is fed back as the next input, for
 * {@code rolloutSteps} steps ({@code rollout.csv}); for next-step tasks whose inputs are their targets.
 */
public record EvaluationSpec(int predictions, int rolloutWarmup, int rolloutSteps) implements Serializable {

    public static final int DEFAULT_PREDICTIONS = 100;
    public static final int MAX_PREDICTIONS = 1_000_000;
    public static final EvaluationSpec DEFAULT = new EvaluationSpec(DEFAULT_PREDICTIONS);

    public EvaluationSpec {
        if (predictions < 0 || predictions > MAX_PREDICTIONS) {
            throw new IllegalArgumentException("predictions must be in [0, " + MAX_PREDICTIONS + "]");
        }
        if (rolloutWarmup < 0 || rolloutSteps < 0 || rolloutSteps > 0 && rolloutWarmup < 1) {
            throw new IllegalArgumentException("a rollout needs warmup >= 1 and steps >= 0");
        }
    }

    /** Without a rollout. */
    public EvaluationSpec(int predictions) {
        this(predictions, 0, 0);
    }
}
