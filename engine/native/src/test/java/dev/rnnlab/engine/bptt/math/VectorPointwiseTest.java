package dev.rnnlab.engine.bptt.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The vectorised float32 kernels against the float64 scalar ones on the same inputs. LSTM and GRU steps
 * forward and backward: hidden sizes below, at and past a vector (the scalar tail), offsets into longer
 * buffers, and pre-activations out to +-40 where sigmoid and tanh saturate. Tanh: lengths around a vector,
 * saturating inputs.
 */
class VectorPointwiseTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 37, 128})
    void vectorStepMatchesTheFloat64Step(int hidden) {
        F32Kernels f32 = new F32Kernels();
        assertTrue(f32.vectorised(),
                "this test checks the Vector API path; run it with --add-modules jdk.incubator.vector");
        SplittableRandom rng = new SplittableRandom(hidden);
        int rows = 3;
        int gOff = 4 * hidden * rows;     // step 1 of a [2, rows, 4H] buffer
        int cPrevOff = hidden * rows;      // c_{t-1} in slot 1, c_t in slot 2
        int cOff = 2 * hidden * rows;
        int tcOff = hidden * rows;
        float[] xGates = new float[2 * rows * 4 * hidden];
        float[] hGates = new float[rows * 4 * hidden];
        float[] cells = new float[3 * rows * hidden];
        for (int i = 0; i < xGates.length; i++) {
            xGates[i] = (float) (rng.nextInt(10) == 0 ? rng.nextDouble(-40, 40) : rng.nextDouble(-3, 3));
        }
        for (int i = 0; i < hGates.length; i++) {
            hGates[i] = (float) rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < cells.length; i++) {
            cells[i] = (float) rng.nextDouble(-2, 2);
        }

        float[] gates = new float[xGates.length];
        float[] tanhCells = new float[2 * rows * hidden];
        float[] states = new float[3 * rows * hidden];
        float[] cells32 = cells.clone();
        f32.lstmForward(rows, hidden, xGates, gOff, hGates, gates, cells32, cPrevOff, cOff, tanhCells, tcOff, states);

        F64Kernels f64 = new F64Kernels();
        double[] gates64 = new double[xGates.length];
        double[] tanhCells64 = new double[tanhCells.length];
        double[] states64 = new double[states.length];
        double[] cells64 = f64.fromFloats(cells);
        f64.lstmForward(rows, hidden, f64.fromFloats(xGates), gOff, f64.fromFloats(hGates), gates64, cells64,
                cPrevOff, cOff, tanhCells64, tcOff, states64);

        assertClose(gates64, gates, "gates");
        assertClose(cells64, cells32, "cells");
        assertClose(tanhCells64, tanhCells, "tanh(c)");
        assertClose(states64, states, "h");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 37, 128})
    void vectorLstmBackwardMatchesTheFloat64Backward(int hidden) {
        F32Kernels f32 = new F32Kernels();
        assertTrue(f32.vectorised(), "run with --add-modules jdk.incubator.vector");
        SplittableRandom rng = new SplittableRandom(200 + hidden);
        int rows = 3;
        int gOff = 4 * hidden * rows;      // step 1 of [2, rows, 4H]
        int tcOff = hidden * rows;
        int cPrevOff = hidden * rows;
        float[] gates = new float[2 * rows * 4 * hidden];
        for (int n = 0; n < gates.length; n++) {
            boolean tanhGate = (n / hidden) % 4 == 2;
            gates[n] = (float) (tanhGate ? rng.nextDouble(-1, 1) : rng.nextDouble(0, 1));
        }
        float[] tanhCells = new float[2 * rows * hidden];
        float[] cells = new float[2 * rows * hidden];
        float[] dh = new float[rows * hidden];
        float[] dCell = new float[rows * hidden];
        for (int n = 0; n < tanhCells.length; n++) {
            tanhCells[n] = (float) rng.nextDouble(-1, 1);
            cells[n] = (float) rng.nextDouble(-3, 3);
        }
        for (int n = 0; n < dh.length; n++) {
            dh[n] = (float) rng.nextDouble(-1, 1);
            dCell[n] = (float) rng.nextDouble(-1, 1);
        }
        float[] dGates = new float[gates.length];
        float[] dCell32 = dCell.clone();
        f32.lstmBackward(rows, hidden, gates, gOff, tanhCells, tcOff, cells, cPrevOff, dh, dCell32, dGates);

        F64Kernels f64 = new F64Kernels();
        double[] dGates64 = new double[gates.length];
        double[] dCell64 = f64.fromFloats(dCell);
        f64.lstmBackward(rows, hidden, f64.fromFloats(gates), gOff, f64.fromFloats(tanhCells), tcOff,
                f64.fromFloats(cells), cPrevOff, f64.fromFloats(dh), dCell64, dGates64);

        assertClose(dGates64, dGates, "dGates");
        assertClose(dCell64, dCell32, "dCell");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 37, 128})
    void vectorGruStepMatchesTheFloat64Step(int hidden) {
        F32Kernels f32 = new F32Kernels();
        assertTrue(f32.vectorised(), "run with --add-modules jdk.incubator.vector");
        SplittableRandom rng = new SplittableRandom(100 + hidden);
        int rows = 3;
        int gOff = 3 * hidden * rows;      // step 1 of a [2, rows, 3H] buffer
        int prevOff = hidden * rows;       // h_{t-1} in slot 1, h_t in slot 2
        int curOff = 2 * hidden * rows;
        int hnOff = hidden * rows;
        float[] xGates = new float[2 * rows * 3 * hidden];
        float[] hGates = new float[rows * 3 * hidden];
        float[] states = new float[3 * rows * hidden];
        for (int i = 0; i < xGates.length; i++) {
            xGates[i] = (float) (rng.nextInt(10) == 0 ? rng.nextDouble(-40, 40) : rng.nextDouble(-3, 3));
        }
        for (int i = 0; i < hGates.length; i++) {
            hGates[i] = (float) rng.nextDouble(-2, 2);
        }
        for (int i = 0; i < states.length; i++) {
            states[i] = (float) rng.nextDouble(-1, 1);
        }
        float[] gates = new float[xGates.length];
        float[] hiddenN = new float[2 * rows * hidden];
        float[] states32 = states.clone();
        f32.gruForward(rows, hidden, xGates, gOff, hGates, gates, hiddenN, hnOff, states32, prevOff, curOff);

        F64Kernels f64 = new F64Kernels();
        double[] gates64 = new double[xGates.length];
        double[] hiddenN64 = new double[hiddenN.length];
        double[] states64 = f64.fromFloats(states);
        f64.gruForward(rows, hidden, f64.fromFloats(xGates), gOff, f64.fromFloats(hGates), gates64, hiddenN64, hnOff,
                states64, prevOff, curOff);

        assertClose(gates64, gates, "gates");
        assertClose(hiddenN64, hiddenN, "hn");
        assertClose(states64, states32, "h");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 37, 128})
    void vectorGruBackwardMatchesTheFloat64Backward(int hidden) {
        F32Kernels f32 = new F32Kernels();
        assertTrue(f32.vectorised(), "run with --add-modules jdk.incubator.vector");
        SplittableRandom rng = new SplittableRandom(300 + hidden);
        int rows = 3;
        int gOff = 3 * hidden * rows;      // step 1 of [2, rows, 3H]
        int hnOff = hidden * rows;
        int prevOff = hidden * rows;
        float[] gates = new float[2 * rows * 3 * hidden];
        for (int n = 0; n < gates.length; n++) {
            boolean tanhGate = (n / hidden) % 3 == 2;
            gates[n] = (float) (tanhGate ? rng.nextDouble(-1, 1) : rng.nextDouble(0, 1));
        }
        float[] hiddenN = new float[2 * rows * hidden];
        float[] states = new float[2 * rows * hidden];
        float[] dh = new float[rows * hidden];
        for (int n = 0; n < hiddenN.length; n++) {
            hiddenN[n] = (float) rng.nextDouble(-2, 2);
            states[n] = (float) rng.nextDouble(-1, 1);
        }
        for (int n = 0; n < dh.length; n++) {
            dh[n] = (float) rng.nextDouble(-1, 1);
        }
        float[] dGx = new float[gates.length];
        float[] dGh = new float[gates.length];
        float[] dPrev = new float[dh.length];
        f32.gruBackward(rows, hidden, gates, gOff, hiddenN, hnOff, states, prevOff, dh, dGx, dGh, dPrev);

        F64Kernels f64 = new F64Kernels();
        double[] dGx64 = new double[gates.length];
        double[] dGh64 = new double[gates.length];
        double[] dPrev64 = new double[dh.length];
        f64.gruBackward(rows, hidden, f64.fromFloats(gates), gOff, f64.fromFloats(hiddenN), hnOff,
                f64.fromFloats(states), prevOff, f64.fromFloats(dh), dGx64, dGh64, dPrev64);

        assertClose(dGx64, dGx, "dGx");
        assertClose(dGh64, dGh, "dGh");
        assertClose(dPrev64, dPrev, "dPrevDirect");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 16, 100})
    void vectorTanhMatchesMathTanh(int length) {
        F32Kernels f32 = new F32Kernels();
        assertTrue(f32.vectorised(), "run with --add-modules jdk.incubator.vector");
        SplittableRandom rng = new SplittableRandom(length);
        float[] a = new float[length + 3];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (i % 7 == 0 ? rng.nextDouble(-30, 30) : rng.nextDouble(-3, 3));
        }
        float[] before = a.clone();
        f32.tanhInPlace(a, 2, length);
        double[] expected = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            expected[i] = i >= 2 && i < 2 + length ? Math.tanh(before[i]) : before[i];
        }
        assertClose(expected, a, "tanh");
    }

    /**
     * An element's sigmoid and tanh have the same bits whether it falls in a vector or in the scalar tail, so
     * results depend neither on the lane count (8 with AVX2, 16 with AVX-512) nor on the row length: each
     * input, among them the edges of both tanh formulas, saturation, zeros, NaN and infinities, is computed
     * at every position of a row one element longer than a vector, once in lanes and once in the tail.
     */
    @Test
    void theScalarTailGivesTheVectorLanesBitsExactly() {
        int lanes = jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length();
        SplittableRandom rng = new SplittableRandom(5);
        java.util.List<Float> xs = new java.util.ArrayList<>();
        for (float v : new float[] {0f, -0f, 0.625f, Math.nextDown(0.625f), Math.nextUp(0.625f), -0.625f, 1e-8f,
                5e-8f, 1e-30f, 44f, -44f, 87.3f, -87.3f, 100f, -100f, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, Float.NaN}) {
            xs.add(v);
        }
        for (int k = 0; k < 400; k++) {
            xs.add((float) (k % 3 == 0 ? rng.nextDouble(-40, 40) : rng.nextDouble(-1, 1)));
        }
        for (boolean tanh : new boolean[] {false, true}) {
            for (float v : xs) {
                float[] row = new float[lanes + 1];
                java.util.Arrays.fill(row, v);
                float[] out = new float[lanes + 1];
                VectorPointwise.activate(tanh, lanes + 1, row, 0, null, 0, out, 0);
                assertEquals(Float.floatToRawIntBits(out[0]), Float.floatToRawIntBits(out[lanes]),
                        (tanh ? "tanh(" : "sigmoid(") + v + "): lane " + out[0] + ", tail " + out[lanes]);
                float one = tanh ? Activations.tanh(v) : Activations.sigmoid(v);
                assertEquals(Float.floatToRawIntBits(out[0]), Float.floatToRawIntBits(one), "the one-lane form");
            }
        }
    }

    /**
     * The vector sigmoid over the whole range where exp is neither clamped nor denormal: for negative x it
     * is about e^x, so this also bounds the error of the exp polynomial there.
     */
    @Test
    void vectorSigmoidIsWithinSixUlpsOfTheFloat64Value() {
        assertTrue(new F32Kernels().vectorised(), "run with --add-modules jdk.incubator.vector");
        int n = 0;
        for (float v = -87f; v < 88.3f; v += 0.37f) {
            n++;
        }
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = -87f + 0.37f * i;
        }
        float[] y = new float[n];
        VectorPointwise.activate(false, n, x, 0, null, 0, y, 0);
        for (int i = 0; i < n; i++) {
            double expected = 1 / (1 + Math.exp(-(double) x[i]));
            assertEquals(expected, y[i], 6 * Math.ulp((float) expected), "sigmoid(" + x[i] + ")");
        }
    }

    /**
     * The vector tanh over [-12, 12], densely around the switch between its two formulas at |v| = 0.625,
     * and at tiny values: within 4 ulps of the float64 value (and 1e-45 absolute, for the smallest).
     */
    @Test
    void vectorTanhIsWithinFourUlpsOfTheFloat64Value() {
        assertTrue(new F32Kernels().vectorised(), "run with --add-modules jdk.incubator.vector");
        java.util.List<Float> xs = new java.util.ArrayList<>();
        for (float v = -12f; v <= 12f; v += 0.0137f) {
            xs.add(v);
        }
        for (float v = 0.62f; v < 0.63f; v = Math.nextUp(v + 1e-6f)) {
            xs.add(v);
            xs.add(-v);
        }
        for (float v : new float[] {0.625f, Math.nextDown(0.625f), Math.nextUp(0.625f), 1e-3f, 1e-10f, 1e-30f,
                Float.MIN_NORMAL, 0f, 100f, 1e30f, Float.POSITIVE_INFINITY}) {
            xs.add(v);
            xs.add(-v);
        }
        float[] x = new float[xs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = xs.get(i);
        }
        float[] y = new float[x.length];
        VectorPointwise.activate(true, x.length, x, 0, null, 0, y, 0);
        for (int i = 0; i < x.length; i++) {
            double expected = Math.tanh(x[i]);
            assertEquals(expected, y[i], Math.max(4 * Math.ulp((float) expected), 1e-45), "tanh(" + x[i] + ")");
        }
    }

    /**
     * Bias rows, column sums and the tanh derivative: the same bits as the scalar loops (each column sums
     * its rows in order).
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 37, 64, 101, 130})
    void vectorBiasRowsColumnSumsAndTanhDerivativeEqualTheScalarLoopsBitForBit(int n) {
        SplittableRandom rng = new SplittableRandom(n);
        int m = 9;
        float[] a = new float[3 + m * n];
        float[] bias = new float[n];
        float[] start = new float[n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble(-1, 1) * (i % 3 == 0 ? 1e4f : 1f);
        }
        for (int j = 0; j < n; j++) {
            bias[j] = (float) rng.nextDouble(-1, 1);
            start[j] = (float) rng.nextDouble(-1, 1);
        }
        float[] rows = a.clone();
        new VectorPointwise().addRowVector(m, n, rows, 3, bias);
        float[] sums = start.clone();
        new VectorPointwise().sumRowsAccumulate(m, n, 0, n, a, 3, sums);
        float[] split = start.clone(); // column ranges as a team splits them: narrow and wide, odd edges
        int cut = n / 3;
        new VectorPointwise().sumRowsAccumulate(m, n, 0, cut, a, 3, split);
        new VectorPointwise().sumRowsAccumulate(m, n, cut, n, a, 3, split);
        float[] expectedRows = a.clone();
        float[] expectedSums = start.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                expectedRows[3 + i * n + j] += bias[j];
                expectedSums[j] += a[3 + i * n + j];
            }
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(expectedRows, rows, 0f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expectedSums, sums, 0f);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expectedSums, split, 0f);

        float[] y = new float[m * n];
        float[] dy = new float[m * n];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) Math.tanh(rng.nextDouble(-3, 3));
            dy[i] = (float) rng.nextDouble(-1, 1);
        }
        float[] dpre = new float[2 + m * n];
        new VectorPointwise().tanhBackward(y, 0, dy, 0, dpre, 2, m * n);
        for (int i = 0; i < y.length; i++) {
            assertEquals(dy[i] * (1 - y[i] * y[i]), dpre[2 + i], 0f, "dpre[" + i + "]");
        }
    }

    /** The fused RNN step gives the bits of its three passes (copy, add, tanh), unsplit and split. */
    @ParameterizedTest
    @ValueSource(ints = {1, 37, 4096, 4096 + 37})
    void tanhOfSumEqualsCopyAddTanhBitForBit(int length) {
        SplittableRandom rng = new SplittableRandom(length);
        float[] x = new float[length + 5];
        float[] h = new float[length + 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextDouble(-3, 3);
        }
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) rng.nextDouble(-3, 3);
        }
        float[] expected = new float[length + 7];
        try (F32Kernels one = new F32Kernels(1)) {
            one.copy(x, 5, expected, 7, length);
            one.axpy(length, 1.0, h, 3, expected, 7);
            one.tanhInPlace(expected, 7, length);
        }
        for (int threads : new int[] {1, 3}) {
            try (F32Kernels k = new F32Kernels(threads)) {
                float[] out = new float[length + 7];
                k.tanhOfSum(x, 5, h, 3, out, 7, length);
                org.junit.jupiter.api.Assertions.assertArrayEquals(expected, out, 0f, threads + " thread(s)");
            }
        }
    }

    private static void assertClose(double[] expected, float[] actual, String what) {
        for (int i = 0; i < expected.length; i++) {
            // float32 rounding of the inputs and of every intermediate: a few units of 2^-24 relative
            assertEquals(expected[i], actual[i], 1e-6 * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }
}
