package dev.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnlab.runner.store.RunSummary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static RunSummary summary(String outcome, String detail, Double train, Double val) {
        return new RunSummary(RunSummary.FORMAT, "abc", "s", 0, outcome, detail, 33, train, val, null, null, null, 0.1, "", "",
                "native", "1", 1, Map.of(), "", Map.of());
    }

    @Test
    void aRunWithFinalLossesShowsThem() {
        assertEquals("train=0.1351 val=0.1562", Progress.result(summary("completed", "", 0.13512, 0.15621)));
    }

    @Test
    void aDivergedRunShowsWhatHappenedNotItsLastFiniteLosses() {
        assertEquals("diverged at step 33: non-finite gradient of rnn.weight_ih_l0 (layer 0)",
                Progress.result(summary("diverged", "diverged at step 33: non-finite gradient of rnn.weight_ih_l0 (layer 0)",
                        null, null)));
        assertEquals("no final loss: no evaluation after step 0", Progress.result(summary("timed_out", "", null, null)));
    }
}
