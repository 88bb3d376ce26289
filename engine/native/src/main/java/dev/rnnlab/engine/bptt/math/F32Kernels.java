package dev.rnnlab.engine.bptt.math;

import dev.rnnlab.engine.api.spec.Precision;
import java.util.Arrays;

/**
 * Training kernels in float32: float storage and float accumulation, as a float32 PyTorch model does.
 * Plain loops that the JIT can auto-vectorise; the register-blocked Vector API kernels of the
 * performance work replace the GEMMs here without changing any caller.
 */
public final class F32Kernels implements Kernels<float[]> {

    @Override
    public Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    public float[] allocate(int length) {
        return new float[length];
    }

    @Override
    public int length(float[] a) {
        return a.length;
    }

    @Override
    public double get(float[] a, int i) {
        return a[i];
    }

    @Override
    public void set(float[] a, int i, double value) {
        a[i] = (float) value;
    }

    @Override
    public void fill(float[] a, double value) {
        Arrays.fill(a, (float) value);
    }

    @Override
    public void copy(float[] src, int srcOff, float[] dst, int dstOff, int length) {
        System.arraycopy(src, srcOff, dst, dstOff, length);
    }

    @Override
    public float[] fromFloats(float[] values) {
        return values.clone();
    }

    @Override
    public float[] fromDoubles(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    @Override
    public double[] toDoubles(float[] a, int off, int length) {
        double[] out = new double[length];
        for (int i = 0; i < length; i++) {
            out[i] = a[off + i];
        }
        return out;
    }

    @Override
    public void gemmNT(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                       boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                float s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[ci + j] = accumulate ? c[ci + j] + s : s;
            }
        }
    }

    @Override
    public void gemmNN(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                       boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * k;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + k, 0f);
            }
            for (int j = 0; j < n; j++) {
                float aij = a[aOff + i * n + j];
                int bj = bOff + j * k;
                for (int p = 0; p < k; p++) {
                    c[ci + p] += aij * b[bj + p];
                }
            }
        }
    }

    @Override
    public void gemmTNAccumulate(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c,
                                 int cOff) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * n;
            int bi = bOff + i * k;
            for (int j = 0; j < n; j++) {
                float aij = a[ai + j];
                int cj = cOff + j * k;
                for (int p = 0; p < k; p++) {
                    c[cj + p] += aij * b[bi + p];
                }
            }
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

    @Override
    public void sumRowsAccumulate(int m, int n, float[] a, int aOff, float[] out) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * n;
            for (int j = 0; j < n; j++) {
                out[j] += a[ai + j];
            }
        }
    }

    @Override
    public void tanhInPlace(float[] a, int off, int length) {
        for (int i = off; i < off + length; i++) {
            a[i] = (float) Math.tanh(a[i]);
        }
    }

    @Override
    public void reluInPlace(float[] a, int off, int length) {
        for (int i = off; i < off + length; i++) {
            a[i] = a[i] > 0 ? a[i] : 0f;
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
    public void reluBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dpre, int dpreOff, int length) {
        for (int i = 0; i < length; i++) {
            dpre[dpreOff + i] = y[yOff + i] > 0 ? dy[dyOff + i] : 0f;
        }
    }

    @Override
    public void axpy(int length, double alpha, float[] x, int xOff, float[] y, int yOff) {
        float a = (float) alpha;
        for (int i = 0; i < length; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    @Override
    public void scale(float[] a, double factor) {
        float f = (float) factor;
        for (int i = 0; i < a.length; i++) {
            a[i] *= f;
        }
    }

    @Override
    public double sumOfSquares(float[] a, int off, int length) {
        double s = 0;
        for (int i = off; i < off + length; i++) {
            double v = a[i];
            s += v * v;
        }
        return s;
    }
}
