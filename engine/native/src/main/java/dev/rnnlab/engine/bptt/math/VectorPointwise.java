package dev.rnnlab.engine.bptt.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 pointwise kernels on the Vector API: tanh, and the LSTM and GRU steps forward and backward
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
final class VectorPointwise implements F32Kernels.Pointwise {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    @Override
    public void tanhInPlace(float[] a, int off, int length) {
        int i = 0;
        for (int bound = S.loopBound(length); i < bound; i += S.length()) {
            tanh(FloatVector.fromArray(S, a, off + i)).intoArray(a, off + i);
        }
        for (; i < length; i++) {
            a[off + i] = (float) Math.tanh(a[off + i]);
        }
    }

    @Override
    public void lstmForward(int rows, int hidden, float[] xGates, int gOff, float[] hGates, float[] gates,
                            float[] cells, int cPrevOff, int cOff, float[] tanhCells, int tcOff, float[] states) {
        int h4 = 4 * hidden;
        int bound = S.loopBound(hidden);
        for (int r = 0; r < rows; r++) {
            int gx = gOff + r * h4;
            int gh = r * h4;
            int cPrev = cPrevOff + r * hidden;
            int cur = cOff + r * hidden;
            int tc = tcOff + r * hidden;
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector i = sigmoid(preActivation(xGates, gx + j, hGates, gh + j));
                FloatVector f = sigmoid(preActivation(xGates, gx + hidden + j, hGates, gh + hidden + j));
                FloatVector g = tanh(preActivation(xGates, gx + 2 * hidden + j, hGates, gh + 2 * hidden + j));
                FloatVector o = sigmoid(preActivation(xGates, gx + 3 * hidden + j, hGates, gh + 3 * hidden + j));
                i.intoArray(gates, gx + j);
                f.intoArray(gates, gx + hidden + j);
                g.intoArray(gates, gx + 2 * hidden + j);
                o.intoArray(gates, gx + 3 * hidden + j);
                FloatVector c = f.mul(FloatVector.fromArray(S, cells, cPrev + j)).add(i.mul(g));
                c.intoArray(cells, cur + j);
                FloatVector tanhC = tanh(c);
                tanhC.intoArray(tanhCells, tc + j);
                o.mul(tanhC).intoArray(states, cur + j);
            }
            for (; j < hidden; j++) {
                float i = sigmoid(xGates[gx + j] + hGates[gh + j]);
                float f = sigmoid(xGates[gx + hidden + j] + hGates[gh + hidden + j]);
                float g = (float) Math.tanh(xGates[gx + 2 * hidden + j] + hGates[gh + 2 * hidden + j]);
                float o = sigmoid(xGates[gx + 3 * hidden + j] + hGates[gh + 3 * hidden + j]);
                gates[gx + j] = i;
                gates[gx + hidden + j] = f;
                gates[gx + 2 * hidden + j] = g;
                gates[gx + 3 * hidden + j] = o;
                float c = f * cells[cPrev + j] + i * g;
                cells[cur + j] = c;
                float tanhC = (float) Math.tanh(c);
                tanhCells[tc + j] = tanhC;
                states[cur + j] = o * tanhC;
            }
        }
    }

    @Override
    public void lstmBackward(int rows, int hidden, float[] gates, int gOff, float[] tanhCells, int tcOff,
                             float[] cells, int cPrevOff, float[] dh, float[] dCell, float[] dGates) {
        int h4 = 4 * hidden;
        int bound = S.loopBound(hidden);
        for (int b = 0; b < rows; b++) {
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
            for (; j < hidden; j++) {
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
    }

    @Override
    public void gruForward(int rows, int hidden, float[] xGates, int gOff, float[] hGates, float[] gates,
                           float[] hiddenN, int hnOff, float[] states, int prevOff, int curOff) {
        int h3 = 3 * hidden;
        int bound = S.loopBound(hidden);
        for (int b = 0; b < rows; b++) {
            int gx = gOff + b * h3;
            int gh = b * h3;
            int prev = prevOff + b * hidden;
            int cur = curOff + b * hidden;
            int hn = hnOff + b * hidden;
            int j = 0;
            for (; j < bound; j += S.length()) {
                FloatVector r = sigmoid(preActivation(xGates, gx + j, hGates, gh + j));
                FloatVector z = sigmoid(preActivation(xGates, gx + hidden + j, hGates, gh + hidden + j));
                FloatVector hnv = FloatVector.fromArray(S, hGates, gh + 2 * hidden + j);
                hnv.intoArray(hiddenN, hn + j);
                FloatVector n = tanh(FloatVector.fromArray(S, xGates, gx + 2 * hidden + j).add(r.mul(hnv)));
                r.intoArray(gates, gx + j);
                z.intoArray(gates, gx + hidden + j);
                n.intoArray(gates, gx + 2 * hidden + j);
                ONE.sub(z).mul(n).add(z.mul(FloatVector.fromArray(S, states, prev + j))).intoArray(states, cur + j);
            }
            for (; j < hidden; j++) {
                float r = sigmoid(xGates[gx + j] + hGates[gh + j]);
                float z = sigmoid(xGates[gx + hidden + j] + hGates[gh + hidden + j]);
                float hnj = hGates[gh + 2 * hidden + j];
                hiddenN[hn + j] = hnj;
                float n = (float) Math.tanh(xGates[gx + 2 * hidden + j] + r * hnj);
                gates[gx + j] = r;
                gates[gx + hidden + j] = z;
                gates[gx + 2 * hidden + j] = n;
                states[cur + j] = (1 - z) * n + z * states[prev + j];
            }
        }
    }

    @Override
    public void gruBackward(int rows, int hidden, float[] gates, int gOff, float[] hiddenN, int hnOff,
                            float[] states, int prevOff, float[] dh, float[] dGx, float[] dGh, float[] dPrevDirect) {
        int h3 = 3 * hidden;
        int bound = S.loopBound(hidden);
        for (int b = 0; b < rows; b++) {
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
            for (; j < hidden; j++) {
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

    private static FloatVector preActivation(float[] x, int xOff, float[] h, int hOff) {
        return FloatVector.fromArray(S, x, xOff).add(FloatVector.fromArray(S, h, hOff));
    }

    private static FloatVector sigmoid(FloatVector x) {
        return ONE.div(exp(x.neg()).add(ONE));
    }

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 * 2^23: adding it rounds to an integer, which then sits in the low mantissa bits. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = 0x4B400000;

    /** e^x for x in [-87.3, 88.3] (clamped outside), Cephes {@code expf}: about 1 ulp. */
    static FloatVector exp(FloatVector x) {
        x = x.max(-87.3f).min(88.3f);
        FloatVector t = x.mul(LOG2E).add(ROUND);
        FloatVector n = t.sub(ROUND);
        FloatVector r = x.sub(n.mul(LN2_HI)).sub(n.mul(LN2_LO));
        FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f);
        p = p.mul(r).add(8.3334519073e-3f);
        p = p.mul(r).add(4.1665795894e-2f);
        p = p.mul(r).add(1.6666665459e-1f);
        p = p.mul(r).add(5.0000001201e-1f);
        FloatVector y = p.mul(r.mul(r)).add(r).add(1f);
        IntVector bits = t.reinterpretAsInts().sub(ROUND_BITS).add(127).lanewise(VectorOperators.LSHL, 23);
        return y.mul(bits.reinterpretAsFloats());
    }

    /** tanh, Cephes {@code tanhf}: an odd polynomial below |x| = 0.625, else 1 - 2 / (e^(2|x|) + 1). */
    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        FloatVector big = ONE.sub(FloatVector.broadcast(S, 2f).div(exp(ax.add(ax)).add(ONE)));
        big = big.lanewise(VectorOperators.NEG, x.compare(VectorOperators.LT, 0f));
        FloatVector z = x.mul(x);
        FloatVector p = z.mul(-5.70498872745e-3f).add(2.06390887954e-2f);
        p = p.mul(z).add(-5.37397155531e-2f);
        p = p.mul(z).add(1.33314422036e-1f);
        p = p.mul(z).add(-3.33332819422e-1f);
        FloatVector small = p.mul(z).mul(x).add(x);
        return big.blend(small, ax.compare(VectorOperators.LT, 0.625f));
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
}
