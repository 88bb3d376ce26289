package dev.rnnlab.engine.api.spec;

import java.io.Serializable;

/**
 * Gradient clipping, applied after the backward pass and before the optimizer step. The scope differs
 * by mode: per element ({@link Value}), per parameter tensor ({@link Norm}) or over all parameters at
 * once ({@link GlobalNorm}). No mode ever rescales a gradient whose norm is not finite: that run has
 * diverged and is reported so.
 */
public sealed interface ClippingSpec extends Serializable
        permits ClippingSpec.None, ClippingSpec.Value, ClippingSpec.Norm, ClippingSpec.GlobalNorm {

    ClippingKind kind();

    record None() implements ClippingSpec {
        @Override
        public ClippingKind kind() {
            return ClippingKind.NONE;
        }
    }

    /** Each element clamped to {@code [-clipValue, clipValue]}, as {@code torch.nn.utils.clip_grad_value_}. */
    record Value(double clipValue) implements ClippingSpec {
        public Value {
            requirePositive("clip_value", clipValue);
        }

        @Override
        public ClippingKind kind() {
            return ClippingKind.VALUE;
        }
    }

    /** Each parameter's gradient rescaled on its own to L2 norm at most {@code maxNorm}. */
    record Norm(double maxNorm) implements ClippingSpec {
        public Norm {
            requirePositive("max_norm", maxNorm);
        }

        @Override
        public ClippingKind kind() {
            return ClippingKind.NORM;
        }
    }

    /**
     * All gradients rescaled together by {@code maxNorm / (norm + 1e-6)} when that is below 1, where
     * {@code norm} is the L2 norm of all gradients concatenated: {@code torch.nn.utils.clip_grad_norm_}.
     */
    record GlobalNorm(double maxNorm) implements ClippingSpec {
        public GlobalNorm {
            requirePositive("max_norm", maxNorm);
        }

        @Override
        public ClippingKind kind() {
            return ClippingKind.GLOBAL_NORM;
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
    }
}
