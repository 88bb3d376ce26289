package dev.rnnlab.engine.api.spec;

import java.io.Serializable;

/** An optimizer with torch.optim's exact semantics. Each variant carries only its own hyperparameters. */
public sealed interface OptimizerSpec extends Serializable permits OptimizerSpec.Sgd, OptimizerSpec.Adam {

    OptimizerKind kind();

    /** Learning rate. */
    double lr();

    /** Plain SGD: {@code p -= lr * g}. */
    record Sgd(double lr) implements OptimizerSpec {
        public Sgd {
            requirePositive("lr", lr);
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.SGD;
        }
    }

    /**
     * Adam (Kingma and Ba 2015) as {@code torch.optim.Adam}: bias-corrected moments, {@code eps} added
     * outside the square root.
     */
    record Adam(double lr, double beta1, double beta2, double eps) implements OptimizerSpec {
        public static final double DEFAULT_BETA1 = 0.9;
        public static final double DEFAULT_BETA2 = 0.999;
        public static final double DEFAULT_EPS = 1e-8;

        public Adam {
            requirePositive("lr", lr);
            if (!(beta1 >= 0 && beta1 < 1)) {
                throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
            }
            if (!(beta2 >= 0 && beta2 < 1)) {
                throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
            }
            if (!(eps >= 0 && Double.isFinite(eps))) {
                throw new IllegalArgumentException("eps must be >= 0, got " + eps);
            }
        }

        public static Adam withDefaults(double lr) {
            return new Adam(lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_EPS);
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.ADAM;
        }
    }

    private static void requirePositive(String name, double value) {
        if (!(value > 0 && Double.isFinite(value))) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + value);
        }
    }
}
