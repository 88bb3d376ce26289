package dev.rnnlab.engine.bptt.math;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HandoffTest {

    @Test
    void measuresARoundTripAndStopsItsThread() {
        double ns = Handoff.roundTripNanos(0.06);
        // Only that a measurement came out: how fast it is depends on how busy the machine is (7.68 ms was seen
        // under load), so its size belongs to `rnnlab bench --handoff`, not to a unit test.
        assertTrue(ns > 0 && Double.isFinite(ns), "round trip " + ns + " ns");
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("rnnlab-handoff-echo") && t.isAlive()), "the echo thread ended");
    }
}
