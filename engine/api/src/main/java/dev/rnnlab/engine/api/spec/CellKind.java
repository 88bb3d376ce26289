package dev.rnnlab.engine.api.spec;


/** The recurrent cells, named as in configs. Gate counts follow PyTorch's fused weight layout. */
public enum CellKind implements ConfigNamed {
    /** {@code h' = tanh(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_TANH("rnn_tanh", 1),
    /** {@code h' = relu(W_ih x + b_ih + W_hh h + b_hh)}. */
    RNN_RELU("rnn_relu", 1),
    /** Gate order i, f, g, o. */
    LSTM("lstm", 4),
    /** Gate order r, z, n; the reset gate multiplies {@code W_hn h + b_hn}. */
    GRU("gru", 3);

    private final String configName;
    private final int gates;

    CellKind(String configName, int gates) {
        this.configName = configName;
        this.gates = gates;
    }

    @Override
    public String configName() {
        return configName;
    }

    /** Number of stacked gate blocks G in {@code weight_ih} ({@code [G*H, I]}). */
    public int gates() {
        return gates;
    }
}
