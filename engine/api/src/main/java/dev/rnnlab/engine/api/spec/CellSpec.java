package dev.rnnlab.engine.api.spec;

import java.io.Serializable;

/** A recurrent cell. Each variant carries only its own options. */
public sealed interface CellSpec extends Serializable permits CellSpec.Rnn, CellSpec.Lstm, CellSpec.Gru {

    CellKind kind();

    /** Elman RNN with a tanh or ReLU nonlinearity. */
    record Rnn(Nonlinearity nonlinearity) implements CellSpec {
        public Rnn {
            java.util.Objects.requireNonNull(nonlinearity, "nonlinearity");
        }

        @Override
        public CellKind kind() {
            return nonlinearity == Nonlinearity.TANH ? CellKind.RNN_TANH : CellKind.RNN_RELU;
        }
    }

    /**
     * LSTM (Hochreiter and Schmidhuber 1997), gate order i, f, g, o.
     *
     * @param forgetBias when not null, the forget-gate block of {@code bias_ih} is set to this value and
     *                   that of {@code bias_hh} to 0 after initialisation (Jozefowicz et al. 2015 use 1)
     */
    record Lstm(Double forgetBias) implements CellSpec {
        public Lstm {
            if (forgetBias != null && !Double.isFinite(forgetBias)) {
                throw new IllegalArgumentException("forget_bias must be finite, got " + forgetBias);
            }
        }

        public Lstm() {
            this(null);
        }

        @Override
        public CellKind kind() {
            return CellKind.LSTM;
        }
    }

    /** GRU (Cho et al. 2014) in PyTorch's convention. */
    record Gru() implements CellSpec {
        @Override
        public CellKind kind() {
            return CellKind.GRU;
        }
    }

    enum Nonlinearity { TANH, RELU }

    /** The default options of {@code kind}. */
    static CellSpec of(CellKind kind) {
        return switch (kind) {
            case RNN_TANH -> new Rnn(Nonlinearity.TANH);
            case RNN_RELU -> new Rnn(Nonlinearity.RELU);
            case LSTM -> new Lstm();
            case GRU -> new Gru();
        };
    }
}
