package dev.rnnlab.runner.data;

import dev.rnnlab.engine.api.spec.ConfigNamed;

/** Datasets, named as in configs. */
public enum DatasetKind implements ConfigNamed {
    SINE("sine"),
    RANDOM_WALK("random_walk"),
    ADDING("adding"),
    COPY_MEMORY("copy_memory"),
    PARITY("parity"),
    /** A table of the user's own, read from a CSV file (DatasetSpec.Csv). */
    CSV("csv");

    private final String configName;

    DatasetKind(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
