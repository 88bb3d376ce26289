package dev.rnnlab.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.engine.api.telemetry.RunResult;
import org.junit.jupiter.api.Test;

class SummaryLossesTest {

    private static RunResult result(Outcome o, double train, double val) {
        return new RunResult(o, 40, train, val, "");
    }

    @Test
    void aCompletedRunReportsWhatItEndedWith() {
        assertEquals(new SummaryLosses(0.25, 0.5, 0.4, 300L),
                SummaryLosses.of(result(Outcome.COMPLETED, 0.25, 0.5), 0.4, 300));
    }

    @Test
    void aRunThatDivergedOrFailedHasNoFinalLossEvenWhenItsLastOnesWereFinite() {
        // The engine hands back the last finite values: a huge training loss and the validation loss at step 0.
        assertEquals(new SummaryLosses(null, null, null, null),
                SummaryLosses.of(result(Outcome.DIVERGED, 4.888e39, 1.497), Double.NaN, -1));
        assertEquals(new SummaryLosses(null, null, 0.3, 200L),
                SummaryLosses.of(result(Outcome.DIVERGED, 4.888e39, 0.3), 0.3, 200),
                "the best before it diverged is still what training reached");
        assertEquals(new SummaryLosses(null, null, null, null),
                SummaryLosses.of(result(Outcome.FAILED, Double.NaN, Double.NaN), Double.NaN, -1));
    }

    @Test
    void aRunStoppedBeforeAnyEvaluationAfterStepZeroHasNoLosses() {
        for (Outcome o : new Outcome[] {Outcome.STOPPED, Outcome.TIMED_OUT, Outcome.INTERRUPTED}) {
            assertEquals(new SummaryLosses(null, null, null, null),
                    SummaryLosses.of(result(o, 7.5, 1.497), Double.NaN, -1), o.toString());
        }
    }

    @Test
    void aRunStoppedAfterAnEvaluationReportsItsLastOne() {
        assertEquals(new SummaryLosses(0.2, 0.35, 0.3, 100L),
                SummaryLosses.of(result(Outcome.STOPPED, 0.2, 0.35), 0.3, 100));
        assertEquals(new SummaryLosses(0.2, null, 0.3, 100L),
                SummaryLosses.of(result(Outcome.TIMED_OUT, 0.2, Double.NaN), 0.3, 100), "a non-finite value is null");
    }
}
