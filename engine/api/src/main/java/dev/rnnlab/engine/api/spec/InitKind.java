package dev.rnnlab.engine.api.spec;

/** Initialisation schemes, named as in configs. */
public enum InitKind implements ConfigNamed {
    PYTORCH_DEFAULT("pytorch_default"),
    XAVIER_UNIFORM("xavier_uniform"),
    XAVIER_NORMAL("xavier_normal"),
    HE("he"),
    ORTHOGONAL("orthogonal"),
    IDENTITY("identity"),
    NORMAL("normal"),
    ZEROS("zeros");

    private final String configName;

    InitKind(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }

    /** The scheme with its default options ({@code normal} needs a std and has none). */
    public InitScheme defaults() {
        return switch (this) {
            case PYTORCH_DEFAULT -> new InitScheme.PytorchDefault();
            case XAVIER_UNIFORM -> new InitScheme.XavierUniform();
            case XAVIER_NORMAL -> new InitScheme.XavierNormal();
            case HE -> new InitScheme.He();
            case ORTHOGONAL -> new InitScheme.Orthogonal();
            case IDENTITY -> new InitScheme.Identity();
            case NORMAL -> throw new IllegalArgumentException("normal needs a std");
            case ZEROS -> new InitScheme.Zeros();
        };
    }
}
