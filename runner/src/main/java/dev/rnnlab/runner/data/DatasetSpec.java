package dev.rnnlab.runner.data;

import java.io.Serializable;

/**
 * A dataset and its split sizes. {@code seed} fixes the data itself; the run's own seed (weights and
 * batch order) is separate, so repeats of a configuration train on the same data.
 */
public sealed interface DatasetSpec extends Serializable
        permits DatasetSpec.Sine, DatasetSpec.RandomWalk, DatasetSpec.Adding, DatasetSpec.CopyMemory, DatasetSpec.Parity,
        DatasetSpec.Csv {

    int MAX_SEQ_LEN = 1_000_000;
    int MAX_SIZE = 10_000_000;

    DatasetKind kind();

    int seqLen();

    int trainSize();

    int valSize();

    /** Sequences (windows) of the test split, evaluated once after training on the final weights; 0: none. */
    int testSize();

    long seed();

    /**
     * Next-step prediction on sine waves: each window is {@code seqLen + 1} evenly spaced points of
     * sin over an interval of length 10 starting at a uniform random offset in [0, 2 pi); the input
     * is {@code x[0..T-1]}, the target at step t is {@code x[t+1]}.
     */
    record Sine(int seqLen, int trainSize, int valSize, long seed, int testSize) implements DatasetSpec {
        /** Without a test split. */
        public Sine(int seqLen, int trainSize, int valSize, long seed) {
            this(seqLen, trainSize, valSize, seed, 0);
        }

        public static final double INTERVAL = 10.0;

        public Sine {
            checkSizes(seqLen, trainSize, valSize);
            checkTestSize(testSize);
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
    record RandomWalk(int seqLen, int trainSize, int valSize, long seed, double scale, int testSize) implements DatasetSpec {
        /** Without a test split. */
        public RandomWalk(int seqLen, int trainSize, int valSize, long seed, double scale) {
            this(seqLen, trainSize, valSize, seed, scale, 0);
        }

        public static final double DEFAULT_SCALE = 0.01;
        public static final double START_RANGE = 100.0;

        public RandomWalk {
            checkSizes(seqLen, trainSize, valSize);
            checkTestSize(testSize);
            if (!(scale > 0 && Double.isFinite(scale))) {
                throw new IllegalArgumentException("scale must be > 0, got " + scale);
            }
        }

        @Override
        public DatasetKind kind() {
            return DatasetKind.RANDOM_WALK;
        }
    }

    /**
     * The adding problem (Hochreiter and Schmidhuber 1997, in the form of Le, Jaitly and Hinton 2015):
     * two input channels, a value uniform in [0, 1) and a marker that is 1 at exactly two steps, one
     * in each half of the sequence; the target, at the last step, is the sum of the two marked values.
     * Predicting 1 always gives MSE 1/6, the baseline to beat. {@code seqLen} is the lag knob.
     */
    record Adding(int seqLen, int trainSize, int valSize, long seed, int testSize) implements DatasetSpec {
        /** Without a test split. */
        public Adding(int seqLen, int trainSize, int valSize, long seed) {
            this(seqLen, trainSize, valSize, seed, 0);
        }

        public Adding {
            checkSizes(seqLen, trainSize, valSize);
            checkTestSize(testSize);
            if (seqLen < 2) {
                throw new IllegalArgumentException("the adding problem needs seq_len >= 2");
            }
        }

        @Override
        public DatasetKind kind() {
            return DatasetKind.ADDING;
        }
    }

    /**
     * The copy-memory task (Hochreiter and Schmidhuber 1997; the form of Arjovsky, Shah and Bengio 2016):
     * {@code copyLen} symbols drawn from 1..8, then {@code lag - 1} blanks (0), a delimiter (9) and
     * {@code copyLen} blanks; the target is blank for the first {@code copyLen + lag} steps and then the
     * {@code copyLen} symbols. Inputs are one-hot over 10 classes; cross-entropy at every step. Always
     * predicting blanks and then uniform symbols scores {@code copyLen ln 8 / (lag + 2 copyLen)}.
     */
    record CopyMemory(int lag, int copyLen, int trainSize, int valSize, long seed, int testSize) implements DatasetSpec {
        /** Without a test split. */
        public CopyMemory(int lag, int copyLen, int trainSize, int valSize, long seed) {
            this(lag, copyLen, trainSize, valSize, seed, 0);
        }

        public static final int SYMBOLS = 8;
        public static final int CLASSES = SYMBOLS + 2;
        public static final int DELIMITER = SYMBOLS + 1;

        public CopyMemory {
            if (lag < 1 || copyLen < 1) {
                throw new IllegalArgumentException("lag and copy_len must be >= 1");
            }
            checkSizes(lag + 2 * copyLen, trainSize, valSize);
            checkTestSize(testSize);
        }

        @Override
        public int seqLen() {
            return lag + 2 * copyLen;
        }

        @Override
        public DatasetKind kind() {
            return DatasetKind.COPY_MEMORY;
        }
    }

    /**
     * Delayed parity: {@code bits} random bits (input +-1) followed by {@code lag} steps of zero input;
     * the target at the last step is their parity (XOR for 2 bits) as class 0 or 1, so the bits must be
     * held through the lag. Cross-entropy; chance is ln 2.
     */
    record Parity(int lag, int bits, int trainSize, int valSize, long seed, int testSize) implements DatasetSpec {
        /** Without a test split. */
        public Parity(int lag, int bits, int trainSize, int valSize, long seed) {
            this(lag, bits, trainSize, valSize, seed, 0);
        }

        public Parity {
            if (lag < 0 || bits < 1) {
                throw new IllegalArgumentException("lag must be >= 0 and bits >= 1");
            }
            checkSizes(lag + bits, trainSize, valSize);
            checkTestSize(testSize);
        }

        @Override
        public int seqLen() {
            return bits + lag;
        }

        @Override
        public DatasetKind kind() {
            return DatasetKind.PARITY;
        }
    }

    /**
     * Windows of a CSV table with a header row (Keras' {@code timeseries_dataset_from_array}): window k holds
     * rows {@code s .. s+T-1} as inputs ({@code inputs} columns), {@code s} stepping by {@code stride}; the target
     * ({@code target} columns) is row {@code s+T-1+horizon} for {@link CsvTask#MANY_TO_ONE}, or row
     * {@code s+t+horizon} at every step t for {@link CsvTask#NEXT_STEP}. The rows split by time into train,
     * validation and test ({@link CsvSplit}); no window, with its targets, crosses a split boundary; columns are
     * normalised with statistics of the training rows only. {@code sha256} is the file's, so the data is part of
     * each run's identity; the window counts are derived from the file when the config is bound.
     *
     * @param path absolute
     * @param time a column for plot axes, or null
     */
    record Csv(String path, String sha256, java.util.List<String> inputs, java.util.List<String> target, String time,
               int seqLen, int horizon, int stride, CsvTask task, CsvSplit split, CsvNormalize normalize, int trainSize,
               int valSize, int testSize) implements DatasetSpec {

        public Csv {
            inputs = java.util.List.copyOf(inputs);
            target = java.util.List.copyOf(target);
            if (seqLen < 1 || seqLen > MAX_SEQ_LEN || horizon < 1 || stride < 1) {
                throw new IllegalArgumentException("seq_len, horizon and stride must be >= 1");
            }
            if (trainSize < 1 || valSize < 1) {
                throw new IllegalArgumentException("the train and validation splits need a window each");
            }
        }

        /** The data holds no randomness. */
        @Override
        public long seed() {
            return 0;
        }

        @Override
        public DatasetKind kind() {
            return DatasetKind.CSV;
        }
    }

    private static void checkTestSize(int testSize) {
        if (testSize < 0 || testSize > MAX_SIZE) {
            throw new IllegalArgumentException("test_size must be in [0, " + MAX_SIZE + "]");
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
