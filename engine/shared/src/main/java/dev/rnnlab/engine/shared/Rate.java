package dev.rnnlab.engine.shared;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * The throughput measurement every engine's benchmark uses, so that their lines compare like with like: 3
 * warm-up iterations, then {@code reps} windows of about {@code seconds} each; the median window's rate. The
 * iteration returns a value (a loss) so its work cannot be optimised away; NaN means the benchmark diverged.
 */
public final class Rate {

    private Rate() {}

    /** Iterations per second of the median window. */
    public static double median(DoubleSupplier iteration, double seconds, int reps) {
        double sink = 0;
        for (int i = 0; i < 3; i++) {
            sink += iteration.getAsDouble();
        }
        double[] rates = new double[reps];
        for (int r = 0; r < reps; r++) {
            long start = System.nanoTime();
            int iters = 0;
            do {
                sink += iteration.getAsDouble();
                iters++;
            } while (System.nanoTime() - start < seconds * 1e9);
            rates[r] = iters / ((System.nanoTime() - start) / 1e9);
        }
        if (Double.isNaN(sink)) {
            throw new IllegalStateException("the benchmark diverged");
        }
        Arrays.sort(rates);
        return rates[reps / 2];
    }
}
