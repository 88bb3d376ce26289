package dev.rnnlab.engine.bptt.math;

import dev.rnnlab.engine.api.spec.Precision;
import java.util.Arrays;

/**
 * Training kernels in float32: float storage and float accumulation, as a float32 PyTorch model does.
 * Every GEMM goes through one {@link Gemm} kernel (B packed, or A read transposed, as needed): the
 * packed, register-blocked Vector API kernel when {@code jdk.incubator.vector} is available, else plain
 * loops, which give the same bits (so do the pointwise kernels: {@link ScalarPointwise}). One instance per run, used by one caller thread at a time; with {@link #F32Kernels(int)} it
 * splits large kernels among its own worker threads, which {@link #close()} stops.
 */
public final class F32Kernels implements Kernels<float[]> {

    /** Below this many cells a pointwise step runs on the calling thread alone. */
    private static final int MIN_SPLIT_CELLS = 2048;

    /** Columns per unit of a split column sum: whole cache lines, so two threads never write one line. */
    private static final int COLUMN_BLOCK = 64;

    /** Kernels on the calling thread only. */
    public F32Kernels() {
        this(1);
    }

    /**
     * Kernels that split large GEMMs by output columns and pointwise steps by batch rows among
     * {@code threads} threads (the caller and {@code threads - 1} workers, stopped by {@link #close()}).
     * Nothing is split over a summed dimension, so results are bit-identical for every thread count.
     */
    public F32Kernels(int threads) {
        this(threads, true);
    }

