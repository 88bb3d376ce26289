package dev.rnnlab.runner.data;

import dev.rnnlab.engine.api.spec.ConfigNamed;

/** What a CSV window predicts: its targets after the last row, or the targets {@code horizon} rows after each row. */
public enum CsvTask implements ConfigNamed {
    MANY_TO_ONE("many_to_one"),
    NEXT_STEP("next_step");

    private final String configName;

    CsvTask(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
