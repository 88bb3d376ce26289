package dev.rnnlab.engine.bptt.layer;

import dev.rnnlab.engine.api.spec.CellSpec.Nonlinearity;
import dev.rnnlab.engine.bptt.math.Kernels;
import java.util.List;

/**
 * Elman RNN layer (Elman 1990), PyTorch's {@code nn.RNN}:
 * <pre>
 *   h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh),   act = tanh or relu,   h_0 given (zeros by default)
 * </pre>
 * Backward, with {@code dh_t = dOut_t + W_hh^T dpre_{t+1}}:
 * <pre>
 *   dpre_t = dh_t * act'(h_t)        (tanh' = 1 - h^2, relu' = [h > 0])
 *   dW_ih = sum_t dpre_t^T x_t,  dW_hh = sum_t dpre_t^T h_{t-1},  db_ih = db_hh = sum_t dpre_t
 * </pre>
 */
public final class RnnLayer<A> extends FusedLayer<A> {

    private final Nonlinearity nonlinearity;

    public RnnLayer(Kernels<A> k, Nonlinearity nonlinearity, int layerIndex, int inputSize, int hiddenSize) {
        super(k, 1, layerIndex, inputSize, hiddenSize);
        this.nonlinearity = nonlinearity;
    }

    @Override
    public List<String> gateNames() {
        return List.of("h");
    }

    @Override
    protected A gateActivations() {
        return null;
    }

    @Override
    protected boolean isTanhGate(int g) {
        return true;
    }

    @Override
    protected void allocateCell(int seqLen, int batch) {}

    @Override
    protected void resetCell(A c0) {}

    @Override
    protected void resetCellGradient() {}

    @Override
    protected void finalCellState(A c) {}

    @Override
    protected boolean separateHiddenGateGradient() {
        return false;
    }

    @Override
    protected void stepForward(int t) {
        int bh = batch * hidden;
        int cur = (t + 1) * bh;
        switch (nonlinearity) {
            case TANH -> k.tanhOfSum(xGates, t * bh, hGates, 0, states, cur, bh);
            case RELU -> {
                k.copy(xGates, t * bh, states, cur, bh);
                k.axpy(bh, 1.0, hGates, 0, states, cur);
                k.reluInPlace(states, cur, bh);
            }
        }
    }

    @Override
    protected void stepBackward(int t, A dh, A dPrevDirect) {
        int bh = batch * hidden;
        switch (nonlinearity) {
            case TANH -> k.tanhBackward(states, (t + 1) * bh, dh, 0, dGx, t * bh, bh);
            case RELU -> k.reluBackward(states, (t + 1) * bh, dh, 0, dGx, t * bh, bh);
        }
        k.fill(dPrevDirect, 0.0);
    }
}
