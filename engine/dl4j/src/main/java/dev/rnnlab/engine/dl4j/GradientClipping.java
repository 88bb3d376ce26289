package dev.rnnlab.engine.dl4j;

import dev.rnnlab.engine.api.spec.ClippingSpec;
import java.util.Map;

/**
 * Gradient clipping in PyTorch's semantics on state_dict gradients (already averaged over the batch):
 * {@code clip_grad_value_} per element, {@code clip_grad_norm_} per parameter or over all of them, rescaling by
 * {@code max_norm / (norm + 1e-6)} when that is below 1. DL4J's {@code GradientNormalization} works per layer
 * and has no global norm, so the engine clips here. Callers check the global norm for finiteness first: a
 * non-finite gradient is divergence and is never rescaled.
 */
final class GradientClipping {

    static final double NORM_EPS = 1e-6;

    private GradientClipping() {}

    /** L2 norm of all gradients concatenated. */
    static double globalNorm(Map<String, double[]> grads) {
        double sum = 0;
        for (double[] g : grads.values()) {
            sum += sumOfSquares(g);
        }
        return Math.sqrt(sum);
    }

    /** Clips in place; returns whether any gradient changed. */
    static boolean apply(ClippingSpec spec, Map<String, double[]> grads, double globalNorm) {
        return switch (spec.kind()) {
            case NONE -> false;
            case GLOBAL_NORM -> {
                double coef = ((ClippingSpec.GlobalNorm) spec).maxNorm() / (globalNorm + NORM_EPS);
                if (coef >= 1) {
                    yield false;
                }
                grads.values().forEach(g -> scale(g, coef));
                yield true;
            }
            case NORM -> {
                boolean clipped = false;
                for (double[] g : grads.values()) {
                    double coef = ((ClippingSpec.Norm) spec).maxNorm() / (Math.sqrt(sumOfSquares(g)) + NORM_EPS);
                    if (coef < 1) {
                        scale(g, coef);
                        clipped = true;
                    }
                }
                yield clipped;
            }
            case VALUE -> {
                double bound = ((ClippingSpec.Value) spec).clipValue();
                boolean clipped = false;
                for (double[] g : grads.values()) {
                    for (int i = 0; i < g.length; i++) {
                        double c = Math.max(Math.min(g[i], bound), -bound);
                        if (c != g[i]) {
                            g[i] = c;
                            clipped = true;
                        }
                    }
                }
                yield clipped;
            }
        };
    }

    static double sumOfSquares(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return s;
    }

    private static void scale(double[] g, double coef) {
        for (int i = 0; i < g.length; i++) {
            g[i] *= coef;
        }
    }
}
