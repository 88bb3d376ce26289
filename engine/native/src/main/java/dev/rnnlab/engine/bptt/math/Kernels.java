package dev.rnnlab.engine.bptt.math;

import dev.rnnlab.engine.api.spec.Precision;

/**
 * Numeric kernels over flat row-major arrays of type {@code A}. Matrix shapes are given as
 * {@code rows x cols}; {@code aOff}, {@code bOff}, {@code cOff} are element offsets into the arrays.
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
public interface Kernels<A> {

    Precision precision();

    A allocate(int length);

    int length(A a);

    double get(A a, int i);

    void set(A a, int i, double value);

    void fill(A a, double value);

    void copy(A src, int srcOff, A dst, int dstOff, int length);

    A fromFloats(float[] values);

    A fromDoubles(double[] values);

    double[] toDoubles(A a, int off, int length);

    /** {@code C[m,n] (+)= A[m,k] * B[n,k]^T}: inputs times a weight matrix stored {@code [out, in]}. */
    void gemmNT(int m, int n, int k, A a, int aOff, A b, int bOff, A c, int cOff, boolean accumulate);

    /** {@code C[m,k] (+)= A[m,n] * B[n,k]}: back-propagating through a weight matrix. */
    void gemmNN(int m, int n, int k, A a, int aOff, A b, int bOff, A c, int cOff, boolean accumulate);

    /** {@code C[n,k] += A[m,n]^T * B[m,k]}: accumulating a weight gradient over {@code m} rows. */
    void gemmTNAccumulate(int m, int n, int k, A a, int aOff, A b, int bOff, A c, int cOff);

    /** {@code dst[cols, rows] = src[rows, cols]^T} (src from {@code srcOff}). */
    void transpose(A src, int srcOff, int rows, int cols, A dst);

    /** Adds {@code bias[n]} to each of the {@code m} rows of {@code c[m,n]} at {@code cOff}. */
    void addRowVector(int m, int n, A c, int cOff, A bias);

    /** {@code out[n] += sum over the m rows of a[m,n]}. */
    void sumRowsAccumulate(int m, int n, A a, int aOff, A out);

    void tanhInPlace(A a, int off, int length);

    void reluInPlace(A a, int off, int length);

    /** {@code dpre = dy * (1 - y^2)}, the derivative of tanh given its output {@code y}. */
    void tanhBackward(A y, int yOff, A dy, int dyOff, A dpre, int dpreOff, int length);

    /** {@code dpre = y > 0 ? dy : 0}, the derivative of ReLU given its output {@code y}. */
    void reluBackward(A y, int yOff, A dy, int dyOff, A dpre, int dpreOff, int length);

    /** {@code y += a * x} over {@code length} elements. */
    void axpy(int length, double a, A x, int xOff, A y, int yOff);

    void scale(A a, double factor);

    /** Sum of squares, accumulated in double whatever {@code A} is. */
    double sumOfSquares(A a, int off, int length);

    static Kernels<?> of(Precision precision) {
        return switch (precision) {
            case FLOAT32 -> new F32Kernels();
            case FLOAT64 -> new F64Kernels();
        };
    }
}
