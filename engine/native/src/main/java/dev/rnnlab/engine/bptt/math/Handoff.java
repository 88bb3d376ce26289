package dev.rnnlab.engine.bptt.math;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The round trip of one cache line between two threads: each in turn waits for the other's write and
 * answers it, as a {@link Team}'s caller and worker do at every split. It is a property of where the
 * machine puts the two threads, not of rnnlab. On this project's 2-vCPU machine it is about 65 ns while
 * the two vCPUs share a cache and about 320 ns while they do not, and the host switches between the two
 * for minutes at a time; 2-thread training runs about half as fast in the slow state
 * (docs/performance.md). Measure it next to any 2-thread timing.
 */
public final class Handoff {

    private Handoff() {}

    /**
     * The median round trip in nanoseconds over 5 windows of {@code seconds / 6} each, after a warm-up
     * window; NaN with fewer than two CPUs, where each trip would wait for the scheduler.
     */
    public static double roundTripNanos(double seconds) {
        if (Runtime.getRuntime().availableProcessors() < 2) {
            return Double.NaN;
        }
        AtomicLong flag = new AtomicLong();
        Thread echo = new Thread(() -> {
            long expect = 1;
            while (true) {
                long v;
                while ((v = flag.get()) != expect) {
                    if (v < 0) {
                        return;
                    }
                    Thread.onSpinWait();
                }
                flag.set(expect + 1);
                expect += 2;
            }
        }, "rnnlab-handoff-echo");
        echo.setDaemon(true);
        echo.start();
        double[] windows = new double[5];
        long value = 0;
        try {
            long window = Math.max(1_000_000L, (long) (seconds / 6 * 1e9));
            for (int w = -1; w < windows.length; w++) { // window -1 lets the JIT compile the loop
                long trips = 0;
                long start = System.nanoTime();
                long now;
                while ((now = System.nanoTime()) - start < window) {
                    for (int i = 0; i < 100; i++) {
                        flag.set(value + 1);
                        while (flag.get() != value + 2) {
                            Thread.onSpinWait();
                        }
                        value += 2;
                    }
                    trips += 100;
                }
                if (w >= 0) {
                    windows[w] = (now - start) / (double) trips;
                }
            }
        } finally {
            flag.set(-1);
        }
        try {
            echo.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        java.util.Arrays.sort(windows);
        return windows[windows.length / 2];
    }
}
