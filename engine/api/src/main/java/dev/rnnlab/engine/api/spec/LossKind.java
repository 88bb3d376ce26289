package dev.rnnlab.engine.api.spec;

/** Training losses, both with reduction {@code mean}, as PyTorch's functional losses. */
public enum LossKind implements ConfigNamed {
    /** {@code F.mse_loss}: mean over every output element of {@code (y - target)^2}. Targets are reals. */
    MSE("mse"),
    /**
     * {@code F.cross_entropy}: mean over every prediction position of {@code -log softmax(y)[target]}.
     * Targets are class indices, one per position; the head's outputs are the logits.
     */
    CROSS_ENTROPY("cross_entropy");

    private final String configName;

    LossKind(String configName) {
        this.configName = configName;
    }

    @Override
    public String configName() {
        return configName;
    }
}
