package dev.rnnlab.runner.config;

import java.io.Serializable;

/**
 * What happens after training ({@code evaluation:}): the final weights are evaluated on the test split, and
 * {@code predictions.csv} holds the predictions for the first {@code predictions} sequences of the test split (the
 * validation split when there is none).
 */
public record EvaluationSpec(int predictions) implements Serializable {

    public static final int DEFAULT_PREDICTIONS = 100;
    public static final int MAX_PREDICTIONS = 1_000_000;
    public static final EvaluationSpec DEFAULT = new EvaluationSpec(DEFAULT_PREDICTIONS);

    public EvaluationSpec {
        if (predictions < 0 || predictions > MAX_PREDICTIONS) {
            throw new IllegalArgumentException("predictions must be in [0, " + MAX_PREDICTIONS + "]");
        }
    }
}
