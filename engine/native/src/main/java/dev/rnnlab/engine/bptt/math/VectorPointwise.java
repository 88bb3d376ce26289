package dev.rnnlab.engine.bptt.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 pointwise kernels on the Vector API: tanh, and the LSTM step ({@link Kernels#lstmForward}).
 * Sigmoid and tanh are lane-wise {@code EXP} and {@code TANH}, which HotSpot compiles to vector math
 * routines (about 16x the scalar {@code Math.exp} here). Loaded reflectively, like {@link VectorGemm}, only when the module is present.
 * Results may differ from the scalar path in the last float bit; they do not depend on anything but the
 * inputs, so runs stay bit-identical.
 */
final class VectorPointwise implements F32Kernels.Pointwise {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);

    @Override
    public void tanhInPlace(float[] a, int off, int length) {
        int i = 0;
        for (int bound = S.loopBound(length); i < bound; i += S.length()) {
            FloatVector.fromArray(S, a, off + i).lanewise(VectorOperators.TANH).intoArray(a, off + i);
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
                FloatVector g = preActivation(xGates, gx + 2 * hidden + j, hGates, gh + 2 * hidden + j)
                        .lanewise(VectorOperators.TANH);
                FloatVector o = sigmoid(preActivation(xGates, gx + 3 * hidden + j, hGates, gh + 3 * hidden + j));
                i.intoArray(gates, gx + j);
                f.intoArray(gates, gx + hidden + j);
                g.intoArray(gates, gx + 2 * hidden + j);
                o.intoArray(gates, gx + 3 * hidden + j);
                FloatVector c = f.mul(FloatVector.fromArray(S, cells, cPrev + j)).add(i.mul(g));
                c.intoArray(cells, cur + j);
                FloatVector tanhC = c.lanewise(VectorOperators.TANH);
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

    private static FloatVector preActivation(float[] x, int xOff, float[] h, int hOff) {
        return FloatVector.fromArray(S, x, xOff).add(FloatVector.fromArray(S, h, hOff));
    }

    private static FloatVector sigmoid(FloatVector x) {
        return ONE.div(x.neg().lanewise(VectorOperators.EXP).add(ONE));
    }

    private static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }
}
