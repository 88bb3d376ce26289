package dev.rnnlab.engine.bptt.math;

import dev.rnnlab.engine.api.spec.Precision;
import java.util.Arrays;

/**
 * Reference kernels in float64: plain loops in the order that keeps both operands contiguous. Used for
 * gradient checks against PyTorch, where they agree to about 1e-15 relative.
 */
public final class F64Kernels implements Kernels<double[]> {

    @Override
    public Precision precision() {
        return Precision.FLOAT64;
    }

    @Override
    public double[] allocate(int length) {
        return new double[length];
    }

    @Override
    public int length(double[] a) {
        return a.length;
    }

    @Override
    public double get(double[] a, int i) {
        return a[i];
    }

    @Override
    public void set(double[] a, int i, double value) {
        a[i] = value;
    }

    @Override
    public void fill(double[] a, double value) {
        Arrays.fill(a, value);
    }

    @Override
    public void fill(double[] a, int off, int length, double value) {
        Arrays.fill(a, off, off + length, value);
    }

    @Override
    public void copy(double[] src, int srcOff, double[] dst, int dstOff, int length) {
        System.arraycopy(src, srcOff, dst, dstOff, length);
    }

    @Override
    public double[] fromFloats(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    @Override
    public double[] fromDoubles(double[] values) {
        return values.clone();
    }

    @Override
    public double[] toDoubles(double[] a, int off, int length) {
        return Arrays.copyOfRange(a, off, off + length);
    }

    @Override
    public void gemmNT(int m, int n, int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                       boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * k;
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                int bj = bOff + j * k;
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[ai + p] * b[bj + p];
                }
                c[ci + j] = accumulate ? c[ci + j] + s : s;
            }
        }
    }

    @Override
    public void gemmNN(int m, int n, int k, double[] a, int aOff, double[] b, int bOff, double[] c, int cOff,
                       boolean accumulate) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * k;
            if (!accumulate) {
                Arrays.fill(c, ci, ci + k, 0.0);
            }
            for (int j = 0; j < n; j++) {
                double aij = a[aOff + i * n + j];
                int bj = bOff + j * k;
                for (int p = 0; p < k; p++) {
                    c[ci + p] += aij * b[bj + p];
                }
            }
        }
    }

    @Override
    public void gemmTNAccumulate(int m, int n, int k, double[] a, int aOff, double[] b, int bOff, double[] c,
                                 int cOff) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * n;
            int bi = bOff + i * k;
            for (int j = 0; j < n; j++) {
                double aij = a[ai + j];
                int cj = cOff + j * k;
                for (int p = 0; p < k; p++) {
                    c[cj + p] += aij * b[bi + p];
                }
            }
        }
    }

    @Override
    public void transpose(double[] src, int srcOff, int rows, int cols, double[] dst) {
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                dst[c * rows + r] = src[srcOff + r * cols + c];
            }
        }
    }

    @Override
    public void addRowVector(int m, int n, double[] c, int cOff, double[] bias) {
        for (int i = 0; i < m; i++) {
            int ci = cOff + i * n;
            for (int j = 0; j < n; j++) {
                c[ci + j] += bias[j];
            }
        }
    }

    @Override
    public void sumRowsAccumulate(int m, int n, double[] a, int aOff, double[] out) {
        for (int i = 0; i < m; i++) {
            int ai = aOff + i * n;
            for (int j = 0; j < n; j++) {
                out[j] += a[ai + j];
            }
        }
    }

    @Override
    public void tanhInPlace(double[] a, int off, int length) {
        for (int i = off; i < off + length; i++) {
            a[i] = Math.tanh(a[i]);
        }
    }

    @Override
    public void reluInPlace(double[] a, int off, int length) {
        for (int i = off; i < off + length; i++) {
            a[i] = a[i] > 0 ? a[i] : 0.0;
        }
    }

    @Override
    public void tanhBackward(double[] y, int yOff, double[] dy, int dyOff, double[] dpre, int dpreOff, int length) {
        for (int i = 0; i < length; i++) {
            double v = y[yOff + i];
            dpre[dpreOff + i] = dy[dyOff + i] * (1 - v * v);
        }
    }

    @Override
    public void reluBackward(double[] y, int yOff, double[] dy, int dyOff, double[] dpre, int dpreOff, int length) {
        for (int i = 0; i < length; i++) {
            dpre[dpreOff + i] = y[yOff + i] > 0 ? dy[dyOff + i] : 0.0;
        }
    }

    @Override
    public void axpy(int length, double alpha, double[] x, int xOff, double[] y, int yOff) {
        for (int i = 0; i < length; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void scale(double[] a, double factor) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= factor;
        }
    }

    @Override
    public double sumOfSquares(double[] a, int off, int length) {
        double s = 0;
        for (int i = off; i < off + length; i++) {
            s += a[i] * a[i];
        }
        return s;
    }
}
