package dev.rnnlab.engine.bptt.layer;

import dev.rnnlab.engine.api.spec.CellSpec.Nonlinearity;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/**
 * Elman RNN layer (Elman 1990), PyTorch's {@code nn.RNN}:
 * <pre>
 *   h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh),   act = tanh or relu,   h_0 = 0
 * </pre>
 * Backward, with {@code dh_t = dOut_t + W_hh^T dpre_{t+1}}:
 * <pre>
 *   dpre_t = dh_t * act'(h_t)        (tanh' = 1 - h^2, relu' = [h > 0])
 *   dW_ih = sum_t dpre_t^T x_t,  dW_hh = sum_t dpre_t^T h_{t-1},  db_ih = db_hh = sum_t dpre_t
 *   dx_t  = dpre_t W_ih
 * </pre>
 * The input projection for all {@code T*B} rows is one GEMM before the recurrence, and the weight
 * gradients are one GEMM each after the backward loop; only {@code W_hh} is applied step by step.
 */
public final class RnnLayer<A> implements RecurrentLayer<A> {

    private final Kernels<A> k;
    private final Nonlinearity nonlinearity;
    private final int in;
    private final int hidden;
    private final Parameter<A> weightIh;
    private final Parameter<A> weightHh;
    private final Parameter<A> biasIh;
    private final Parameter<A> biasHh;

    /** {@code h_0..h_T}, {@code [(T+1), B, H]}; slot 0 holds the initial state. */
    private A states;
    /** dL/dpre_t for every step, {@code [T, B, H]}. */
    private A dPre;
    /** dL/dh_{t} through the recurrent path, {@code [B, H]}. */
    private A dRecurrent;
    private double[] gradNorms = new double[0];
    private A lastInput;
    private int lastInputOffset;
    private int seqLen;
    private int batch;

    public RnnLayer(Kernels<A> k, Nonlinearity nonlinearity, int layerIndex, int inputSize, int hiddenSize) {
        this.k = k;
        this.nonlinearity = nonlinearity;
        this.in = inputSize;
        this.hidden = hiddenSize;
        String l = "_l" + layerIndex;
        this.weightIh = Parameter.zeros(k, "rnn.weight_ih" + l, hiddenSize, inputSize);
        this.weightHh = Parameter.zeros(k, "rnn.weight_hh" + l, hiddenSize, hiddenSize);
        this.biasIh = Parameter.zeros(k, "rnn.bias_ih" + l, hiddenSize);
        this.biasHh = Parameter.zeros(k, "rnn.bias_hh" + l, hiddenSize);
    }

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
    public void forward(A x, int xOffset, int seqLen, int batch) {
        ensureCapacity(seqLen, batch);
        this.lastInput = x;
        this.lastInputOffset = xOffset;
        int bh = batch * hidden;
        k.fill(states, 0.0); // h_0 = 0
        // pre_t = W_ih x_t + b_ih + b_hh for all T*B rows at once, written straight into h_1..h_T.
        k.gemmNT(seqLen * batch, hidden, in, x, xOffset, weightIh.value(), 0, states, bh, false);
        k.addRowVector(seqLen * batch, hidden, states, bh, biasIh.value());
        k.addRowVector(seqLen * batch, hidden, states, bh, biasHh.value());
        for (int t = 0; t < seqLen; t++) {
            int prev = t * bh;
            int cur = prev + bh;
            k.gemmNT(batch, hidden, hidden, states, prev, weightHh.value(), 0, states, cur, true);
            switch (nonlinearity) {
                case TANH -> k.tanhInPlace(states, cur, bh);
                case RELU -> k.reluInPlace(states, cur, bh);
            }
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
    public void backward(A dOut, A dx) {
        int bh = batch * hidden;
        k.fill(dRecurrent, 0.0);
        for (int t = seqLen - 1; t >= 0; t--) {
            int off = t * bh;
            // dh_t = dOut_t + (recurrent gradient from step t+1), assembled in dPre's slot t.
            k.copy(dOut, off, dPre, off, bh);
            k.axpy(bh, 1.0, dRecurrent, 0, dPre, off);
            gradNorms[t] = Math.sqrt(k.sumOfSquares(dPre, off, bh));
            switch (nonlinearity) {
                case TANH -> k.tanhBackward(states, off + bh, dPre, off, dPre, off, bh);
                case RELU -> k.reluBackward(states, off + bh, dPre, off, dPre, off, bh);
            }
            k.gemmNN(batch, hidden, hidden, dPre, off, weightHh.value(), 0, dRecurrent, 0, false);
        }
        int rows = seqLen * batch;
        k.gemmTNAccumulate(rows, hidden, in, dPre, 0, lastInput, lastInputOffset, weightIh.grad(), 0);
        k.gemmTNAccumulate(rows, hidden, hidden, dPre, 0, states, 0, weightHh.grad(), 0);
        k.sumRowsAccumulate(rows, hidden, dPre, 0, biasIh.grad());
        k.sumRowsAccumulate(rows, hidden, dPre, 0, biasHh.grad());
        if (dx != null) {
            k.gemmNN(rows, hidden, in, dPre, 0, weightIh.value(), 0, dx, 0, false);
        }
    }

    @Override
    public double[] hiddenGradNorms() {
        return gradNorms;
    }

    private void ensureCapacity(int seqLen, int batch) {
        this.seqLen = seqLen;
        this.batch = batch;
        int need = (seqLen + 1) * batch * hidden;
        if (states == null || k.length(states) != need) {
            states = k.allocate(need);
            dPre = k.allocate(seqLen * batch * hidden);
            dRecurrent = k.allocate(batch * hidden);
            gradNorms = new double[seqLen];
        }
    }
}
