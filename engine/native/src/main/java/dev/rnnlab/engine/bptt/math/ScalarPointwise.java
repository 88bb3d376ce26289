package dev.rnnlab.engine.bptt.math;

/**
 * The float32 pointwise kernels without the Vector API, one element at a time with exactly the operations of
 * one lane of {@link VectorPointwise} (its activations are {@link Activations}'), so a run gives the same bits
 * with or without {@code jdk.incubator.vector}, only slower. {@code ScalarPointwiseTest} checks every kernel
 * against the vector one bit for bit.
 */
final class ScalarPointwise implements Pointwise {

    @Override
    public void tanhInPlace(float[] a, int off, int length) {
        for (int i = off; i < off + length; i++) {
            a[i] = Activations.tanh(a[i]);
        }
    }

    @Override
    public void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dpre, int dpreOff, int length) {
        for (int i = 0; i < length; i++) {
            float v = y[yOff + i];
            dpre[dpreOff + i] = dy[dyOff + i] * (1 - v * v);
        }
    }

    @Override
    public void addRowVector(int m, int n, float[] c, int cOff, float[] bias) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                c[ci + j] += bias[j];
            }
        }
    }

    /** Each column sums its rows in order, as every other implementation does. */
    @Override
    public void sumRowsAccumulate(int m, int n, int j0, int j1, float[] a, int aOff, float[] out) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * n;
            for (int j = j0; j < j1; j++) {
                out[j] += a[ai + j];
            }
        }
    }

    /** {@code out = act(x + h)}, act sigmoid or tanh, as {@link VectorPointwise#activate}. */
    private static void activate(boolean tanh, int length, float[] x, int xOff, float[] h, int hOff, float[] out,
                                 int outOff) {
        for (int i = 0; i < length; i++) {
            float v = h == null ? x[xOff + i] : x[xOff + i] + h[hOff + i];
            out[outOff + i] = tanh ? Activations.tanh(v) : Activations.sigmoid(v);
        }
    }

    @Override
    public void lstmForward(int r0, int r1, int hidden, float[] xGates, int gOff, float[] hGates, float[] gates,
                            float[] cells, int cPrevOff, int cOff, float[] tanhCells, int tcOff, float[] states) {
        int h4 = 4 * hidden;
        for (int r = r0; r < r1; r++) {
            int gx = gOff + r * h4;
            int gh = r * h4;
            int cPrev = cPrevOff + r * hidden;
            int cur = cOff + r * hidden;
            int tc = tcOff + r * hidden;
            activate(false, 2 * hidden, xGates, gx, hGates, gh, gates, gx); // i, f
            activate(true, hidden, xGates, gx + 2 * hidden, hGates, gh + 2 * hidden, gates, gx + 2 * hidden); // g
            activate(false, hidden, xGates, gx + 3 * hidden, hGates, gh + 3 * hidden, gates, gx + 3 * hidden); // o
            lstmCells(0, hidden, gates, gx, cells, cPrev, cur);
            activate(true, hidden, cells, cur, null, 0, tanhCells, tc);
            lstmStates(0, hidden, gates, gx, tanhCells, tc, states, cur);
        }
    }

    @Override
    public void lstmBackward(int r0, int r1, int hidden, float[] gates, int gOff, float[] tanhCells, int tcOff,
                             float[] cells, int cPrevOff, float[] dh, float[] dCell, float[] dGates) {
        int h4 = 4 * hidden;
        for (int b = r0; b < r1; b++) {
            int ga = gOff + b * h4;
            int cPrev = cPrevOff + b * hidden;
            int tc = tcOff + b * hidden;
            int bj = b * hidden;
            lstmBackwardRow(0, hidden, gates, ga, tanhCells, tc, cells, cPrev, dh, dCell, dGates, bj);
        }
    }

    @Override
    public void gruForward(int r0, int r1, int hidden, float[] xGates, int gOff, float[] hGates, float[] gates,
                           float[] hiddenN, int hnOff, float[] states, int prevOff, int curOff) {
        int h3 = 3 * hidden;
        for (int b = r0; b < r1; b++) {
            int gx = gOff + b * h3;
            int gh = b * h3;
            int gn = gx + 2 * hidden;
            int prev = prevOff + b * hidden;
            int cur = curOff + b * hidden;
            int hn = hnOff + b * hidden;
            activate(false, 2 * hidden, xGates, gx, hGates, gh, gates, gx); // r, z
            System.arraycopy(hGates, gh + 2 * hidden, hiddenN, hn, hidden);
            gruCandidate(0, hidden, xGates, gates, gx, gn, hiddenN, hn);
            activate(true, hidden, gates, gn, null, 0, gates, gn); // n
            gruStates(0, hidden, gates, gx, gn, states, prev, cur);
        }
    }

    @Override
    public void gruBackward(int r0, int r1, int hidden, float[] gates, int gOff, float[] hiddenN, int hnOff,
                            float[] states, int prevOff, float[] dh, float[] dGx, float[] dGh, float[] dPrevDirect) {
        int h3 = 3 * hidden;
        for (int b = r0; b < r1; b++) {
            int ga = gOff + b * h3;
            int prev = prevOff + b * hidden;
            int hn = hnOff + b * hidden;
            int bj = b * hidden;
            gruBackwardRow(0, hidden, gates, ga, hiddenN, hn, states, prev, dh, dGx, dGh, dPrevDirect, bj);
        }
    }

    // One row's elements j0..hidden-1, shared with VectorPointwise, whose lanes do the same arithmetic and which
    // calls these for a row's scalar tail: one source for the per-element formulas.

    /** The LSTM cell: {@code c = f c_prev + i g}. */
    static void lstmCells(int j0, int hidden, float[] gates, int gx, float[] cells, int cPrev, int cur) {
        for (int j = j0; j < hidden; j++) {
            cells[cur + j] = gates[gx + hidden + j] * cells[cPrev + j] + gates[gx + j] * gates[gx + 2 * hidden + j];
        }
    }

    /** The LSTM output: {@code h = o tanh(c)}. */
    static void lstmStates(int j0, int hidden, float[] gates, int gx, float[] tanhCells, int tc, float[] states,
                           int cur) {
        for (int j = j0; j < hidden; j++) {
            states[cur + j] = gates[gx + 3 * hidden + j] * tanhCells[tc + j];
        }
    }

    /** The LSTM step backward: gate gradients and the cell gradient carried back. */
    static void lstmBackwardRow(int j0, int hidden, float[] gates, int ga, float[] tanhCells, int tc, float[] cells,
                                int cPrev, float[] dh, float[] dCell, float[] dGates, int bj) {
        for (int j = j0; j < hidden; j++) {
            float i = gates[ga + j];
            float f = gates[ga + hidden + j];
            float g = gates[ga + 2 * hidden + j];
            float o = gates[ga + 3 * hidden + j];
            float tanhC = tanhCells[tc + j];
            float dhj = dh[bj + j];
            float dc = dCell[bj + j] + dhj * o * (1 - tanhC * tanhC);
            dGates[ga + j] = dc * g * i * (1 - i);
            dGates[ga + hidden + j] = dc * cells[cPrev + j] * f * (1 - f);
            dGates[ga + 2 * hidden + j] = dc * i * (1 - g * g);
            dGates[ga + 3 * hidden + j] = dhj * tanhC * o * (1 - o);
            dCell[bj + j] = dc * f;
        }
    }

    /** The GRU candidate's pre-activation: {@code x_n + r (W_hn h + b_hn)}. */
    static void gruCandidate(int j0, int hidden, float[] xGates, float[] gates, int gx, int gn, float[] hiddenN,
                             int hn) {
        for (int j = j0; j < hidden; j++) {
            gates[gn + j] = xGates[gn + j] + gates[gx + j] * hiddenN[hn + j];
        }
    }

    /** The GRU output: {@code h = (1 - z) n + z h_prev}. */
    static void gruStates(int j0, int hidden, float[] gates, int gx, int gn, float[] states, int prev, int cur) {
        for (int j = j0; j < hidden; j++) {
            float z = gates[gx + hidden + j];
            states[cur + j] = (1 - z) * gates[gn + j] + z * states[prev + j];
        }
    }

    /** The GRU step backward: gate gradients from the input and hidden sides, and dh_prev's direct part. */
    static void gruBackwardRow(int j0, int hidden, float[] gates, int ga, float[] hiddenN, int hn, float[] states,
                               int prev, float[] dh, float[] dGx, float[] dGh, float[] dPrevDirect, int bj) {
        for (int j = j0; j < hidden; j++) {
            float r = gates[ga + j];
            float z = gates[ga + hidden + j];
            float n = gates[ga + 2 * hidden + j];
            float dhj = dh[bj + j];
            float dpn = dhj * (1 - z) * (1 - n * n);
            float dr = dpn * hiddenN[hn + j] * r * (1 - r);
            float dz = dhj * (states[prev + j] - n) * z * (1 - z);
            dGx[ga + j] = dr;
            dGx[ga + hidden + j] = dz;
            dGx[ga + 2 * hidden + j] = dpn;
            dGh[ga + j] = dr;
            dGh[ga + hidden + j] = dz;
            dGh[ga + 2 * hidden + j] = dpn * r;
            dPrevDirect[bj + j] = dhj * z;
        }
    }
}
