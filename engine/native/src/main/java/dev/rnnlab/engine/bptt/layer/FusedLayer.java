package dev.rnnlab.engine.bptt.layer;

import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/**
 * What every PyTorch-style recurrent layer shares: fused gate weights {@code weight_ih [G*H, I]},
 * {@code weight_hh [G*H, H]} and both biases; the input projection of all {@code T*B} rows as one GEMM
 * before the recurrence; per step one GEMM {@code h_{t-1} W_hh^T + b_hh}; and after the backward loop
 * one GEMM per weight gradient. A subclass supplies the cell: the pointwise step forward and backward.
 *
 * <p>Buffers (time-major): {@code xGates [T, B, G*H]} = x W_ih^T + b_ih; {@code hGates [B, G*H]} for the
 * current step; {@code states [(T+1), B, H]} with h_0 in slot 0; {@code dGx}, {@code dGh [T, B, G*H]}, the
 * loss gradient with respect to the input-side and hidden-side gate pre-activations (the same array for
 * cells where the two sides are simply summed). {@code dGx} is the {@code xGates} array, overwritten during
 * backward: a subclass must not read {@code xGates} outside {@link #stepForward}.
 */
abstract class FusedLayer<A> implements RecurrentLayer<A> {

    protected final Kernels<A> k;
    protected final int in;
    protected final int hidden;
    protected final int gates;
    protected final Parameter<A> weightIh;
    protected final Parameter<A> weightHh;
    protected final Parameter<A> biasIh;
    protected final Parameter<A> biasHh;

    protected A xGates;
    protected A hGates;
    protected A states;
    protected A dGx;
    protected A dGh;
    /**
     * {@code W_hh} prepared for the per-step GEMMs ({@link Kernels#prepareRight}): as {@code W_hh^T}
     * ({@code [H, G*H]}) once per forward pass, then as {@code W_hh} once per backward pass.
     */
    private A recurrentWeight;
    protected int seqLen;
    protected int batch;
    private A dRecurrent;
    private A dh;
    private double[] gradNorms = new double[0];
    private A lastInput;
    private int lastInputOffset;

    FusedLayer(Kernels<A> k, int gates, int layerIndex, int inputSize, int hiddenSize) {
        this.k = k;
        this.gates = gates;
        this.in = inputSize;
        this.hidden = hiddenSize;
        String l = "_l" + layerIndex;
        this.weightIh = Parameter.zeros(k, "rnn.weight_ih" + l, gates * hiddenSize, inputSize);
        this.weightHh = Parameter.zeros(k, "rnn.weight_hh" + l, gates * hiddenSize, hiddenSize);
        this.biasIh = Parameter.zeros(k, "rnn.bias_ih" + l, gates * hiddenSize);
        this.biasHh = Parameter.zeros(k, "rnn.bias_hh" + l, gates * hiddenSize);
    }

    /** Allocates the cell's own per-step storage for {@code T} steps of {@code B} sequences. */
    protected abstract void allocateCell(int seqLen, int batch);

    /** Sets the cell's own state before step 0 (the LSTM cell state) from {@code c0}, or zeros when null. */
    protected abstract void resetCell(A c0);

    /** Zeroes the cell's own gradient carried backward (the LSTM dL/dc), at the end of a segment. */
    protected abstract void resetCellGradient();

    /** Copies the cell's own final state into {@code c}; nothing for cells without one. */
    protected abstract void finalCellState(A c);

    /** Computes {@code h_t} into {@code states} slot t+1 from {@code xGates} slot t and {@code hGates}. */
    protected abstract void stepForward(int t);

    /**
     * Given {@code dh} = dL/dh_t ({@code [B, H]}), writes {@code dGx} and {@code dGh} slot t, updates the
     * cell's own carried gradient, and sets {@code dPrevDirect} to the part of dL/dh_{t-1} that does not
     * pass through {@code W_hh} (zero for RNN and LSTM; {@code z * dh} for GRU).
     */
    protected abstract void stepBackward(int t, A dh, A dPrevDirect);

    /** Whether {@code dGh} is a separate array (GRU) rather than {@code dGx} itself. */
    protected abstract boolean separateHiddenGateGradient();

    @Override
    public int inputSize() {
        return in;
    }

    @Override
    public int hiddenSize() {
        return hidden;
    }

    @Override
    public List<Parameter<A>> parameters() {
        return List.of(weightIh, weightHh, biasIh, biasHh);
    }

