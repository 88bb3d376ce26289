package dev.rnnlab.engine.api.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * Initialisation of the recurrent layers: input weights ({@code weight_ih}), recurrent weights
 * ({@code weight_hh}) and both biases each take their own scheme. The linear head always takes
 * PyTorch's {@code nn.Linear} default.
 */
public record InitSpec(InitScheme input, InitScheme recurrent, InitScheme bias) implements Serializable {

    public static final InitSpec PYTORCH = new InitSpec(new InitScheme.PytorchDefault(),
            new InitScheme.PytorchDefault(), new InitScheme.PytorchDefault());

    public InitSpec {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(recurrent, "recurrent");
        Objects.requireNonNull(bias, "bias");
        if (input.kind() == InitKind.IDENTITY) {
            throw new IllegalArgumentException("identity applies to recurrent weights only");
        }
        if (bias.kind() == InitKind.IDENTITY || bias.kind() == InitKind.ORTHOGONAL) {
            throw new IllegalArgumentException(bias.kind().configName() + " does not apply to biases");
        }
    }
}