    /**
     * With {@code vectorApi} false, the plain loops even where the Vector API is present: the same bits, slower
     * (for comparing the two).
     */
    public F32Kernels(int threads, boolean vectorApi) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.team = threads > 1 ? new Team(threads) : null;
        this.gemm = vectorApi ? Gemm.best(team) : new Gemm.ScalarGemm();
        this.vector = vectorApi ? Pointwise.load() : new ScalarPointwise();
    }

    /** The number of threads the kernels use. */
    public int threads() {
        return team == null ? 1 : team.size();
    }

    @Override
    public void close() {
        if (team != null) {
            team.close();
        }
    }

    /** A range of batch rows of one pointwise step. */
    @FunctionalInterface
    private interface RowRange {
        void run(int r0, int r1);
    }

    private void rows(int rows, int hidden, RowRange body) {
        if (team == null || rows < 2 || rows * hidden < MIN_SPLIT_CELLS) {
            body.run(0, rows);
        } else {
            team.run(rows, (member, r0, r1) -> body.run(r0, r1));
        }
    }

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
    public void fill(float[] a, int off, int length, double value) {
        Arrays.fill(a, off, off + length, (float) value);
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

    /** The threads kernels split their work among, or null for the calling thread alone. */
    private final Team team;
    private final Gemm gemm;
    /** The pointwise kernels: on the Vector API, or {@link ScalarPointwise} without it (the same bits). */
    private final Pointwise vector;
    /** Scratch for a packed operand; one per kernel instance. */
    private float[] scratch = new float[0];

    /** {@code C = A B^T}: B is packed transposed into scratch, so all GEMMs share one kernel. */
    @Override
    public void gemmNT(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                       boolean accumulate) {
        float[] packed = scratch(gemm.packedSize(k, n));
        gemm.pack(k, n, b, bOff, true, packed);
        gemm.nnPacked(m, n, k, a, aOff, packed, c, cOff, accumulate);
    }

    @Override
    public float[] prepareRight(int k, int n, float[] src, int srcOff, boolean transposed, float[] reuse) {
        int size = gemm.packedSize(k, n);
        float[] out = reuse != null && reuse.length >= size ? reuse : new float[size];
        gemm.pack(k, n, src, srcOff, transposed, out);
        return out;
    }

    @Override
    public void gemmPrepared(int m, int n, int k, float[] a, int aOff, float[] b, float[] c, int cOff,
                             boolean accumulate) {
        gemm.nnPacked(m, n, k, a, aOff, b, c, cOff, accumulate);
    }

    @Override
    public void gemmNN(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                       boolean accumulate) {
        gemm.nn(m, k, n, a, aOff, b, bOff, c, cOff, accumulate);
    }

    /** {@code C[n, k] += A[m, n]^T B[m, k]}: A read transposed in place by the GEMM, B packed as it goes. */
    @Override
    public void gemmTNAccumulate(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c,
                                 int cOff) {
        gemm.tn(n, k, m, a, aOff, b, bOff, c, cOff, true);
    }

    private float[] scratch(int size) {
        if (scratch.length < size) {
            scratch = new float[size];
        }
        return scratch;
    }

    /** {@code dst[cols, rows] = src[rows, cols]^T}, in tiles to stay in cache. */
    @Override
    public void transpose(float[] src, int off, int rows, int cols, float[] dst) {
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            for (int c0 = 0; c0 < cols; c0 += tile) {
                for (int r = r0; r < Math.min(rows, r0 + tile); r++) {
                    for (int cc = c0; cc < Math.min(cols, c0 + tile); cc++) {
                        dst[cc * rows + r] = src[off + r * cols + cc];
                    }
                }
            }
        }
    }

    @Override
    public void addRowVector(int m, int n, float[] c, int cOff, float[] bias) {
        rows(m, n, (r0, r1) -> vector.addRowVector(r1 - r0, n, c, cOff + r0 * n, bias));
    }

    /** Split by column blocks of {@link #COLUMN_BLOCK}: each column still sums all its rows in order. */
    @Override
    public void sumRowsAccumulate(int m, int n, float[] a, int aOff, float[] out) {
        int blocks = (n + COLUMN_BLOCK - 1) / COLUMN_BLOCK;
        if (team == null || blocks < 2 || m * n < MIN_SPLIT_CELLS) {
            vector.sumRowsAccumulate(m, n, 0, n, a, aOff, out);
        } else {
            team.run(blocks, (member, from, to) -> vector.sumRowsAccumulate(m, n, from * COLUMN_BLOCK,
                    Math.min(n, to * COLUMN_BLOCK), a, aOff, out));
        }
    }

    @Override
    public void tanhInPlace(float[] a, int off, int length) {
        elementwise(length, (from, to) -> vector.tanhInPlace(a, off + from, to - from));
    }

    /**
     * One pass, split as {@link #tanhInPlace} is: each thread sums and activates its own part, which with
     * a batch split evenly is the batch rows its share of the next step's product reads.
     */
    @Override
    public void tanhOfSum(float[] x, int xOff, float[] h, int hOff, float[] out, int outOff, int length) {
        elementwise(length, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[outOff + i] = x[xOff + i] + h[hOff + i];
            }
            vector.tanhInPlace(out, outOff + from, to - from);
        });
    }

    /**
     * Splits an elementwise pass among the team in blocks of 64 elements: every part but the last is whole
     * vectors, so each element takes the same path (vector loop or scalar tail) as it would unsplit, and
     * gets the same bits. Used for tanh, its derivative and the optimizer updates.
     */
    @Override
    public void elementwise(int length, Range body) {
        if (team == null || length < MIN_SPLIT_CELLS) {
            body.run(0, length);
            return;
        }
        int blocks = (length + 63) / 64;
        team.run(blocks, (member, from, to) -> body.run(from * 64, Math.min(length, to * 64)));
    }

    @Override
    public void reluInPlace(float[] a, int off, int length) {
        for (int i = off; i < off + length; i++) {
            a[i] = a[i] > 0 ? a[i] : 0f;
        }
    }

    @Override
    public void tanhBackward(float[] y, int yOff, float[] dy, int dyOff, float[] dpre, int dpreOff, int length) {
        elementwise(length, (from, to) -> vector.tanhBackward(y, yOff + from, dy, dyOff + from, dpre, dpreOff + from,
                to - from));
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

    @Override
    public void lstmForward(int rows, int hidden, float[] xGates, int gOff, float[] hGates, float[] gates,
                            float[] cells, int cPrevOff, int cOff, float[] tanhCells, int tcOff, float[] states) {
        rows(rows, hidden, (r0, r1) -> vector.lstmForward(r0, r1, hidden, xGates, gOff, hGates, gates, cells,
                cPrevOff, cOff, tanhCells, tcOff, states));
    }

    @Override
    public void lstmBackward(int rows, int hidden, float[] gates, int gOff, float[] tanhCells, int tcOff,
                             float[] cells, int cPrevOff, float[] dh, float[] dCell, float[] dGates) {
        rows(rows, hidden, (r0, r1) -> vector.lstmBackward(r0, r1, hidden, gates, gOff, tanhCells, tcOff, cells,
                cPrevOff, dh, dCell, dGates));
    }

    @Override
    public void gruBackward(int rows, int hidden, float[] gates, int gOff, float[] hiddenN, int hnOff,
                            float[] states, int prevOff, float[] dh, float[] dGx, float[] dGh, float[] dPrevDirect) {
        rows(rows, hidden, (r0, r1) -> vector.gruBackward(r0, r1, hidden, gates, gOff, hiddenN, hnOff, states,
                prevOff, dh, dGx, dGh, dPrevDirect));
    }

    @Override
    public void gruForward(int rows, int hidden, float[] xGates, int gOff, float[] hGates, float[] gates,
                           float[] hiddenN, int hnOff, float[] states, int prevOff, int curOff) {
        rows(rows, hidden, (r0, r1) -> vector.gruForward(r0, r1, hidden, xGates, gOff, hGates, gates, hiddenN,
                hnOff, states, prevOff, curOff));
    }

    /** Whether the pointwise kernels run on the Vector API (else {@link ScalarPointwise}: the same bits, slower). */
    public boolean vectorised() {
        return !(vector instanceof ScalarPointwise);
    }
}
