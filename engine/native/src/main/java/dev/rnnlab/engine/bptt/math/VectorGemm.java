package dev.rnnlab.engine.bptt.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A packed, register-blocked GEMM on the Vector API, in the manner of GotoBLAS: B is copied into
 * strips {@link #W} columns wide, contiguous along k, so the micro-kernel reads it as one sequential
 * stream whatever B's row stride (power-of-two strides such as 2048 floats otherwise alias in the L1
 * cache). For each 4 x W block of C, 8 accumulators start from zero and sum a whole k panel, so every B
 * load feeds 4 fused multiply-adds; then the block is added to C. (Starting the accumulators from C
 * instead made the kernel about 30% slower under C2 on JDK 17 with 512-bit vectors: 78 against 110
 * GFLOP/s on {@code [32 x 256] x [256 x 128]}.)
 *
 * <p>Packed layout: k panels of up to {@link #KC} rows; within a panel, strip {@code s} holds
 * {@code kc x W} floats, row {@code p} of the strip at {@code p * W}. The last strip of a panel is
 * zero-padded to {@code W}; its results go through a small buffer so only real columns reach C. Rows
 * of C beyond a multiple of 4 run a 1 x W kernel.
 *
 * <p>Every element of C is therefore, per k panel in order, a chain of fused multiply-adds over the
 * panel's p in order from zero, added to C (cleared first unless accumulating). The bits depend on
 * {@link #KC} only: not on the edges, the row blocks, a split by columns, or which of {@link #nn},
 * {@link #tn} and {@link #nnPacked} ran. One instance per thread (it owns scratch).
 */
final class VectorGemm implements Gemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Width of a packed strip: two vectors. */
    static final int W = 2 * L;
    /** Depth of a k panel: a kc x W strip of B (32 KB at W = 32) is reused by every row block. */
    static final int KC = 256;

    /** One packed k panel of B, for {@link #nn} (B packed as it goes). */
    private float[] panel = new float[0];
    /** A 4 x W block of C for the zero-padded last strip. */
    private final float[] edge = new float[4 * W];

    @Override
    public int packedSize(int k, int n) {
        return k * strips(n) * W;
    }

    private static int strips(int n) {
        return (n + W - 1) / W;
    }

    @Override
    public void pack(int k, int n, float[] src, int srcOff, boolean transposed, float[] dst) {
        for (int p0 = 0; p0 < k; p0 += KC) {
            packPanel(p0, Math.min(k, p0 + KC), k, n, src, srcOff, transposed, dst, p0 * strips(n) * W);
        }
    }

    /**
     * Packs rows {@code p0..p1-1} of B ({@code [k, n]}, or {@code src [n, k]} transposed) at {@code dstOff}.
     */
    private static void packPanel(int p0, int p1, int k, int n, float[] src, int srcOff, boolean transposed,
                                  float[] dst, int dstOff) {
        int kc = p1 - p0;
        for (int s = 0, j0 = 0; j0 < n; s++, j0 += W) {
            int w = Math.min(W, n - j0);
            int strip = dstOff + s * kc * W;
            if (transposed) {
                for (int jj = 0; jj < w; jj++) {
                    int from = srcOff + (j0 + jj) * k + p0;
                    for (int p = 0; p < kc; p++) {
                        dst[strip + p * W + jj] = src[from + p];
                    }
                }
            } else {
                for (int p = 0; p < kc; p++) {
                    System.arraycopy(src, srcOff + (p0 + p) * n + j0, dst, strip + p * W, w);
                }
            }
            if (w < W) {
                for (int p = 0; p < kc; p++) {
                    java.util.Arrays.fill(dst, strip + p * W + w, strip + (p + 1) * W, 0f);
                }
            }
        }
    }

    @Override
    public void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                   boolean accumulate) {
        clearUnlessAccumulating(m, n, c, cOff, accumulate);
        if (k == 0) {
            return;
        }
        int size = Math.min(k, KC) * strips(n) * W;
        if (panel.length < size) {
            panel = new float[size];
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            packPanel(p0, p1, k, n, b, bOff, false, panel, 0);
            panel(m, n, p0, p1, a, aOff + p0, k, 1, panel, 0, c, cOff);
        }
    }

    @Override
    public void tn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                   boolean accumulate) {
        clearUnlessAccumulating(m, n, c, cOff, accumulate);
        if (k == 0) {
            return;
        }
        int size = Math.min(k, KC) * strips(n) * W;
        if (panel.length < size) {
            panel = new float[size];
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            packPanel(p0, p1, k, n, b, bOff, false, panel, 0);
            panel(m, n, p0, p1, a, aOff + p0 * m, 1, m, panel, 0, c, cOff);
        }
    }

    @Override
    public void nnPacked(int m, int n, int k, float[] a, int aOff, float[] packed, float[] c, int cOff,
                         boolean accumulate) {
        clearUnlessAccumulating(m, n, c, cOff, accumulate);
        if (k == 0) {
            return;
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            panel(m, n, p0, Math.min(k, p0 + KC), a, aOff + p0, k, 1, packed, p0 * strips(n) * W, c, cOff);
        }
    }

    private static void clearUnlessAccumulating(int m, int n, float[] c, int cOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        }
    }

    /**
     * {@code C (+)= A[:, p0..p1) B[p0..p1, :]}, B's panel packed at {@code bOff}; A's element (row i, depth
     * p0 + q) at {@code a[a0 + i * rowStride + q * depthStride]}, so A can be read as stored or transposed.
     */
    private void panel(int m, int n, int p0, int p1, float[] a, int a0, int rowStride, int depthStride, float[] b,
                       int bOff, float[] c, int cOff) {
        int kc = p1 - p0;
        int full = n / W;
        int rest = n - full * W;
        int mBlock = m - m % 4;
        for (int i = 0; i < mBlock; i += 4) {
            int ai = a0 + i * rowStride;
            for (int s = 0; s < full; s++) {
                block4(kc, a, ai, rowStride, depthStride, b, bOff + s * kc * W, c, cOff + i * n + s * W, n);
            }
            if (rest > 0) {
                int ci = cOff + i * n + full * W;
                for (int r = 0; r < 4; r++) {
                    System.arraycopy(c, ci + r * n, edge, r * W, rest);
                }
                block4(kc, a, ai, rowStride, depthStride, b, bOff + full * kc * W, edge, 0, W);
                for (int r = 0; r < 4; r++) {
                    System.arraycopy(edge, r * W, c, ci + r * n, rest);
                }
            }
        }
        for (int i = mBlock; i < m; i++) {
            int ai = a0 + i * rowStride;
            for (int s = 0; s < full; s++) {
                block1(kc, a, ai, depthStride, b, bOff + s * kc * W, c, cOff + i * n + s * W);
            }
            if (rest > 0) {
                int ci = cOff + i * n + full * W;
                System.arraycopy(c, ci, edge, 0, rest);
                block1(kc, a, ai, depthStride, b, bOff + full * kc * W, edge, 0);
                System.arraycopy(edge, 0, c, ci, rest);
            }
        }
    }

    /** Four rows of A ({@code rs} apart, from {@code ai}, depth steps {@code ds}) times one packed strip into C. */
    private static void block4(int kc, float[] a, int ai, int rs, int ds, float[] b, int bi, float[] c, int ci,
                               int ldc) {
        int c1 = ci + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector x00 = FloatVector.zero(S);
        FloatVector x01 = FloatVector.zero(S);
        FloatVector x10 = FloatVector.zero(S);
        FloatVector x11 = FloatVector.zero(S);
        FloatVector x20 = FloatVector.zero(S);
        FloatVector x21 = FloatVector.zero(S);
        FloatVector x30 = FloatVector.zero(S);
        FloatVector x31 = FloatVector.zero(S);
        for (int p = 0, ap = ai, bp = bi; p < kc; p++, ap += ds, bp += W) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector v0 = FloatVector.broadcast(S, a[ap]);
            FloatVector v1 = FloatVector.broadcast(S, a[ap + rs]);
            FloatVector v2 = FloatVector.broadcast(S, a[ap + 2 * rs]);
            FloatVector v3 = FloatVector.broadcast(S, a[ap + 3 * rs]);
            x00 = v0.fma(b0, x00);
            x01 = v0.fma(b1, x01);
            x10 = v1.fma(b0, x10);
            x11 = v1.fma(b1, x11);
            x20 = v2.fma(b0, x20);
            x21 = v2.fma(b1, x21);
            x30 = v3.fma(b0, x30);
            x31 = v3.fma(b1, x31);
        }
        x00.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        x01.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        x10.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
        x11.add(FloatVector.fromArray(S, c, c1 + L)).intoArray(c, c1 + L);
        x20.add(FloatVector.fromArray(S, c, c2)).intoArray(c, c2);
        x21.add(FloatVector.fromArray(S, c, c2 + L)).intoArray(c, c2 + L);
        x30.add(FloatVector.fromArray(S, c, c3)).intoArray(c, c3);
        x31.add(FloatVector.fromArray(S, c, c3 + L)).intoArray(c, c3 + L);
    }

    /** One row of A (depth steps {@code ds}) times one packed strip. */
    private static void block1(int kc, float[] a, int ai, int ds, float[] b, int bi, float[] c, int ci) {
        FloatVector x0 = FloatVector.zero(S);
        FloatVector x1 = FloatVector.zero(S);
        for (int p = 0, ap = ai, bp = bi; p < kc; p++, ap += ds, bp += W) {
            FloatVector v = FloatVector.broadcast(S, a[ap]);
            x0 = v.fma(FloatVector.fromArray(S, b, bp), x0);
            x1 = v.fma(FloatVector.fromArray(S, b, bp + L), x1);
        }
        x0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
        x1.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
    }
}
