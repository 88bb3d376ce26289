package dev.rnnlab.runner.data;

import java.io.Serializable;

/**
 * A dataset and its split sizes. {@code seed} fixes the data itself; the run's own seed (weights and
 * batch order) is separate, so repeats of a configuration train on the same data.
 */
public sealed interface DatasetSpec extends Serializable permits DatasetSpec.Sine, DatasetSpec.RandomWalk {

    int MAX_SEQ_LEN = 1_000_000;
    int MAX_SIZE = 10_000_000;

    DatasetKind kind();

    int seqLen();

    int trainSize();

    int valSize();

    long seed();

    /**
     * Next-step prediction on sine waves: each window is {@code seqLen + 1} evenly spaced points of
     * sin over an interval of length 10 starting at a uniform random offset in [0, 2 pi); the input
     * is {@code x[0..T-1]}, the target at step t is {@code x[t+1]}.
     */
    record Sine(int seqLen, int trainSize, int valSize, long seed) implements DatasetSpec {
        public static final double INTERVAL = 10.0;

        public Sine {
            checkSizes(seqLen, trainSize, valSize);
        }

        @Override
        public DatasetKind kind() {
            return DatasetKind.SINE;
        }
    }

    /**
     * Many-to-one regression on random walks: a walk starts uniformly in [0, 100) and takes
     * {@code seqLen} steps uniform in (-0.5, 0.5); the input is the first {@code seqLen} values, the
     * target the value after the window. Inputs and target are multiplied by {@code scale}, so the
     * default 0.01 keeps them near [0, 1), where tanh units are not saturated.
     */
    record RandomWalk(int seqLen, int trainSize, int valSize, long seed, double scale) implements DatasetSpec {
        public static final double DEFAULT_SCALE = 0.01;
        public static final double START_RANGE = 100.0;

        public RandomWalk {
            checkSizes(seqLen, trainSize, valSize);
            if (!(scale > 0 && Double.isFinite(scale))) {
                throw new IllegalArgumentException("scale must be > 0, got " + scale);
            }
        }

        @Override
        public DatasetKind kind() {
            return DatasetKind.RANDOM_WALK;
        }
    }

    private static void checkSizes(int seqLen, int trainSize, int valSize) {
        if (seqLen < 1 || seqLen > MAX_SEQ_LEN) {
            throw new IllegalArgumentException("seq_len must be in [1, " + MAX_SEQ_LEN + "], got " + seqLen);
        }
        if (trainSize < 1 || trainSize > MAX_SIZE || valSize < 1 || valSize > MAX_SIZE) {
            throw new IllegalArgumentException("train_size and val_size must be in [1, " + MAX_SIZE + "]");
        }
    }
}
