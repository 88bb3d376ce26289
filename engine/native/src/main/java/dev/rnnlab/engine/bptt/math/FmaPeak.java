package dev.rnnlab.engine.bptt.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The machine's measured single-thread float32 FMA peak: 12 independent vector accumulators (enough to
 * hide the FMA latency on two FMA ports) updated in a tight loop. Needs {@code jdk.incubator.vector}.
 */
public final class FmaPeak {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FmaPeak() {}

    /** GFLOP/s (2 flops per lane per FMA) over about {@code seconds}, best of 3 windows after a warm-up. */
    public static double gflops(double seconds) {
        float[] state = new float[12 * S.length()];
        java.util.Arrays.fill(state, 1f);
        double best = 0;
        for (int w = 0; w < 4; w++) {
            long calls = 0;
            long start = System.nanoTime();
            long deadline = start + (long) (seconds / 4 * 1e9);
            while (System.nanoTime() < deadline) {
                burst(state, 100_000);
                calls++;
            }
            double elapsed = (System.nanoTime() - start) / 1e9;
            if (w > 0) { // the first window lets the JIT compile burst()
                best = Math.max(best, calls * 100_000.0 * 12 * S.length() * 2 / elapsed / 1e9);
            }
        }
        return Float.isNaN(state[0]) ? Double.NaN : best;
    }

    /** {@code iters} rounds of 12 independent FMAs, state kept in registers for the whole call. */
    private static void burst(float[] state, int iters) {
        int l = S.length();
        FloatVector m = FloatVector.broadcast(S, 0.999999f);
        FloatVector add = FloatVector.broadcast(S, 1e-7f);
        FloatVector x0 = FloatVector.fromArray(S, state, 0);
        FloatVector x1 = FloatVector.fromArray(S, state, l);
        FloatVector x2 = FloatVector.fromArray(S, state, 2 * l);
        FloatVector x3 = FloatVector.fromArray(S, state, 3 * l);
        FloatVector x4 = FloatVector.fromArray(S, state, 4 * l);
        FloatVector x5 = FloatVector.fromArray(S, state, 5 * l);
        FloatVector x6 = FloatVector.fromArray(S, state, 6 * l);
        FloatVector x7 = FloatVector.fromArray(S, state, 7 * l);
        FloatVector x8 = FloatVector.fromArray(S, state, 8 * l);
        FloatVector x9 = FloatVector.fromArray(S, state, 9 * l);
        FloatVector x10 = FloatVector.fromArray(S, state, 10 * l);
        FloatVector x11 = FloatVector.fromArray(S, state, 11 * l);
        for (int i = 0; i < iters; i++) {
            x0 = x0.fma(m, add);
            x1 = x1.fma(m, add);
            x2 = x2.fma(m, add);
            x3 = x3.fma(m, add);
            x4 = x4.fma(m, add);
            x5 = x5.fma(m, add);
            x6 = x6.fma(m, add);
            x7 = x7.fma(m, add);
            x8 = x8.fma(m, add);
            x9 = x9.fma(m, add);
            x10 = x10.fma(m, add);
            x11 = x11.fma(m, add);
        }
        x0.intoArray(state, 0);
        x1.intoArray(state, l);
        x2.intoArray(state, 2 * l);
        x3.intoArray(state, 3 * l);
        x4.intoArray(state, 4 * l);
        x5.intoArray(state, 5 * l);
        x6.intoArray(state, 6 * l);
        x7.intoArray(state, 7 * l);
        x8.intoArray(state, 8 * l);
        x9.intoArray(state, 9 * l);
        x10.intoArray(state, 10 * l);
        x11.intoArray(state, 11 * l);
    }
}
