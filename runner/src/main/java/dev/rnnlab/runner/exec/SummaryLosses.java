package dev.rnnlab.runner.exec;

import dev.rnnlab.engine.api.telemetry.RunResult;

/**
 * The losses a run's {@code summary.json} reports, so that no run is read as finished when it was not.
 * <ul>
 *   <li>{@code best_*}: the lowest validation loss at an evaluation after step 0 (step 0 is the model at
 *       initialisation, not a result of training), null if there was none;</li>
 *   <li>{@code final_*}: the losses the run ended with, only when it ended in a state training produced and
 *       a valid evaluation after step 0 measured: never for a diverged or failed run, and never for a run
 *       stopped, timed out or interrupted before such an evaluation (its value would be the initial loss).</li>
 * </ul>
 */
record SummaryLosses(Double finalTrain, Double finalVal, Double bestVal, Long bestValStep) {

    /**
     * @param bestVal  lowest finite validation loss after step 0 (NaN if none), as {@code MetricsWriter} keeps it
     * @param bestStep its step, -1 if none
     */
    static SummaryLosses of(RunResult result, double bestVal, long bestStep) {
        boolean evaluated = bestStep > 0 && Double.isFinite(bestVal);
        Double best = evaluated ? bestVal : null;
        Long bestAt = evaluated ? bestStep : null;
        boolean endedWell = switch (result.outcome()) {
            case COMPLETED, STOPPED, TIMED_OUT, INTERRUPTED -> true;
            case DIVERGED, FAILED -> false;
        };
        if (!endedWell || !evaluated) {
            return new SummaryLosses(null, null, best, bestAt);
        }
        return new SummaryLosses(finite(result.finalTrainLoss()), finite(result.finalValidationLoss()), best, bestAt);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