    @Override
    public void forward(A x, int xOffset, int seqLen, int batch, A h0, A c0) {
        ensureCapacity(seqLen, batch);
        lastInput = x;
        lastInputOffset = xOffset;
        int gh = gates * hidden;
        k.gemmNT(seqLen * batch, gh, in, x, xOffset, weightIh.value(), 0, xGates, 0, false);
        k.addRowVector(seqLen * batch, gh, xGates, 0, biasIh.value());
        if (h0 == null) {
            // only h_0: every later step's slot is written whole by stepForward
            k.fill(states, 0, batch * hidden, 0.0);
        } else {
            k.copy(h0, 0, states, 0, batch * hidden);
        }
        resetCell(c0);
        recurrentWeight = k.prepareRight(hidden, gh, weightHh.value(), 0, true, recurrentWeight);
        for (int t = 0; t < seqLen; t++) {
            k.gemmPrepared(batch, gh, hidden, states, t * batch * hidden, recurrentWeight, hGates, 0, false);
            k.addRowVector(batch, gh, hGates, 0, biasHh.value());
            stepForward(t);
        }
    }

    @Override
    public A outputs() {
        return states;
    }

    @Override
    public int outputOffset() {
        return batch * hidden;
    }

    @Override
    public void finalState(A h, A c) {
        k.copy(states, seqLen * batch * hidden, h, 0, batch * hidden);
        finalCellState(c);
    }

    @Override
    public void backward(A dOut, A dx, Truncation truncation) {
        int bh = batch * hidden;
        int gh = gates * hidden;
        recurrentWeight = k.prepareRight(gh, hidden, weightHh.value(), 0, false, recurrentWeight);
        for (int t = seqLen - 1; t >= 0; t--) {
            if (!truncation.active(t, seqLen)) {
                zeroGateGradients(t);
                gradNorms[t] = 0;
                continue;
            }
            if (truncation.lastOfSegment(t, seqLen)) {
                k.fill(dRecurrent, 0.0);
                resetCellGradient();
            }
            k.copy(dOut, t * bh, dh, 0, bh);
            k.axpy(bh, 1.0, dRecurrent, 0, dh, 0);
            gradNorms[t] = Math.sqrt(k.sumOfSquares(dh, 0, bh));
            stepBackward(t, dh, dRecurrent);
            k.gemmPrepared(batch, hidden, gh, dGh, t * batch * gh, recurrentWeight, dRecurrent, 0, true);
        }
        int rows = seqLen * batch;
        k.gemmTNAccumulate(rows, gh, in, dGx, 0, lastInput, lastInputOffset, weightIh.grad(), 0);
        k.gemmTNAccumulate(rows, gh, hidden, dGh, 0, states, 0, weightHh.grad(), 0);
        k.sumRowsAccumulate(rows, gh, dGx, 0, biasIh.grad());
        k.sumRowsAccumulate(rows, gh, dGh, 0, biasHh.grad());
        if (dx != null) {
            k.gemmNN(rows, gh, in, dGx, 0, weightIh.value(), 0, dx, 0, false);
        }
    }

    private void zeroGateGradients(int t) {
        int gh = gates * hidden;
        for (int i = t * batch * gh; i < (t + 1) * batch * gh; i++) {
            k.set(dGx, i, 0.0);
            k.set(dGh, i, 0.0);
        }
    }

    @Override
    public double[] hiddenGradNorms() {
        return gradNorms;
    }

    private void ensureCapacity(int seqLen, int batch) {
        boolean changed = seqLen != this.seqLen || batch != this.batch || states == null;
        this.seqLen = seqLen;
        this.batch = batch;
        if (changed) {
            int gh = gates * hidden;
            xGates = k.allocate(seqLen * batch * gh);
            hGates = k.allocate(batch * gh);
            states = k.allocate((seqLen + 1) * batch * hidden);
            // The pre-activations in xGates are dead once the forward pass has activated them (backward
            // reads only the stored activations and states), so the input-side gate gradients reuse the
            // buffer: T*B*G*H floats less per layer.
            dGx = xGates;
            dGh = separateHiddenGateGradient() ? k.allocate(seqLen * batch * gh) : dGx;
            dRecurrent = k.allocate(batch * hidden);
            dh = k.allocate(batch * hidden);
            gradNorms = new double[seqLen];
            allocateCell(seqLen, batch);
        }
    }

    /** The activated gates of the last forward pass, {@code [T, B, G*H]}, or null for a cell without gates. */
    protected abstract A gateActivations();

    /** Whether gate block {@code g} is a tanh (else a sigmoid). */
    protected abstract boolean isTanhGate(int g);

    @Override
    public double[] gateSaturation() {
        double[] out = new double[gates];
        A act = gateActivations();
        if (act == null) {
            java.util.Arrays.fill(out, Double.NaN);
            return out;
        }
        int gh = gates * hidden;
        long[] count = new long[gates];
        for (int row = 0; row < seqLen * batch; row++) {
            for (int g = 0; g < gates; g++) {
                boolean tanh = isTanhGate(g);
                for (int j = 0; j < hidden; j++) {
                    double v = k.get(act, row * gh + g * hidden + j);
                    if (tanh ? Math.abs(v) > 0.9 : (v < 0.1 || v > 0.9)) {
                        count[g]++;
                    }
                }
            }
        }
        for (int g = 0; g < gates; g++) {
            out[g] = (double) count[g] / ((long) seqLen * batch * hidden);
        }
        return out;
    }
}
