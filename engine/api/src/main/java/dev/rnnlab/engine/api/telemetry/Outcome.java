package dev.rnnlab.engine.api.telemetry;

import dev.rnnlab.engine.api.spec.ConfigNamed;

/** How a run ended. */
public enum Outcome implements ConfigNamed {
    COMPLETED("completed"),
    /** A loss or gradient became NaN or infinite; the weights are those of the last finite step. */
    DIVERGED("diverged"),
    /** An early-termination rule (divergence guard, plateau, successive halving) ended it; the detail says which. */
    STOPPED("stopped"),
    /** The engine or the runner threw. */
    FAILED("failed"),
    TIMED_OUT("timed_out"),
    INTERRUPTED("interrupted");

    private final String configName;

    Outcome(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
