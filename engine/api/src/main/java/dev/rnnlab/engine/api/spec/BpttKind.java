package dev.rnnlab.engine.api.spec;

/** BPTT modes, named as in configs. */
public enum BpttKind implements ConfigNamed {
    FULL("full"),
    TRUNCATED("truncated");

    private final String configName;

    BpttKind(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
