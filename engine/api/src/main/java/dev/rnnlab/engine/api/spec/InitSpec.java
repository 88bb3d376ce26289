package dev.rnnlab.engine.api.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * Initialisation of the recurrent layers: input weights ({@code weight_ih}), recurrent weights
 * ({@code weight_hh}) and both biases each take their own scheme. The linear head always takes
 * PyTorch's {@code nn.Linear} default. When {@code from} is a path, every parameter (head included) is
 * then loaded from that safetensors file by PyTorch state_dict name; names and shapes must match exactly.
 */
public record InitSpec(InitScheme input, InitScheme recurrent, InitScheme bias, String from) implements Serializable {

    public static final InitSpec PYTORCH = new InitSpec(new InitScheme.PytorchDefault(),
            new InitScheme.PytorchDefault(), new InitScheme.PytorchDefault(), null);

    /** Scheme-initialised, not loaded from a file. */
    public InitSpec(InitScheme input, InitScheme recurrent, InitScheme bias) {
        this(input, recurrent, bias, null);
    }

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
