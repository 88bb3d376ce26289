package dev.rnnlab.engine.api.telemetry;

import java.util.Objects;

/**
 * The end of a run.
 *
 * @param stepsDone         updates applied
 * @param finalTrainLoss    training loss of the last recorded step (NaN if none)
 * @param finalValidationLoss validation loss of the last evaluation (NaN if none)
 * @param detail            for anything but {@link Outcome#COMPLETED}: what happened, where
 */
public record RunResult(Outcome outcome, long stepsDone, double finalTrainLoss, double finalValidationLoss,
                        String detail) {

    public RunResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
