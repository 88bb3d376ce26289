package dev.rnnlab.runner.config;

import java.io.Serializable;

/**
 * Early termination and time limits for the runs of a sweep; each rule is optional (null or 0 = off).
 * The runner applies them to the telemetry it records (every {@code telemetry.every} steps and every
 * evaluation) and stops the engine at the next step boundary, recording which rule fired and why.
 *
 * @param timeoutSeconds  wall-clock limit per run; the run ends as {@code timed_out}
 * @param divergenceFactor stop as {@code stopped} when a recorded training loss exceeds this multiple of the
 *                        first recorded one (a divergence guard that acts before NaN appears)
 * @param plateau         stop when the validation loss has not improved for a while
 * @param asha            asynchronous successive halving across the sweep's runs (Li et al. 2020)
 */
public record StoppingSpec(double timeoutSeconds, Double divergenceFactor, Plateau plateau, Asha asha)
        implements Serializable {

    public static final StoppingSpec NONE = new StoppingSpec(0, null, null, null);

    public StoppingSpec {
        if (!(timeoutSeconds >= 0) || Double.isInfinite(timeoutSeconds)) {
            throw new IllegalArgumentException("timeout_s must be >= 0");
        }
        if (divergenceFactor != null && !(divergenceFactor > 1)) {
            throw new IllegalArgumentException("divergence factor must be > 1");
        }
    }

    /**
     * Stop after {@code patience} consecutive evaluations without the validation loss falling below the
     * best so far by more than {@code minDelta}.
     */
    public record Plateau(int patience, double minDelta) implements Serializable {
        public Plateau {
            if (patience < 1 || !(minDelta >= 0)) {
                throw new IllegalArgumentException("patience must be >= 1 and min_delta >= 0");
            }
        }
    }

    /**
     * Rungs at {@code minSteps * reduction^k} steps. A run reaching a rung continues only if its latest
     * validation loss is among the best {@code max(1, n / reduction)} of the n runs that have reached that
     * rung so far; otherwise it is stopped. Asynchronous: decisions depend on which runs got there first,
     * so with {@code --parallel} above 1 they can differ between executions.
     */
    public record Asha(int minSteps, int reduction) implements Serializable {
        public Asha {
            if (minSteps < 1 || reduction < 2) {
                throw new IllegalArgumentException("min_steps must be >= 1 and reduction >= 2");
            }
        }
    }
}
