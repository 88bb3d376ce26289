package dev.rnnlab.engine.bptt.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A packed, register-blocked GEMM on the Vector API, in the manner of GotoBLAS: B is copied into
 * strips {@link #W} columns wide, contiguous along k, so the micro-kernel reads it as one sequential
 * stream whatever B's row stride (power-of-two strides such as 2048 floats otherwise alias in the L1
 * cache). Each 4 x W block of C lives in 8 accumulators for a whole k panel, so every B load feeds 4
 * fused multiply-adds and C is read and written once per panel.
 *
 * <p>Packed layout: k panels of up to {@link #KC} rows; within a panel, strip {@code s} holds
 * {@code kc x W} floats, row {@code p} of the strip at {@code p * W}. The last strip of a panel is
 * zero-padded to {@code W}; its results go through a small buffer so only real columns reach C. Rows
 * of C beyond a multiple of 4 run a 1 x W kernel.
 *
 * <p>Every element of C is one chain of fused multiply-adds over p in order (from C when accumulating,
 * else from zero), as {@code Math.fma} would compute it: results do not depend on the blocking, the
 * edges, or which of {@link #nn} and {@link #nnPacked} ran. One instance per thread (it owns scratch).
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
        if (k == 0) {
            clearUnlessAccumulating(m, n, c, cOff, accumulate);
            return;
        }
        int size = Math.min(k, KC) * strips(n) * W;
        if (panel.length < size) {
            panel = new float[size];
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            packPanel(p0, p1, k, n, b, bOff, false, panel, 0);
            panel(m, n, k, p0, p1, a, aOff, panel, 0, c, cOff, accumulate || p0 > 0);
        }
    }

    @Override
    public void nnPacked(int m, int n, int k, float[] a, int aOff, float[] packed, float[] c, int cOff,
                         boolean accumulate) {
        if (k == 0) {
            clearUnlessAccumulating(m, n, c, cOff, accumulate);
            return;
        }
        for (int p0 = 0; p0 < k; p0 += KC) {
            panel(m, n, k, p0, Math.min(k, p0 + KC), a, aOff, packed, p0 * strips(n) * W, c, cOff,
                    accumulate || p0 > 0);
        }
    }

    private static void clearUnlessAccumulating(int m, int n, float[] c, int cOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        }
    }

    /** {@code C (+)= A[:, p0..p1) B[p0..p1, :]}, B's panel packed at {@code bOff}. */
    private void panel(int m, int n, int k, int p0, int p1, float[] a, int aOff, float[] b, int bOff, float[] c,
                       int cOff, boolean accumulate) {
        int kc = p1 - p0;
        int full = n / W;
        int rest = n - full * W;
        int mBlock = m - m % 4;
        for (int i = 0; i < mBlock; i += 4) {
            int ai = aOff + i * k + p0;
            for (int s = 0; s < full; s++) {
                block4(kc, k, a, ai, b, bOff + s * kc * W, c, cOff + i * n + s * W, n, accumulate);
            }
            if (rest > 0) {
                int ci = cOff + i * n + full * W;
                for (int r = 0; r < 4; r++) {
                    System.arraycopy(c, ci + r * n, edge, r * W, rest);
                }
                block4(kc, k, a, ai, b, bOff + full * kc * W, edge, 0, W, accumulate);
                for (int r = 0; r < 4; r++) {
                    System.arraycopy(edge, r * W, c, ci + r * n, rest);
                }
            }
        }
        for (int i = mBlock; i < m; i++) {
            int ai = aOff + i * k + p0;
            for (int s = 0; s < full; s++) {
                block1(kc, a, ai, b, bOff + s * kc * W, c, cOff + i * n + s * W, accumulate);
            }
            if (rest > 0) {
                int ci = cOff + i * n + full * W;
                System.arraycopy(c, ci, edge, 0, rest);
                block1(kc, a, ai, b, bOff + full * kc * W, edge, 0, accumulate);
                System.arraycopy(edge, 0, c, ci, rest);
            }
        }
    }

    /** Four rows of A ({@code lda} apart, from {@code ai}) times one packed strip into C at {@code ci}. */
    private static void block4(int kc, int lda, float[] a, int ai, float[] b, int bi, float[] c, int ci, int ldc,
                               boolean accumulate) {
        int a0 = ai;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int c1 = ci + ldc;
        int c2 = c1 + ldc;
        int c3 = c2 + ldc;
        FloatVector x00 = accumulate ? FloatVector.fromArray(S, c, ci) : FloatVector.zero(S);
        FloatVector x01 = accumulate ? FloatVector.fromArray(S, c, ci + L) : FloatVector.zero(S);
        FloatVector x10 = accumulate ? FloatVector.fromArray(S, c, c1) : FloatVector.zero(S);
        FloatVector x11 = accumulate ? FloatVector.fromArray(S, c, c1 + L) : FloatVector.zero(S);
        FloatVector x20 = accumulate ? FloatVector.fromArray(S, c, c2) : FloatVector.zero(S);
        FloatVector x21 = accumulate ? FloatVector.fromArray(S, c, c2 + L) : FloatVector.zero(S);
        FloatVector x30 = accumulate ? FloatVector.fromArray(S, c, c3) : FloatVector.zero(S);
        FloatVector x31 = accumulate ? FloatVector.fromArray(S, c, c3 + L) : FloatVector.zero(S);
        for (int p = 0, bp = bi; p < kc; p++, bp += W) {
            FloatVector b0 = FloatVector.fromArray(S, b, bp);
            FloatVector b1 = FloatVector.fromArray(S, b, bp + L);
            FloatVector v0 = FloatVector.broadcast(S, a[a0 + p]);
            FloatVector v1 = FloatVector.broadcast(S, a[a1 + p]);
            FloatVector v2 = FloatVector.broadcast(S, a[a2 + p]);
            FloatVector v3 = FloatVector.broadcast(S, a[a3 + p]);
            x00 = v0.fma(b0, x00);
            x01 = v0.fma(b1, x01);
            x10 = v1.fma(b0, x10);
            x11 = v1.fma(b1, x11);
            x20 = v2.fma(b0, x20);
            x21 = v2.fma(b1, x21);
            x30 = v3.fma(b0, x30);
            x31 = v3.fma(b1, x31);
        }
        x00.intoArray(c, ci);
        x01.intoArray(c, ci + L);
        x10.intoArray(c, c1);
        x11.intoArray(c, c1 + L);
        x20.intoArray(c, c2);
        x21.intoArray(c, c2 + L);
        x30.intoArray(c, c3);
        x31.intoArray(c, c3 + L);
    }

    /** One row of A times one packed strip. */
    private static void block1(int kc, float[] a, int ai, float[] b, int bi, float[] c, int ci, boolean accumulate) {
        FloatVector x0 = accumulate ? FloatVector.fromArray(S, c, ci) : FloatVector.zero(S);
        FloatVector x1 = accumulate ? FloatVector.fromArray(S, c, ci + L) : FloatVector.zero(S);
        for (int p = 0, bp = bi; p < kc; p++, bp += W) {
            FloatVector v = FloatVector.broadcast(S, a[ai + p]);
            x0 = v.fma(FloatVector.fromArray(S, b, bp), x0);
            x1 = v.fma(FloatVector.fromArray(S, b, bp + L), x1);
        }
        x0.intoArray(c, ci);
        x1.intoArray(c, ci + L);
    }
}
