package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/**
 * Gradient clipping in PyTorch's semantics. Callers check {@link #globalNorm} for finiteness first: a
 * non-finite gradient is divergence, and is never rescaled (rescaling an overflowed norm would zero the
 * gradient and hide the event).
 */
public final class Clipping {

    /** PyTorch's {@code clip_grad_norm_} adds this to the norm before dividing. */
    static final double NORM_EPS = 1e-6;

    private Clipping() {}

    /** L2 norm of all gradients concatenated. */
    public static <A> double globalNorm(Kernels<A> k, List<Parameter<A>> params) {
        double sum = 0;
        for (Parameter<A> p : params) {
            sum += k.sumOfSquares(p.grad(), 0, p.size());
        }
        return Math.sqrt(sum);
    }

    /**
     * Clips in place; returns whether any gradient changed.
     *
     * @param globalNorm the norm from {@link #globalNorm}, finite
     */
    public static <A> boolean apply(ClippingSpec spec, Kernels<A> k, List<Parameter<A>> params, double globalNorm) {
        if (spec instanceof ClippingSpec.None) {
            return false;
        }
        if (spec instanceof ClippingSpec.GlobalNorm g) {
            return rescale(k, params, g.maxNorm(), globalNorm);
        }
        if (spec instanceof ClippingSpec.Norm n) {
            boolean clipped = false;
            for (Parameter<A> p : params) {
                double norm = Math.sqrt(k.sumOfSquares(p.grad(), 0, p.size()));
                clipped |= rescale(k, List.of(p), n.maxNorm(), norm);
            }
            return clipped;
        }
        if (spec instanceof ClippingSpec.Value v) {
            boolean clipped = false;
            double bound = v.clipValue();
            for (Parameter<A> p : params) {
                A g = p.grad();
                for (int i = 0, n = p.size(); i < n; i++) {
                    double x = k.get(g, i);
                    double c = Math.max(Math.min(x, bound), -bound);
                    if (c != x) {
                        k.set(g, i, c);
                        clipped = true;
                    }
                }
            }
            return clipped;
        }
        throw new IllegalArgumentException("unknown clipping " + spec);
    }

    private static <A> boolean rescale(Kernels<A> k, List<Parameter<A>> params, double maxNorm, double norm) {
        double coef = maxNorm / (norm + NORM_EPS);
        if (coef >= 1) {
            return false;
        }
        for (Parameter<A> p : params) {
            k.scale(p.grad(), coef);
        }
        return true;
    }
}
