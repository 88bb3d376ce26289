package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.bptt.math.F64Kernels;
import dev.rnnlab.engine.bptt.model.ModelState;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Differential tests of the layer scan: (1) the cell equations written out by hand, step by step,
 * equal the fused layer's outputs; (2) stepping the layer one timestep at a time, carrying its state,
 * equals scanning the whole sequence, which is also what stateful training relies on.
 */
class HandSteppedCellTest {

    static final int IN = 3;
    static final int H = 4;
    static final int T = 6;
    static final int B = 2;
    final F64Kernels k = new F64Kernels();

    SequenceModel<double[]> model(CellKind cell, int layers) {
        SequenceModel<double[]> m = new SequenceModel<>(k, new ModelSpec(CellSpec.of(cell), H, layers), IN, 1,
                TargetLayout.EVERY_STEP, LossKind.MSE);
        m.initialize(new SplittableRandom(5));
        return m;
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void theEquationsStepByStepEqualTheLayerScan(CellKind cell) {
        SequenceModel<double[]> m = model(cell, 1);
        double[] x = new SplittableRandom(2).doubles((long) T * B * IN, -2, 2).toArray(); // [T, B, I]
        m.forward(x, T, B, null);
        List<Parameter<double[]>> p = m.layers().get(0).parameters();
        double[] wih = p.get(0).value();
        double[] whh = p.get(1).value();
        double[] bih = p.get(2).value();
        double[] bhh = p.get(3).value();
        double[] out = m.layers().get(0).outputs();
        for (int b = 0; b < B; b++) {
            double[] h = new double[H];
            double[] c = new double[H];
            for (int t = 0; t < T; t++) {
                double[] xt = Arrays.copyOfRange(x, (t * B + b) * IN, (t * B + b + 1) * IN);
                double[] hNew = new double[H];
                for (int j = 0; j < H; j++) {
                    switch (cell) {
                        case RNN_TANH -> hNew[j] = Math.tanh(affine(wih, xt, bih, 0, j) + affine(whh, h, bhh, 0, j));
                        case RNN_RELU -> hNew[j] = Math.max(0, affine(wih, xt, bih, 0, j) + affine(whh, h, bhh, 0, j));
                        case LSTM -> {
                            double i = sigmoid(affine(wih, xt, bih, 0, j) + affine(whh, h, bhh, 0, j));
                            double f = sigmoid(affine(wih, xt, bih, 1, j) + affine(whh, h, bhh, 1, j));
                            double g = Math.tanh(affine(wih, xt, bih, 2, j) + affine(whh, h, bhh, 2, j));
                            double o = sigmoid(affine(wih, xt, bih, 3, j) + affine(whh, h, bhh, 3, j));
                            c[j] = f * c[j] + i * g;
                            hNew[j] = o * Math.tanh(c[j]);
                        }
                        case GRU -> {
                            double r = sigmoid(affine(wih, xt, bih, 0, j) + affine(whh, h, bhh, 0, j));
                            double z = sigmoid(affine(wih, xt, bih, 1, j) + affine(whh, h, bhh, 1, j));
                            double n = Math.tanh(affine(wih, xt, bih, 2, j) + r * affine(whh, h, bhh, 2, j));
                            hNew[j] = (1 - z) * n + z * h[j];
                        }
                    }
                }
                h = hNew;
                for (int j = 0; j < H; j++) {
                    assertEquals(h[j], out[((t + 1) * B + b) * H + j], 1e-14, cell + " t=" + t + " b=" + b + " j=" + j);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void steppingOneTimestepAtATimeEqualsTheScan(CellKind cell) {
        SequenceModel<double[]> m = model(cell, 2);
        double[] x = new SplittableRandom(3).doubles((long) T * B * IN, -1, 1).toArray();
        m.forward(x, T, B, null);
        double[] scan = m.predictions().clone();
        ModelState<double[]> state = null;
        for (int t = 0; t < T; t++) {
            m.forward(Arrays.copyOfRange(x, t * B * IN, (t + 1) * B * IN), 1, B, state);
            state = m.finalState(B);
            for (int b = 0; b < B; b++) {
                assertEquals(scan[t * B + b], m.predictions()[b], 1e-14, cell + " t=" + t);
            }
        }
    }

    /**
     * The layers zero only h_0 and c_0 and the head only the rows it did not read; every other slot is
     * written whole. So a scan from the zero state after one from a carried state, and a last-step
     * backward after one of another shape, must give a fresh model's bits.
     */
    @ParameterizedTest
    @EnumSource(CellKind.class)
    void nothingFromAnEarlierCallLeaksIntoTheNext(CellKind cell) {
        double[] x = new SplittableRandom(4).doubles((long) T * B * IN, -1, 1).toArray();
        SequenceModel<double[]> m = model(cell, 2);
        m.forward(x, T, B, null);
        m.forward(x, T, B, m.finalState(B)); // a non-zero h_0 (and c_0) in the first slot
        m.forward(x, T, B, null);
        SequenceModel<double[]> fresh = model(cell, 2);
        fresh.forward(x, T, B, null);
        assertArrayEquals(fresh.predictions(), m.predictions(), cell.toString());

        // last-step targets: the head's dL/dh buffer is reused for another T x B of the same size
        SequenceModel<double[]> last = lastStepModel(cell);
        last.forwardBackward(x, new double[] {0.5, -0.5}, T, B);
        double[] x1 = Arrays.copyOf(x, T * B * IN); // [2T, 1, I]
        last.forwardBackward(x1, new double[] {0.25}, 2 * T, 1);
        SequenceModel<double[]> freshLast = lastStepModel(cell);
        freshLast.forwardBackward(x1, new double[] {0.25}, 2 * T, 1);
        for (int i = 0; i < last.parameters().size(); i++) {
            Parameter<double[]> a = last.parameters().get(i);
            assertArrayEquals(freshLast.parameters().get(i).grad(), a.grad(), cell + " " + a.name());
        }
    }

    SequenceModel<double[]> lastStepModel(CellKind cell) {
        SequenceModel<double[]> m = new SequenceModel<>(k, new ModelSpec(CellSpec.of(cell), H, 1), IN, 1,
                TargetLayout.LAST_STEP, LossKind.MSE);
        m.initialize(new SplittableRandom(6));
        return m;
    }

    /** Row {@code gate * H + j} of {@code w} times {@code v}, plus the bias. */
    static double affine(double[] w, double[] v, double[] bias, int gate, int j) {
        int row = gate * H + j;
        double s = bias[row];
        for (int i = 0; i < v.length; i++) {
            s += w[row * v.length + i] * v[i];
        }
        return s;
    }

    static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
