package dev.rnnlab.engine.bptt.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 pointwise kernels on the Vector API: tanh, bias rows and column sums, and the LSTM and GRU steps
 * forward and backward
 * ({@link Kernels#lstmForward}, {@link Kernels#lstmBackward}, {@link Kernels#gruForward},
 * {@link Kernels#gruBackward}).
 * Loaded reflectively, like {@link VectorGemm}, only when the module is present.
 *
 * <p>exp and tanh are computed here from adds, multiplies, divides and bit operations (Cody-Waite range
 * reduction and the Cephes {@code expf}/{@code tanhf} polynomials, within a few float ulps), not with the
 * Vector API's lane-wise {@code EXP}/{@code TANH}: those run as vector math stubs once C2 compiles the loop
 * but as per-lane {@code Math} calls before, so the same run gave different bits depending on JIT timing.
 * IEEE arithmetic gives the same bits in the interpreter and in compiled code, so runs stay bit-identical.
 */
final class VectorPointwise implements Pointwise {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    @Override
    public void tanhInPlace(float[] a, int off, int length) {
        activate(true, length, a, off, null, 0, a, off);
    }

    @Override
    public void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dpre, int dpreOff, int length) {
        int i = 0;
        for (int bound = S.loopBound(length); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, y, yOff + i);
            FloatVector.fromArray(S, dy, dyOff + i).mul(ONE.sub(v.mul(v))).intoArray(dpre, dpreOff + i);
        }
        for (; i < length; i++) {
            float v = y[yOff + i];
            dpre[dpreOff + i] = dy[dyOff + i] * (1 - v * v);
        }
    }

    @Override
    public void addRowVector(int m, int n, float[] c, int cOff, float[] bias) {
        int bound = S.loopBound(n);
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector.fromArray(S, c, ci + j).add(FloatVector.fromArray(S, bias, j)).intoArray(c, ci + j);
            }
            for (; j < n; j++) {
                c[ci + j] += bias[j];
            }
        }
    }

    /**
     * Columns {@code j0..j1-1}: each column sums its rows in order, as the scalar loop does, so every way of
     * walking the matrix gives the same bits. A wide range streams the rows (out stays in L1): 4x faster on
     * [3200 x 2048] than a column block at a time, which strides a page per row. A narrow one keeps its
     * sums in registers, so consecutive rows do not wait on each other's store.
     */
    @Override
    public void sumRowsAccumulate(int m, int n, int j0, int j1, float[] a, int aOff, float[] out) {
        if (j1 - j0 >= 4 * S.length()) {
            int bound = j0 + S.loopBound(j1 - j0);
            for (int i = 0; i < m; i++) {
                int ai = aOff + i * n;
                int j = j0;
                for (; j < bound; j += S.length()) {
                    FloatVector.fromArray(S, out, j).add(FloatVector.fromArray(S, a, ai + j)).intoArray(out, j);
                }
                for (; j < j1; j++) {
                    out[j] += a[ai + j];
                }
            }
            return;
        }
        int bound = j0 + S.loopBound(j1 - j0);
        int j = j0;
        for (; j < bound; j += S.length()) {
            FloatVector sum = FloatVector.fromArray(S, out, j);
            for (int i = 0; i < m; i++) {
                sum = sum.add(FloatVector.fromArray(S, a, aOff + i * n + j));
            }
            sum.intoArray(out, j);
        }
        for (; j < j1; j++) {
            float sum = out[j];
            for (int i = 0; i < m; i++) {
                sum += a[aOff + i * n + j];
            }
            out[j] = sum;
        }
    }

    @Override
    public void lstmForward(int r0, int r1, int hidden, float[] xGates, int gOff, float[] hGates, float[] gates,
                            float[] cells, int cPrevOff, int cOff, float[] tanhCells, int tcOff, float[] states) {
        int h4 = 4 * hidden;
        int bound = S.loopBound(hidden);
        for (int r = r0; r < r1; r++) {
            int gx = gOff + r * h4;
            int gh = r * h4;
            int cPrev = cPrevOff + r * hidden;
            int cur = cOff + r * hidden;
            int tc = tcOff + r * hidden;
            activate(false, 2 * hidden, xGates, gx, hGates, gh, gates, gx); // i, f
            activate(true, hidden, xGates, gx + 2 * hidden, hGates, gh + 2 * hidden, gates, gx + 2 * hidden); // g
            activate(false, hidden, xGates, gx + 3 * hidden, hGates, gh + 3 * hidden, gates, gx + 3 * hidden); // o
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector i = FloatVector.fromArray(S, gates, gx + j);
                FloatVector f = FloatVector.fromArray(S, gates, gx + hidden + j);
                FloatVector g = FloatVector.fromArray(S, gates, gx + 2 * hidden + j);
                f.mul(FloatVector.fromArray(S, cells, cPrev + j)).add(i.mul(g)).intoArray(cells, cur + j);
            }
            ScalarPointwise.lstmCells(j, hidden, gates, gx, cells, cPrev, cur);
            activate(true, hidden, cells, cur, null, 0, tanhCells, tc);
            j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector o = FloatVector.fromArray(S, gates, gx + 3 * hidden + j);
                o.mul(FloatVector.fromArray(S, tanhCells, tc + j)).intoArray(states, cur + j);
            }
            ScalarPointwise.lstmStates(j, hidden, gates, gx, tanhCells, tc, states, cur);
        }
    }

    @Override
    public void lstmBackward(int r0, int r1, int hidden, float[] gates, int gOff, float[] tanhCells, int tcOff,
                             float[] cells, int cPrevOff, float[] dh, float[] dCell, float[] dGates) {
        int h4 = 4 * hidden;
        int bound = S.loopBound(hidden);
        for (int b = r0; b < r1; b++) {
            int ga = gOff + b * h4;
            int cPrev = cPrevOff + b * hidden;
            int tc = tcOff + b * hidden;
            int bj = b * hidden;
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector i = FloatVector.fromArray(S, gates, ga + j);
                FloatVector f = FloatVector.fromArray(S, gates, ga + hidden + j);
                FloatVector g = FloatVector.fromArray(S, gates, ga + 2 * hidden + j);
                FloatVector o = FloatVector.fromArray(S, gates, ga + 3 * hidden + j);
                FloatVector tanhC = FloatVector.fromArray(S, tanhCells, tc + j);
                FloatVector dhj = FloatVector.fromArray(S, dh, bj + j);
                FloatVector dc = FloatVector.fromArray(S, dCell, bj + j)
                        .add(dhj.mul(o).mul(ONE.sub(tanhC.mul(tanhC))));
                dc.mul(g).mul(i).mul(ONE.sub(i)).intoArray(dGates, ga + j);
                dc.mul(FloatVector.fromArray(S, cells, cPrev + j)).mul(f).mul(ONE.sub(f))
                        .intoArray(dGates, ga + hidden + j);
                dc.mul(i).mul(ONE.sub(g.mul(g))).intoArray(dGates, ga + 2 * hidden + j);
                dhj.mul(tanhC).mul(o).mul(ONE.sub(o)).intoArray(dGates, ga + 3 * hidden + j);
                dc.mul(f).intoArray(dCell, bj + j);
            }
            ScalarPointwise.lstmBackwardRow(j, hidden, gates, ga, tanhCells, tc, cells, cPrev, dh, dCell, dGates, bj);
        }
    }

    @Override
    public void gruForward(int r0, int r1, int hidden, float[] xGates, int gOff, float[] hGates, float[] gates,
                           float[] hiddenN, int hnOff, float[] states, int prevOff, int curOff) {
        int h3 = 3 * hidden;
        int bound = S.loopBound(hidden);
        for (int b = r0; b < r1; b++) {
            int gx = gOff + b * h3;
            int gh = b * h3;
            int gn = gx + 2 * hidden;
            int prev = prevOff + b * hidden;
            int cur = curOff + b * hidden;
            int hn = hnOff + b * hidden;
            activate(false, 2 * hidden, xGates, gx, hGates, gh, gates, gx); // r, z
            System.arraycopy(hGates, gh + 2 * hidden, hiddenN, hn, hidden);
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector r = FloatVector.fromArray(S, gates, gx + j);
                FloatVector hnv = FloatVector.fromArray(S, hiddenN, hn + j);
                FloatVector.fromArray(S, xGates, gn + j).add(r.mul(hnv)).intoArray(gates, gn + j);
            }
            ScalarPointwise.gruCandidate(j, hidden, xGates, gates, gx, gn, hiddenN, hn);
            activate(true, hidden, gates, gn, null, 0, gates, gn); // n
            j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector z = FloatVector.fromArray(S, gates, gx + hidden + j);
                FloatVector n = FloatVector.fromArray(S, gates, gn + j);
                ONE.sub(z).mul(n).add(z.mul(FloatVector.fromArray(S, states, prev + j))).intoArray(states, cur + j);
            }
            ScalarPointwise.gruStates(j, hidden, gates, gx, gn, states, prev, cur);
        }
    }

    @Override
    public void gruBackward(int r0, int r1, int hidden, float[] gates, int gOff, float[] hiddenN, int hnOff,
                            float[] states, int prevOff, float[] dh, float[] dGx, float[] dGh, float[] dPrevDirect) {
        int h3 = 3 * hidden;
        int bound = S.loopBound(hidden);
        for (int b = r0; b < r1; b++) {
            int ga = gOff + b * h3;
            int prev = prevOff + b * hidden;
            int hn = hnOff + b * hidden;
            int bj = b * hidden;
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector r = FloatVector.fromArray(S, gates, ga + j);
                FloatVector z = FloatVector.fromArray(S, gates, ga + hidden + j);
                FloatVector n = FloatVector.fromArray(S, gates, ga + 2 * hidden + j);
                FloatVector dhj = FloatVector.fromArray(S, dh, bj + j);
                FloatVector dpn = dhj.mul(ONE.sub(z)).mul(ONE.sub(n.mul(n)));
                FloatVector dr = dpn.mul(FloatVector.fromArray(S, hiddenN, hn + j)).mul(r).mul(ONE.sub(r));
                FloatVector dz = dhj.mul(FloatVector.fromArray(S, states, prev + j).sub(n)).mul(z).mul(ONE.sub(z));
                dr.intoArray(dGx, ga + j);
                dz.intoArray(dGx, ga + hidden + j);
                dpn.intoArray(dGx, ga + 2 * hidden + j);
                dr.intoArray(dGh, ga + j);
                dz.intoArray(dGh, ga + hidden + j);
                dpn.mul(r).intoArray(dGh, ga + 2 * hidden + j);
                dhj.mul(z).intoArray(dPrevDirect, bj + j);
            }
            ScalarPointwise.gruBackwardRow(j, hidden, gates, ga, hiddenN, hn, states, prev, dh, dGx, dGh, dPrevDirect,
                    bj);
        }
    }

    private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
    private static final FloatVector ROUND_V = FloatVector.broadcast(S, Activations.ROUND);
    private static final FloatVector LOG2E_V = FloatVector.broadcast(S, 1.44269504088896341f);
    private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(S, -0.693359375f);
    private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(S, 2.12194440e-4f);
    private static final FloatVector EXP_MIN = FloatVector.broadcast(S, -87.3f);
    private static final FloatVector EXP_MAX = FloatVector.broadcast(S, 88.3f);
    /** Cephes {@code expf}: e^r = 1 + r + r^2 (P0 + P1 r + ... + P5 r^5) on the reduced range. */
    private static final FloatVector EXP_P0 = FloatVector.broadcast(S, 5.0000001201e-1f);
    private static final FloatVector EXP_P1 = FloatVector.broadcast(S, 1.6666665459e-1f);
    private static final FloatVector EXP_P2 = FloatVector.broadcast(S, 4.1665795894e-2f);
    private static final FloatVector EXP_P3 = FloatVector.broadcast(S, 8.3334519073e-3f);
    private static final FloatVector EXP_P4 = FloatVector.broadcast(S, 1.3981999507e-3f);
    private static final FloatVector EXP_P5 = FloatVector.broadcast(S, 1.9875691500e-4f);
    /** Cephes {@code tanhf} below |v| = 0.625: tanh v = v + v z (P0 + P1 z + P2 z^2 + P3 z^3 + P4 z^4), z = v^2. */
    private static final FloatVector TANH_P0 = FloatVector.broadcast(S, -3.33332819422e-1f);
    private static final FloatVector TANH_P1 = FloatVector.broadcast(S, 1.33314422036e-1f);
    private static final FloatVector TANH_P2 = FloatVector.broadcast(S, -5.37397155531e-2f);
    private static final FloatVector TANH_P3 = FloatVector.broadcast(S, 2.06390887954e-2f);
    private static final FloatVector TANH_P4 = FloatVector.broadcast(S, -5.70498872745e-3f);
    private static final FloatVector SWITCH = FloatVector.broadcast(S, 0.625f);
    private static final FloatVector MINUS_SWITCH = FloatVector.broadcast(S, -0.625f);
    private static final FloatVector SWITCH_SQUARED = FloatVector.broadcast(S, 0.390625f);
    private static final FloatVector TWO_24 = FloatVector.broadcast(S, 16777216f);

    /**
     * {@code out = act(x + h)} over {@code length} elements ({@code act(x)} when {@code h} is null), act the
     * logistic sigmoid or tanh. Both compute e^y the same way, Cephes {@code expf} (Cody-Waite reduction and a
     * degree-5 polynomial, about 1 ulp, y clamped to [-87.3, 88.3]):
     * <ul>
     *   <li>sigmoid(v) = 1 / (1 + e^-v);
     *   <li>tanh(v) = 1 - 2 / (e^(2v) + 1), or below |v| = 0.625 Cephes' odd polynomial.
     * </ul>
     * Each function is written out in its own loop on purpose. A vector passed to or returned from a call
     * the JIT does not inline is boxed, and C2 declines to inline a callee that it has already compiled on
     * its own into a large body: with exp and tanh as helper methods, tanh cost 4-5 ns per element against
     * 0.9 ns written out (a micro-benchmark on this machine). And on JDK 17, C2 stops knowing the exact
     * class of the vectors computed late in a long loop body: the store at the end then goes through a type
     * profile, its intrinsic fails ("missing constant: vclass=DecodeN" under {@code -XX:+PrintIntrinsics})
     * and every vector of the loop is boxed, 1.2 GB of float[] in a 6 s benchmark and up to 45% of a
     * training step. One loop for both functions, or four more operations in the tanh loop, was enough
     * to cross that line in some JVM launches and in every launch with {@code -XX:-TieredCompilation};
     * hence two loops, and the tanh loop with as few operations as its formulas allow.
     */
    static void activate(boolean tanh, int length, float[] x, int xOff, float[] h, int hOff, float[] out,
                                 int outOff) {
        if (tanh) {
            tanhLoop(length, x, xOff, h, hOff, out, outOff);
        } else {
            sigmoidLoop(length, x, xOff, h, hOff, out, outOff);
        }
    }

    private static void sigmoidLoop(int length, float[] x, int xOff, float[] h, int hOff, float[] out, int outOff) {
        int i = 0;
        for (int bound = S.loopBound(length); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            if (h != null) {
                v = v.add(FloatVector.fromArray(S, h, hOff + i));
            }
            FloatVector y = v.mul(-1f).max(EXP_MIN).min(EXP_MAX);
            FloatVector t = y.fma(LOG2E_V, ROUND_V);
            FloatVector n = t.sub(ROUND_V);
            FloatVector r = n.fma(MINUS_LN2_LO, n.fma(MINUS_LN2_HI, y));
            FloatVector p = r.fma(EXP_P5, EXP_P4).fma(r, EXP_P3).fma(r, EXP_P2).fma(r, EXP_P1).fma(r, EXP_P0);
            IntVector bits = t.reinterpretAsInts().sub(Activations.ROUND_BITS).add(127)
                    .lanewise(VectorOperators.LSHL, 23);
            FloatVector e = p.fma(r.mul(r), r).add(ONE).mul(bits.reinterpretAsFloats());
            ONE.div(e.add(ONE)).intoArray(out, outOff + i);
        }
        scalarTail(false, i, length, x, xOff, h, hOff, out, outOff);
    }

    private static void tanhLoop(int length, float[] x, int xOff, float[] h, int hOff, float[] out, int outOff) {
        int i = 0;
        for (int bound = S.loopBound(length); i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            if (h != null) {
                v = v.add(FloatVector.fromArray(S, h, hOff + i));
            }
            FloatVector y = v.add(v).max(EXP_MIN).min(EXP_MAX);
            FloatVector t = y.fma(LOG2E_V, ROUND_V);
            FloatVector n = t.sub(ROUND_V);
            FloatVector r = n.fma(MINUS_LN2_LO, n.fma(MINUS_LN2_HI, y));
            FloatVector p = r.fma(EXP_P5, EXP_P4).fma(r, EXP_P3).fma(r, EXP_P2).fma(r, EXP_P1).fma(r, EXP_P0);
            IntVector bits = t.reinterpretAsInts().sub(Activations.ROUND_BITS).add(127)
                    .lanewise(VectorOperators.LSHL, 23);
            FloatVector e = p.fma(r.mul(r), r).add(ONE).mul(bits.reinterpretAsFloats());
            FloatVector big = ONE.sub(TWO.div(e.add(ONE)));
            FloatVector vs = v.max(MINUS_SWITCH).min(SWITCH);
            FloatVector z = vs.mul(vs);
            FloatVector q = z.fma(TANH_P4, TANH_P3).fma(z, TANH_P2).fma(z, TANH_P1).fma(z, TANH_P0);
            FloatVector small = q.mul(z).fma(vs, vs);
            // Select without a mask, in two operations: w = (0.625^2 - z) 2^24, at most 1, is exactly 1 below
            // |v| = 0.625 - 1e-7 and exactly 0 from 0.625 up (z is clamped there), and (small - big) w + big
            // is then big, or small up to the rounding of small - big: exact where the two are within a
            // factor of 2, one ulp off around |v| = 5e-8, where big has lost all but a bit to cancellation.
            // (small w + big (1 - w) is exact, but its two more operations brought the store failure back.)
            FloatVector w = SWITCH_SQUARED.sub(z).mul(TWO_24).min(ONE);
            small.sub(big).fma(w, big).intoArray(out, outOff + i);
        }
        scalarTail(true, i, length, x, xOff, h, hOff, out, outOff);
    }

    /**
     * The elements {@code from..length-1} of {@link #activate}, one at a time, with the vector loops' exact
     * operations ({@link Activations}), so an element's bits do not depend on whether it falls in a vector or
     * in the tail: not on the lane count (16 with AVX-512, 8 with AVX2), nor on the length of the row. Kept out
     * of the vector loops' methods, which are at the edge of C2's budget (see {@link #activate}).
     */
    private static void scalarTail(boolean tanh, int from, int length, float[] x, int xOff, float[] h, int hOff,
                                   float[] out, int outOff) {
        for (int i = from; i < length; i++) {
            float v = h == null ? x[xOff + i] : x[xOff + i] + h[hOff + i];
            out[outOff + i] = tanh ? Activations.tanh(v) : Activations.sigmoid(v);
        }
    }
}
