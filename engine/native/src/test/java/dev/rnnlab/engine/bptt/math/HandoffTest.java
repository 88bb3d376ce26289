package dev.rnnlab.engine.bptt.math;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HandoffTest {

    @Test
    void measuresARoundTripAndStopsItsThread() {
        double ns = Handoff.roundTripNanos(0.06);
        // a round trip is two cache-line transfers: tens of nanoseconds to microseconds on any machine
        assertTrue(ns > 1 && ns < 1_000_000, "round trip " + ns + " ns");
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("rnnlab-handoff-echo") && t.isAlive()), "the echo thread ended");
    }
}
