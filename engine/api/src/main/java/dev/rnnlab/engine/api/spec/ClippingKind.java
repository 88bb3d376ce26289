package dev.rnnlab.engine.api.spec;


/** Gradient clipping modes, named as in configs. */
public enum ClippingKind implements ConfigNamed {
    NONE("none"),
    VALUE("value"),
    NORM("norm"),
    GLOBAL_NORM("global_norm");

    private final String configName;

    ClippingKind(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
