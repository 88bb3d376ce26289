package dev.rnnlab.engine.bptt.layer;

import dev.rnnlab.engine.bptt.math.Kernels;

/**
 * Softmax cross-entropy with reduction {@code mean} over the N prediction positions, as
 * {@code F.cross_entropy}: for logits {@code y} (one row of C per position) and class index {@code c},
 * <pre>
 *   L = (1/N) sum_n [ logsumexp(y_n) - y_n[c_n] ],     dL/dy_n = (softmax(y_n) - onehot(c_n)) / N
 * </pre>
 * The log-sum-exp subtracts the row maximum first, so large logits do not overflow.
 */
public final class CrossEntropyLoss<A> implements Loss<A> {

    private final Kernels<A> k;
    private final int classes;
    private A gradient;

    public CrossEntropyLoss(Kernels<A> k, int classes) {
        this.k = k;
        this.classes = classes;
    }

    @Override
    public double loss(A logits, A targets) {
        int rows = k.length(logits) / classes;
        double sum = 0;
        for (int n = 0; n < rows; n++) {
            sum += logSumExp(logits, n) - k.get(logits, n * classes + target(targets, n));
        }
        return sum / rows;
    }

    @Override
    public A gradient(A logits, A targets) {
        int rows = k.length(logits) / classes;
        if (gradient == null || k.length(gradient) != k.length(logits)) {
            gradient = k.allocate(k.length(logits));
        }
        for (int n = 0; n < rows; n++) {
            double lse = logSumExp(logits, n);
            int c = target(targets, n);
            for (int j = 0; j < classes; j++) {
                double p = Math.exp(k.get(logits, n * classes + j) - lse);
                k.set(gradient, n * classes + j, (p - (j == c ? 1 : 0)) / rows);
            }
        }
        return gradient;
    }

    private double logSumExp(A logits, int row) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < classes; j++) {
            max = Math.max(max, k.get(logits, row * classes + j));
        }
        double sum = 0;
        for (int j = 0; j < classes; j++) {
            sum += Math.exp(k.get(logits, row * classes + j) - max);
        }
        return max + Math.log(sum);
    }

    private int target(A targets, int row) {
        double v = k.get(targets, row);
        int c = (int) v;
        if (c != v || c < 0 || c >= classes) {
            throw new IllegalArgumentException("target " + v + " at position " + row + " is not a class in [0, "
                    + classes + ")");
        }
        return c;
    }
}
