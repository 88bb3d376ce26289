package dev.rnnlab.engine.api.spec;

import java.io.Serializable;

/**
 * The learning rate of update {@code s} (1-based) of {@code steps}, from the optimizer's base rate
 * {@code lr}. Each variant equals the PyTorch scheduler named, stepped once after every update.
 */
public sealed interface ScheduleSpec extends Serializable
        permits ScheduleSpec.Constant, ScheduleSpec.Step, ScheduleSpec.Cosine, ScheduleSpec.Warmup {

    ScheduleKind kind();

    double lr(double base, long step, long steps);

    record Constant() implements ScheduleSpec {
        @Override
        public ScheduleKind kind() {
            return ScheduleKind.CONSTANT;
        }

        @Override
        public double lr(double base, long step, long steps) {
            return base;
        }
    }

    /** {@code StepLR(step_size, gamma)}: {@code lr * gamma^floor((s-1) / step_size)}. */
    record Step(int stepSize, double gamma) implements ScheduleSpec {
        public Step {
            if (stepSize < 1) {
                throw new IllegalArgumentException("step_size must be >= 1, got " + stepSize);
            }
            if (!(gamma > 0 && gamma <= 1)) {
                throw new IllegalArgumentException("gamma must be in (0, 1], got " + gamma);
            }
        }

        @Override
        public ScheduleKind kind() {
            return ScheduleKind.STEP;
        }

        @Override
        public double lr(double base, long step, long steps) {
            return base * Math.pow(gamma, (double) ((step - 1) / stepSize));
        }
    }

    /**
     * {@code CosineAnnealingLR(T_max = steps, eta_min = min_lr)}:
     * {@code min + (lr - min) (1 + cos(pi (s-1) / steps)) / 2}.
     */
    record Cosine(double minLr) implements ScheduleSpec {
        public Cosine {
            if (!(minLr >= 0 && Double.isFinite(minLr))) {
                throw new IllegalArgumentException("min_lr must be >= 0, got " + minLr);
            }
        }

        @Override
        public ScheduleKind kind() {
            return ScheduleKind.COSINE;
        }

        @Override
        public double lr(double base, long step, long steps) {
            return minLr + (base - minLr) * (1 + Math.cos(Math.PI * (step - 1) / steps)) / 2;
        }
    }

    /** Linear warm-up, {@code LambdaLR(lambda e: min(1, (e + 1) / warmup_steps))}: {@code lr * min(1, s / warmup_steps)}. */
    record Warmup(int warmupSteps) implements ScheduleSpec {
        public Warmup {
            if (warmupSteps < 1) {
                throw new IllegalArgumentException("warmup_steps must be >= 1, got " + warmupSteps);
            }
        }

        @Override
        public ScheduleKind kind() {
            return ScheduleKind.WARMUP;
        }

        @Override
        public double lr(double base, long step, long steps) {
            return base * Math.min(1.0, (double) step / warmupSteps);
        }
    }
}
