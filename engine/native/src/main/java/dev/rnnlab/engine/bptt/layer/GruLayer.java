package dev.rnnlab.engine.bptt.layer;

import dev.rnnlab.engine.bptt.math.Kernels;
import java.util.List;

/**
 * GRU layer (Cho et al. 2014) in PyTorch's convention ({@code nn.GRU}), gate blocks r, z, n; the reset
 * gate multiplies the whole recurrent term of n, {@code b_hn} included:
 * <pre>
 *   r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)
 *   z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)
 *   n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
 *   h_t = (1 - z) * n + z * h_{t-1}
 * </pre>
 * Backward, with {@code dh} = dL/dh_t and {@code hn = W_hn h + b_hn}:
 * <pre>
 *   dn = dh * (1 - z),  dz = dh * (h_{t-1} - n),  dpn = dn * (1 - n^2)
 *   input side:  dGx = [dr, dz', dpn]            with dr = dpn * hn * r(1-r),  dz' = dz * z(1-z)
 *   hidden side: dGh = [dr, dz', dpn * r]
 *   dL/dh_{t-1} = dh * z + dGh W_hh
 * </pre>
 */
public final class GruLayer<A> extends FusedLayer<A> {

    /** Activated r, z, n per step, {@code [T, B, 3H]}. */
    private A activations;
    /** {@code W_hn h_{t-1} + b_hn} per step, {@code [T, B, H]}. */
    private A hiddenN;

    public GruLayer(Kernels<A> k, int layerIndex, int inputSize, int hiddenSize) {
        super(k, 3, layerIndex, inputSize, hiddenSize);
    }

    @Override
    protected void allocateCell(int seqLen, int batch) {
        activations = k.allocate(seqLen * batch * 3 * hidden);
        hiddenN = k.allocate(seqLen * batch * hidden);
    }

    @Override
    protected void resetCell(A c0) {}

    @Override
    protected void resetCellGradient() {}

    @Override
    protected void finalCellState(A c) {}

    @Override
    protected boolean separateHiddenGateGradient() {
        return true;
    }

    @Override
    public List<String> gateNames() {
        return List.of("r", "z", "n");
    }

    @Override
    protected A gateActivations() {
        return activations;
    }

    @Override
    protected boolean isTanhGate(int g) {
        return g == 2;
    }

    @Override
    protected void stepForward(int t) {
        k.gruForward(batch, hidden, xGates, t * batch * 3 * hidden, hGates, activations, hiddenN,
                t * batch * hidden, states, t * batch * hidden, (t + 1) * batch * hidden);
    }

    @Override
    protected void stepBackward(int t, A dh, A dPrevDirect) {
        k.gruBackward(batch, hidden, activations, t * batch * 3 * hidden, hiddenN, t * batch * hidden, states,
                t * batch * hidden, dh, dGx, dGh, dPrevDirect);
    }
}
