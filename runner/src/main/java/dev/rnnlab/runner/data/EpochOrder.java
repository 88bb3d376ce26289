package dev.rnnlab.runner.data;

import java.util.SplittableRandom;

/**
 * The order training samples are drawn in: shuffled epochs, each a Fisher-Yates permutation of the {@code n}
 * samples from a stream of the run's seed and the epoch, so sample position {@code p} (step * B + j) is element
 * {@code p mod n} of epoch {@code p / n}'s permutation, a pure function of the step.
 */
final class EpochOrder {

    private final int n;
    private final long seed;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    EpochOrder(int n, long seed) {
        this.n = n;
        this.seed = seed;
    }

    /** The sample at position {@code position} of the whole stream. */
    int at(long position) {
        return permutation(position / n)[(int) (position % n)];
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                p[i] = i;
            }
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates
                int j = rng.nextInt(i + 1);
                int tmp = p[i];
                p[i] = p[j];
                p[j] = tmp;
            }
            cachedEpoch = epoch;
            cachedPermutation = p;
        }
        return cachedPermutation;
    }
}
