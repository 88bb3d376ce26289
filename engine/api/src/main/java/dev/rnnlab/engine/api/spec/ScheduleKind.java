package dev.rnnlab.engine.api.spec;

/** Learning-rate schedules, named as in configs. */
public enum ScheduleKind implements ConfigNamed {
    CONSTANT("constant"),
    STEP("step"),
    COSINE("cosine"),
    WARMUP("warmup");

    private final String configName;

    ScheduleKind(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
