package dev.rnnlab.runner.data;

import dev.rnnlab.engine.api.spec.ConfigNamed;

/**
 * Per-column normalisation, its statistics fitted on the training rows only: {@code standard} ({@code (x - mean) /
 * std}, population std, as scikit-learn's StandardScaler), {@code minmax} ({@code (x - min) / (max - min)}), or
 * none. A constant column keeps a scale of 1.
 */
public enum CsvNormalize implements ConfigNamed {
    STANDARD("standard"),
    MINMAX("minmax"),
    NONE("none");

    private final String configName;

    CsvNormalize(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
