package dev.rnnlab.runner.data;

import java.io.Serializable;

/**
 * Chronological fractions of a table's rows: train is rows {@code [0, trainEnd)}, validation
 * {@code [trainEnd, valEnd)}, test {@code [valEnd, rows)}, with {@code trainEnd = round(rows * train)} and
 * {@code valEnd = round(rows * (train + val))}. The fractions sum to 1; test may be 0.
 */
public record CsvSplit(double train, double val, double test) implements Serializable {

    public CsvSplit {
        if (!(train > 0) || !(val > 0) || !(test >= 0) || Math.abs(train + val + test - 1) > 1e-9) {
            throw new IllegalArgumentException("split fractions must be train > 0, val > 0, test >= 0 summing to 1");
        }
    }

    /** The first row after the training rows. */
    public int trainEnd(int rows) {
        return (int) Math.round(rows * train);
    }

    /** The first row after the validation rows. */
    public int valEnd(int rows) {
        return test == 0 ? rows : (int) Math.round(rows * (train + val));
    }

    /**
     * The number of windows of {@code span = seq_len + horizon} rows starting at {@code from}, {@code from + stride},
     * ... whose last row is before {@code to}: none crosses the boundary.
     */
    public static int windows(int from, int to, int span, int stride) {
        int last = to - span; // the last start whose rows all lie in [from, to)
        return last < from ? 0 : (last - from) / stride + 1;
    }
}
