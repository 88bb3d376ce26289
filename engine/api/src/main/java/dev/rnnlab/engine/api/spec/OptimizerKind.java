package dev.rnnlab.engine.api.spec;

/** Optimizers, named as in configs. */
public enum OptimizerKind implements ConfigNamed {
    SGD("sgd"),
    MOMENTUM("momentum"),
    NESTEROV("nesterov"),
    ADAM("adam"),
    ADAMW("adamw"),
    RMSPROP("rmsprop"),
    ADAGRAD("adagrad");

    private final String configName;

    OptimizerKind(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
