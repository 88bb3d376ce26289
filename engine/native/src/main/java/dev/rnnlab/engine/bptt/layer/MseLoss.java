package dev.rnnlab.engine.bptt.layer;

import dev.rnnlab.engine.bptt.math.Kernels;

/**
 * Mean squared error with reduction {@code mean} over every element, as {@code F.mse_loss}:
 * {@code L = (1/N) sum (y - target)^2}, {@code dL/dy = (2/N) (y - target)}.
 */
public final class MseLoss<A> implements Loss<A> {

    private final Kernels<A> k;
    private A gradient;

    public MseLoss(Kernels<A> k) {
        this.k = k;
    }

    @Override
    public double loss(A predictions, A targets) {
        int n = k.length(predictions);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = k.get(predictions, i) - k.get(targets, i);
            sum += d * d;
        }
        return sum / n;
    }

    @Override
    public A gradient(A predictions, A targets) {
        int n = k.length(predictions);
        if (gradient == null || k.length(gradient) != n) {
            gradient = k.allocate(n);
        }
        double scale = 2.0 / n;
        for (int i = 0; i < n; i++) {
            k.set(gradient, i, scale * (k.get(predictions, i) - k.get(targets, i)));
        }
        return gradient;
    }
}
