package dev.rnnlab.engine.bptt.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A register-blocked GEMM on the Vector API: each 4 x (2 vectors) block of C lives in 8 accumulators
 * for the whole k loop, so every B load feeds 4 fused multiply-adds and C is read and written once.
 * Edges (rows beyond a multiple of 4, columns beyond a multiple of 2 vectors) run the same arithmetic
 * one row or one scalar at a time. Single-threaded and deterministic: each element's sum runs over p in
 * order.
 */
final class VectorGemm implements Gemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    /** Depth of a k panel: 4 rows of A (4 KC floats) stay in L1, a KC x NC panel of B in L2. */
    private static final int KC = 256;
    private static final int NC = 512;

    @Override
    public void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                   boolean accumulate) {
        if (k == 0) {
            if (!accumulate) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * n, cOff + i * n + n, 0f);
                }
            }
            return;
        }
        // Panels over k keep B's working set in cache; C is stored and reloaded between panels, so each
        // element still sums over p in order and results do not depend on the blocking.
        for (int p0 = 0; p0 < k; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            boolean acc = accumulate || p0 > 0;
            for (int j0 = 0; j0 < n; j0 += NC) {
                panel(m, n, Math.min(n, j0 + NC), j0, p0, p1, k, a, aOff, b, bOff, c, cOff, acc);
            }
        }
    }

    private static void panel(int m, int n, int jEnd, int j0, int p0, int p1, int k, float[] a, int aOff, float[] b,
                              int bOff, float[] c, int cOff, boolean accumulate) {
        int width = jEnd - j0;
        int nBlock = j0 + width - width % (2 * L);
        int mBlock = m - m % 4;
        for (int i = 0; i < mBlock; i += 4) {
            int a0 = aOff + i * k;
            int a1 = a0 + k;
            int a2 = a1 + k;
            int a3 = a2 + k;
            for (int j = j0; j < nBlock; j += 2 * L) {
                int c0 = cOff + i * n + j;
                FloatVector x00 = accumulate ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
                FloatVector x01 = accumulate ? FloatVector.fromArray(S, c, c0 + L) : FloatVector.zero(S);
                FloatVector x10 = accumulate ? FloatVector.fromArray(S, c, c0 + n) : FloatVector.zero(S);
                FloatVector x11 = accumulate ? FloatVector.fromArray(S, c, c0 + n + L) : FloatVector.zero(S);
                FloatVector x20 = accumulate ? FloatVector.fromArray(S, c, c0 + 2 * n) : FloatVector.zero(S);
                FloatVector x21 = accumulate ? FloatVector.fromArray(S, c, c0 + 2 * n + L) : FloatVector.zero(S);
                FloatVector x30 = accumulate ? FloatVector.fromArray(S, c, c0 + 3 * n) : FloatVector.zero(S);
                FloatVector x31 = accumulate ? FloatVector.fromArray(S, c, c0 + 3 * n + L) : FloatVector.zero(S);
                for (int p = p0; p < p1; p++) {
                    int bp = bOff + p * n + j;
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
                x00.intoArray(c, c0);
                x01.intoArray(c, c0 + L);
                x10.intoArray(c, c0 + n);
                x11.intoArray(c, c0 + n + L);
                x20.intoArray(c, c0 + 2 * n);
                x21.intoArray(c, c0 + 2 * n + L);
                x30.intoArray(c, c0 + 3 * n);
                x31.intoArray(c, c0 + 3 * n + L);
            }
            edge(i, i + 4, nBlock, jEnd, n, p0, p1, k, a, aOff, b, bOff, c, cOff, accumulate);
        }
        for (int i = mBlock; i < m; i++) {
            int ai = aOff + i * k;
            int vEnd = j0 + width - width % L;
            for (int j = j0; j < vEnd; j += L) {
                int ci = cOff + i * n + j;
                FloatVector x = accumulate ? FloatVector.fromArray(S, c, ci) : FloatVector.zero(S);
                for (int p = p0; p < p1; p++) {
                    x = FloatVector.broadcast(S, a[ai + p]).fma(FloatVector.fromArray(S, b, bOff + p * n + j), x);
                }
                x.intoArray(c, ci);
            }
            edge(i, i + 1, vEnd, jEnd, n, p0, p1, k, a, aOff, b, bOff, c, cOff, accumulate);
        }
    }

    /** Columns {@code jStart..jEnd-1} of rows {@code i0..i1-1}, one scalar at a time (fused multiply-add, p in order). */
    private static void edge(int i0, int i1, int jStart, int jEnd, int n, int p0, int p1, int k, float[] a, int aOff,
                             float[] b, int bOff, float[] c, int cOff, boolean accumulate) {
        for (int i = i0; i < i1; i++) {
            int ai = aOff + i * k;
            for (int j = jStart; j < jEnd; j++) {
                int ci = cOff + i * n + j;
                float x = accumulate ? c[ci] : 0f;
                for (int p = p0; p < p1; p++) {
                    x = Math.fma(a[ai + p], b[bOff + p * n + j], x);
                }
                c[ci] = x;
            }
        }
    }
}
