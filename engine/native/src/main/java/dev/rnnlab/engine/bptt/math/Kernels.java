package dev.rnnlab.engine.bptt.math;

import dev.rnnlab.engine.api.spec.Precision;

/**
 * Numeric kernels over flat row-major arrays of type {@code A}. Matrix shapes are given as
 * {@code rows x cols}; {@code aOff}, {@code bOff}, {@code cOff} are element offsets into the arrays.
 *
 * @param <A> {@code float[]} or {@code double[]}
 */
public interface Kernels<A> extends AutoCloseable {

    /** Releases threads the kernels hold (none by default). */
    @Override
    default void close() {
    }

    Precision precision();

    /** Elements {@code from..to-1} of an elementwise pass. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over {@code 0..length-1}, split among the kernels' threads where that pays (on the
     * caller alone by default). The body must compute each element from that element's inputs alone, as
     * an optimizer update does, so how the range is split cannot change a bit.
     */
    default void elementwise(int length, Range body) {
        body.run(0, length);
    }

    A allocate(int length);

    int length(A a);

    double get(A a, int i);

    void set(A a, int i, double value);

    void fill(A a, double value);

    /** Sets {@code a[off .. off+length-1]} to {@code value}. */
    void fill(A a, int off, int length, double value);

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

    /**
     * Prepares a right-hand operand used for many products, such as a recurrent weight used at every
     * time step: {@code B[k, n]} is {@code src} from {@code srcOff}, or when {@code transposed} the
     * transpose of {@code src [n, k]}. Returns {@code reuse} when it is big enough, else a new array.
     * Only {@link #gemmPrepared} with the same {@code k} and {@code n} may read the result. By default B
     * is stored row-major; the float32 kernels pack it for their GEMM.
     */
    default A prepareRight(int k, int n, A src, int srcOff, boolean transposed, A reuse) {
        A out = reuse != null && length(reuse) >= k * n ? reuse : allocate(k * n);
        if (transposed) {
            transpose(src, srcOff, n, k, out);
        } else {
            copy(src, srcOff, out, 0, k * n);
        }
        return out;
    }

    /** {@code C[m,n] (+)= A[m,k] * B}, B from {@link #prepareRight} with the same {@code k} and {@code n}. */
    default void gemmPrepared(int m, int n, int k, A a, int aOff, A b, A c, int cOff, boolean accumulate) {
        gemmNN(m, k, n, a, aOff, b, 0, c, cOff, accumulate);
    }

    /** {@code dst[cols, rows] = src[rows, cols]^T} (src from {@code srcOff}). */
    void transpose(A src, int srcOff, int rows, int cols, A dst);

    /** Adds {@code bias[n]} to each of the {@code m} rows of {@code c[m,n]} at {@code cOff}. */
    void addRowVector(int m, int n, A c, int cOff, A bias);

    /** {@code out[n] += sum over the m rows of a[m,n]}. */
    void sumRowsAccumulate(int m, int n, A a, int aOff, A out);

    void tanhInPlace(A a, int off, int length);

    /**
     * {@code out = tanh(x + h)}, elementwise: the vanilla RNN's step from its input-side and recurrent
     * pre-activations. The same bits as copying {@code x}, adding {@code h} and {@link #tanhInPlace}.
     */
    default void tanhOfSum(A x, int xOff, A h, int hOff, A out, int outOff, int length) {
        copy(x, xOff, out, outOff, length);
        axpy(length, 1.0, h, hOff, out, outOff);
        tanhInPlace(out, outOff, length);
    }

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

    /**
     * The pointwise part of one LSTM step for {@code rows} batch rows of {@code hidden} units. Gate
     * pre-activations are {@code xGates[gOff + r*4H ..] + hGates[r*4H ..]} (blocks i, f, g, o); writes the
     * activated gates to {@code gates} at the same place as {@code xGates}, {@code c_t = f c_{t-1} + i g} to
     * {@code cells} at {@code cOff} (reading {@code c_{t-1}} at {@code cPrevOff}), {@code tanh(c_t)} to
     * {@code tanhCells} at {@code tcOff} and {@code h_t = o tanh(c_t)} to {@code states} at {@code cOff}.
     * Row {@code r} is at {@code r*H} past each of those offsets.
     */
    default void lstmForward(int rows, int hidden, A xGates, int gOff, A hGates, A gates, A cells, int cPrevOff,
                             int cOff, A tanhCells, int tcOff, A states) {
        int h4 = 4 * hidden;
        for (int r = 0; r < rows; r++) {
            int gx = gOff + r * h4;
            int gh = r * h4;
            int cPrev = cPrevOff + r * hidden;
            int cur = cOff + r * hidden;
            int tc = tcOff + r * hidden;
            for (int j = 0; j < hidden; j++) {
                double i = sigmoid(get(xGates, gx + j) + get(hGates, gh + j));
                double f = sigmoid(get(xGates, gx + hidden + j) + get(hGates, gh + hidden + j));
                double g = Math.tanh(get(xGates, gx + 2 * hidden + j) + get(hGates, gh + 2 * hidden + j));
                double o = sigmoid(get(xGates, gx + 3 * hidden + j) + get(hGates, gh + 3 * hidden + j));
                set(gates, gx + j, i);
                set(gates, gx + hidden + j, f);
                set(gates, gx + 2 * hidden + j, g);
                set(gates, gx + 3 * hidden + j, o);
                set(cells, cur + j, f * get(cells, cPrev + j) + i * g);
                set(tanhCells, tc + j, Math.tanh(get(cells, cur + j)));
                set(states, cur + j, o * get(tanhCells, tc + j));
            }
        }
    }

