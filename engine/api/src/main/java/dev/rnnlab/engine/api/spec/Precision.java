package dev.rnnlab.engine.api.spec;


/** Floating-point precision of parameters, activations and gradients. */
public enum Precision implements ConfigNamed {
    /** Training default. */
    FLOAT32("float32"),
    /** For gradient checks against float64 references. */
    FLOAT64("float64");

    private final String configName;

    Precision(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
