package dev.rnnlab.engine.bptt.layer;

import dev.rnnlab.engine.bptt.math.Kernels;
import java.util.List;

/**
 * LSTM layer (Hochreiter and Schmidhuber 1997, with the forget gate of Gers et al. 2000), PyTorch's
 * {@code nn.LSTM}, gate blocks in the order i, f, g, o:
 * <pre>
 *   [i, f, g, o] = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh
 *   i, f, o = sigmoid(.),  g = tanh(.)
 *   c_t = f * c_{t-1} + i * g,    h_t = o * tanh(c_t),    h_0, c_0 given (zeros by default)
 * </pre>
 * Backward, with {@code dh} = dL/dh_t and {@code dc} the gradient carried from step t+1:
 * <pre>
 *   dc_t  = dc + dh * o * (1 - tanh(c_t)^2)
 *   di = dc_t * g,  df = dc_t * c_{t-1},  dg = dc_t * i,  do = dh * tanh(c_t),  dc_{t-1} = dc_t * f
 *   dpre = [di * i(1-i), df * f(1-f), dg * (1-g^2), do * o(1-o)]
 * </pre>
 * The per-timestep norm reported is that of dL/dh_t with c_t held fixed, as in the fixtures.
 */
public final class LstmLayer<A> extends FusedLayer<A> {

    /** Activated gates i, f, g, o per step, {@code [T, B, 4H]}. */
    private A activations;
    /** c_0..c_T, {@code [(T+1), B, H]}. */
    private A cells;
    /** tanh(c_t), {@code [T, B, H]}. */
    private A tanhCells;
    /** The cell-state gradient carried backward, {@code [B, H]}. */
    private A dCell;

    public LstmLayer(Kernels<A> k, int layerIndex, int inputSize, int hiddenSize) {
        super(k, 4, layerIndex, inputSize, hiddenSize);
    }

    @Override
    protected void allocateCell(int seqLen, int batch) {
        activations = k.allocate(seqLen * batch * 4 * hidden);
        cells = k.allocate((seqLen + 1) * batch * hidden);
        tanhCells = k.allocate(seqLen * batch * hidden);
        dCell = k.allocate(batch * hidden);
    }

    @Override
    protected void resetCell(A c0) {
        // only c_0: every later step's slot is written whole by lstmForward
        if (c0 != null) {
            k.copy(c0, 0, cells, 0, batch * hidden);
        } else {
            k.fill(cells, 0, batch * hidden, 0.0);
        }
    }

    @Override
    protected void resetCellGradient() {
        k.fill(dCell, 0.0);
    }

    @Override
    protected void finalCellState(A c) {
        k.copy(cells, seqLen * batch * hidden, c, 0, batch * hidden);
    }

    @Override
    protected boolean separateHiddenGateGradient() {
        return false;
    }

    @Override
    public List<String> gateNames() {
        return List.of("i", "f", "g", "o");
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
        k.lstmForward(batch, hidden, xGates, t * batch * 4 * hidden, hGates, activations, cells,
                t * batch * hidden, (t + 1) * batch * hidden, tanhCells, t * batch * hidden, states);
    }

    @Override
    protected void stepBackward(int t, A dh, A dPrevDirect) {
        k.lstmBackward(batch, hidden, activations, t * batch * 4 * hidden, tanhCells, t * batch * hidden, cells,
                t * batch * hidden, dh, dCell, dGx);
        k.fill(dPrevDirect, 0.0);
    }
}
