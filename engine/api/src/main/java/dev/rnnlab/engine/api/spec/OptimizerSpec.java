package dev.rnnlab.engine.api.spec;

import java.io.Serializable;

/**
 * An optimizer with {@code torch.optim}'s exact semantics (PyTorch 1.13). Each variant carries only its
 * own hyperparameters. {@code weightDecay} is L2 regularisation added to the gradient
 * ({@code g += weight_decay * p}) for every optimizer except {@link AdamW}, where it is decoupled
 * ({@code p *= 1 - lr * weight_decay} before the Adam step), as in PyTorch.
 */
public sealed interface OptimizerSpec extends Serializable permits OptimizerSpec.Sgd, OptimizerSpec.Momentum,
        OptimizerSpec.Nesterov, OptimizerSpec.Adam, OptimizerSpec.AdamW, OptimizerSpec.RmsProp,
        OptimizerSpec.Adagrad {

    double DEFAULT_MOMENTUM = 0.9;
    double DEFAULT_BETA1 = 0.9;
    double DEFAULT_BETA2 = 0.999;
    double DEFAULT_ADAM_EPS = 1e-8;
    double DEFAULT_ADAMW_WEIGHT_DECAY = 0.01;
    double DEFAULT_RMSPROP_ALPHA = 0.99;
    double DEFAULT_RMSPROP_EPS = 1e-8;
    double DEFAULT_ADAGRAD_EPS = 1e-10;

    OptimizerKind kind();

    /** Learning rate (the base rate when a schedule is used). */
    double lr();

    double weightDecay();

    /** {@code p -= lr * g}. */
    record Sgd(double lr, double weightDecay) implements OptimizerSpec {
        public Sgd {
            check(lr, weightDecay);
        }

        public Sgd(double lr) {
            this(lr, 0);
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.SGD;
        }
    }

    /** Heavy ball, as {@code SGD(momentum=m, dampening=d)}: {@code buf = m buf + (1-d) g} (buf = g at the first step), {@code p -= lr buf}. */
    record Momentum(double lr, double momentum, double dampening, double weightDecay) implements OptimizerSpec {
        public Momentum {
            check(lr, weightDecay);
            requireFraction("momentum", momentum);
            requireFraction("dampening", dampening);
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.MOMENTUM;
        }
    }

    /** Nesterov momentum (Sutskever et al. 2013) as {@code SGD(momentum=m, nesterov=True)}: {@code p -= lr (g + m buf)}. */
    record Nesterov(double lr, double momentum, double weightDecay) implements OptimizerSpec {
        public Nesterov {
            check(lr, weightDecay);
            requireFraction("momentum", momentum);
            if (momentum == 0) {
                throw new IllegalArgumentException("nesterov needs momentum > 0");
            }
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.NESTEROV;
        }
    }

    /**
     * Adam (Kingma and Ba 2015) as {@code torch.optim.Adam}: bias-corrected moments, {@code eps} added
     * outside the square root.
     */
    record Adam(double lr, double beta1, double beta2, double eps, double weightDecay) implements OptimizerSpec {
        public Adam {
            check(lr, weightDecay);
            checkBetas(beta1, beta2, eps);
        }

        public static Adam withDefaults(double lr) {
            return new Adam(lr, DEFAULT_BETA1, DEFAULT_BETA2, DEFAULT_ADAM_EPS, 0);
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.ADAM;
        }
    }

    /** AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay. */
    record AdamW(double lr, double beta1, double beta2, double eps, double weightDecay) implements OptimizerSpec {
        public AdamW {
            check(lr, weightDecay);
            checkBetas(beta1, beta2, eps);
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.ADAMW;
        }
    }

    /** RMSprop (Tieleman and Hinton 2012) as {@code torch.optim.RMSprop}, not centered, no momentum: {@code p -= lr g / (sqrt(v) + eps)}. */
    record RmsProp(double lr, double alpha, double eps, double weightDecay) implements OptimizerSpec {
        public RmsProp {
            check(lr, weightDecay);
            requireFraction("alpha", alpha);
            requireNonNegative("eps", eps);
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.RMSPROP;
        }
    }

    /** Adagrad (Duchi et al. 2011) as {@code torch.optim.Adagrad}: accumulator from 0, {@code p -= lr g / (sqrt(sum g^2) + eps)}. */
    record Adagrad(double lr, double eps, double weightDecay) implements OptimizerSpec {
        public Adagrad {
            check(lr, weightDecay);
            requireNonNegative("eps", eps);
        }

        @Override
        public OptimizerKind kind() {
            return OptimizerKind.ADAGRAD;
        }
    }

    private static void check(double lr, double weightDecay) {
        if (!(lr > 0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException("lr must be a finite number > 0, got " + lr);
        }
        requireNonNegative("weight_decay", weightDecay);
    }

    private static void checkBetas(double beta1, double beta2, double eps) {
        requireFraction("beta1", beta1);
        requireFraction("beta2", beta2);
        requireNonNegative("eps", eps);
    }

    private static void requireFraction(String name, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + v);
        }
    }

    private static void requireNonNegative(String name, double v) {
        if (!(v >= 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }
}
