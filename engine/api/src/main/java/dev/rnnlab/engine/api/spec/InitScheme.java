package dev.rnnlab.engine.api.spec;

import java.io.Serializable;

/**
 * How one group of recurrent-layer tensors is initialised. Fused gate matrices ({@code [G*H, fan_in]})
 * are initialised one gate block ({@code [H, fan_in]}) at a time, so {@code orthogonal} and
 * {@code identity} mean the same for every cell; {@code fan_out} is H.
 */
public sealed interface InitScheme extends Serializable permits InitScheme.PytorchDefault, InitScheme.XavierUniform,
        InitScheme.XavierNormal, InitScheme.He, InitScheme.Orthogonal, InitScheme.Identity, InitScheme.Normal,
        InitScheme.Zeros {

    InitKind kind();

    /** PyTorch's own RNN init: U(-1/sqrt(H), 1/sqrt(H)) for every element. */
    record PytorchDefault() implements InitScheme {
        @Override
        public InitKind kind() {
            return InitKind.PYTORCH_DEFAULT;
        }
    }

    /** Glorot and Bengio 2010: U(-a, a), a = sqrt(6 / (fan_in + fan_out)). */
    record XavierUniform() implements InitScheme {
        @Override
        public InitKind kind() {
            return InitKind.XAVIER_UNIFORM;
        }
    }

    /** Glorot and Bengio 2010: N(0, 2 / (fan_in + fan_out)). */
    record XavierNormal() implements InitScheme {
        @Override
        public InitKind kind() {
            return InitKind.XAVIER_NORMAL;
        }
    }

    /** He et al. 2015 (kaiming_normal_, fan_in, ReLU gain): N(0, 2 / fan_in). */
    record He() implements InitScheme {
        @Override
        public InitKind kind() {
            return InitKind.HE;
        }
    }

    /** Saxe et al. 2014: each block a random orthogonal matrix (QR of a Gaussian, signs fixed by diag(R)). */
    record Orthogonal() implements InitScheme {
        @Override
        public InitKind kind() {
            return InitKind.ORTHOGONAL;
        }
    }

    /** Le, Jaitly and Hinton 2015 (IRNN): each H x H block the identity. Recurrent weights only. */
    record Identity() implements InitScheme {
        @Override
        public InitKind kind() {
            return InitKind.IDENTITY;
        }
    }

    /** N(0, std^2) for every element. */
    record Normal(double std) implements InitScheme {
        public Normal {
            if (!(std >= 0 && Double.isFinite(std))) {
                throw new IllegalArgumentException("std must be >= 0, got " + std);
            }
        }

        @Override
        public InitKind kind() {
            return InitKind.NORMAL;
        }
    }

    record Zeros() implements InitScheme {
        @Override
        public InitKind kind() {
            return InitKind.ZEROS;
        }
    }
}