    /**
     * The backward pass through one LSTM step's pointwise part, for {@code rows} batch rows: from the
     * activated {@code gates} ([rows, 4H] at {@code gOff}), {@code tanhCells} at {@code tcOff}, {@code c_{t-1}}
     * in {@code cells} at {@code cPrevOff}, and {@code dh} = dL/dh_t ([rows, H] from 0), writes dL/d(gate
     * pre-activations) to {@code dGates} at {@code gOff} and replaces {@code dCell} (dL/dc_t carried in,
     * [rows, H]) with dL/dc_{t-1}.
     */
    default void lstmBackward(int rows, int hidden, A gates, int gOff, A tanhCells, int tcOff, A cells,
                              int cPrevOff, A dh, A dCell, A dGates) {
        int h4 = 4 * hidden;
        for (int b = 0; b < rows; b++) {
            int ga = gOff + b * h4;
            int cPrev = cPrevOff + b * hidden;
            int tc = tcOff + b * hidden;
            int bj = b * hidden;
            for (int j = 0; j < hidden; j++) {
                double i = get(gates, ga + j);
                double f = get(gates, ga + hidden + j);
                double g = get(gates, ga + 2 * hidden + j);
                double o = get(gates, ga + 3 * hidden + j);
                double tanhC = get(tanhCells, tc + j);
                double dhj = get(dh, bj + j);
                double dc = get(dCell, bj + j) + dhj * o * (1 - tanhC * tanhC);
                set(dGates, ga + j, dc * g * i * (1 - i));
                set(dGates, ga + hidden + j, dc * get(cells, cPrev + j) * f * (1 - f));
                set(dGates, ga + 2 * hidden + j, dc * i * (1 - g * g));
                set(dGates, ga + 3 * hidden + j, dhj * tanhC * o * (1 - o));
                set(dCell, bj + j, dc * f);
            }
        }
    }

    /**
     * The pointwise part of one GRU step for {@code rows} batch rows: gates r, z from
     * {@code xGates[gOff + r*3H ..] + hGates[r*3H ..]}, {@code hn = W_hn h + b_hn} (the third block of
     * {@code hGates}) kept in {@code hiddenN} at {@code hnOff}, {@code n = tanh(x_n + r hn)} and
     * {@code h_t = (1 - z) n + z h_{t-1}} into {@code states} at {@code curOff} from {@code prevOff}; the
     * activated r, z, n go to {@code gates} at the place of {@code xGates}.
     */
    default void gruForward(int rows, int hidden, A xGates, int gOff, A hGates, A gates, A hiddenN, int hnOff,
                            A states, int prevOff, int curOff) {
        int h3 = 3 * hidden;
        for (int b = 0; b < rows; b++) {
            int gx = gOff + b * h3;
            int gh = b * h3;
            int prev = prevOff + b * hidden;
            int cur = curOff + b * hidden;
            int hn = hnOff + b * hidden;
            for (int j = 0; j < hidden; j++) {
                double r = sigmoid(get(xGates, gx + j) + get(hGates, gh + j));
                double z = sigmoid(get(xGates, gx + hidden + j) + get(hGates, gh + hidden + j));
                set(hiddenN, hn + j, get(hGates, gh + 2 * hidden + j));
                double n = Math.tanh(get(xGates, gx + 2 * hidden + j) + r * get(hiddenN, hn + j));
                set(gates, gx + j, r);
                set(gates, gx + hidden + j, z);
                set(gates, gx + 2 * hidden + j, n);
                set(states, cur + j, (1 - z) * n + z * get(states, prev + j));
            }
        }
    }

    /**
     * The backward pass through one GRU step's pointwise part, for {@code rows} batch rows: from the
     * activated r, z, n in {@code gates} at {@code gOff}, {@code hn} in {@code hiddenN} at {@code hnOff},
     * {@code h_{t-1}} in {@code states} at {@code prevOff} and {@code dh} = dL/dh_t ([rows, H] from 0), writes
     * the input-side gate gradients {@code [dr, dz, dn]} to {@code dGx} and the hidden-side ones
     * {@code [dr, dz, dn * r]} to {@code dGh}, both at {@code gOff}, and the direct part of dL/dh_{t-1},
     * {@code dh * z}, to {@code dPrevDirect} ([rows, H] from 0).
     */
    default void gruBackward(int rows, int hidden, A gates, int gOff, A hiddenN, int hnOff, A states, int prevOff,
                             A dh, A dGx, A dGh, A dPrevDirect) {
        int h3 = 3 * hidden;
        for (int b = 0; b < rows; b++) {
            int ga = gOff + b * h3;
            int prev = prevOff + b * hidden;
            int hn = hnOff + b * hidden;
            int bj = b * hidden;
            for (int j = 0; j < hidden; j++) {
                double r = get(gates, ga + j);
                double z = get(gates, ga + hidden + j);
                double n = get(gates, ga + 2 * hidden + j);
                double dhj = get(dh, bj + j);
                double dpn = dhj * (1 - z) * (1 - n * n);
                double dr = dpn * get(hiddenN, hn + j) * r * (1 - r);
                double dz = dhj * (get(states, prev + j) - n) * z * (1 - z);
                set(dGx, ga + j, dr);
                set(dGx, ga + hidden + j, dz);
                set(dGx, ga + 2 * hidden + j, dpn);
                set(dGh, ga + j, dr);
                set(dGh, ga + hidden + j, dz);
                set(dGh, ga + 2 * hidden + j, dpn * r);
                set(dPrevDirect, bj + j, dhj * z);
            }
        }
    }

    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    static Kernels<?> of(Precision precision) {
        return switch (precision) {
            case FLOAT32 -> new F32Kernels();
            case FLOAT64 -> new F64Kernels();
        };
    }
}
