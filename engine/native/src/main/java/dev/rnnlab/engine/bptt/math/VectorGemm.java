package dev.rnnlab.engine.bptt.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * A packed, register-blocked GEMM on the Vector API, in the manner of GotoBLAS: B is copied into
 * strips {@link #W} columns wide, contiguous along k, so the micro-kernel reads it as one sequential
 * stream whatever B's row stride (power-of-two strides such as 2048 floats otherwise alias in the L1
 * cache). For each 4 x W block of C, 8 accumulators start from zero and sum a whole k panel, so every B
 * load feeds 4 fused multiply-adds; then the block is stored into C (the first panel, not accumulating)
 * or added to it. (Starting the accumulators from C instead made the kernel about 30% slower under C2
 * on JDK 17 with 512-bit vectors: 78 against 110 GFLOP/s on {@code [32 x 256] x [256 x 128]}.)
 *
 * <p>Packed layout: k panels of up to {@link #KC} rows; within a panel, strip {@code s} holds
 * {@code kc x W} floats, row {@code p} of the strip at {@code p * W}. The last strip of a panel is
 * zero-padded to {@code W}; its results go through a small buffer so only real columns reach C. Rows
 * of C beyond a multiple of 4 run a 1 x W kernel.
 *
 * <p>Every element of C is therefore, per k panel in order, a chain of fused multiply-adds over the
 * panel's p in order from zero, added to C (or stored, for the first panel when not accumulating). The
 * bits depend on {@link #KC} only: not on the edges, the row blocks, which of {@link #nn}, {@link #tn}
 * and {@link #nnPacked} ran, or the {@link Team}: a team splits the strips (output columns) among its
 * members, and each member packs and computes its own strips; {@link #nnPacked} on a small packed
 * operand splits whole 4-row blocks of C instead. Not thread-safe: one caller at a time.
 */
final class VectorGemm implements Gemm {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Width of a packed strip: two vectors. */
    static final int W = 2 * L;
    /** Depth of a k panel: a kc x W strip of B (32 KB at W = 32) is reused by every row block. */
    static final int KC = Gemm.KC;
    /** Below this many multiply-adds a call runs on the calling thread alone: a split costs microseconds. */
    private static final long MIN_SPLIT = 1L << 17;
    /** The largest packed panel {@link #nnPacked} splits by rows: every member reads all of it. */
    private static final long BY_ROWS_MAX_PANEL_BYTES = 256 * 1024;

    /** Splits the strips among threads, or null to run on the calling thread. */
    private final Team team;
    /** One packed k panel of B, for {@link #nn} and {@link #tn} (B packed as they go). */
    private float[] panel = new float[0];
    /** Per team member, a 4 x W block of C for the zero-padded last strip. */
    private final float[][] edges;

    VectorGemm() {
        this(null);
    }

    VectorGemm(Team team) {
        this.team = team;
        this.edges = new float[team == null ? 1 : team.size()][4 * W];
    }

    @Override
    public int packedSize(int k, int n) {
        return k * strips(n) * W;
    }

    private static int strips(int n) {
        return (n + W - 1) / W;
    }

    @Override
    public void pack(int k, int n, float[] src, int srcOff, boolean transposed, float[] dst) {
        int strips = strips(n);
        for (int p0 = 0; p0 < k; p0 += KC) {
            packPanel(p0, Math.min(k, p0 + KC), k, n, src, srcOff, transposed, dst, p0 * strips * W, 0, strips);
        }
    }

    /**
     * Packs strips {@code s0..s1-1} of rows {@code p0..p1-1} of B ({@code [k, n]}, or {@code src [n, k]}
     * transposed) into the panel at {@code dstOff}.
     */
    private static void packPanel(int p0, int p1, int k, int n, float[] src, int srcOff, boolean transposed,
                                  float[] dst, int dstOff, int s0, int s1) {
        int kc = p1 - p0;
        for (int s = s0; s < s1; s++) {
            int j0 = s * W;
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
        product(m, n, k, a, aOff, k, 1, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void tn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                   boolean accumulate) {
        product(m, n, k, a, aOff, 1, m, b, bOff, c, cOff, accumulate);
    }

    /** {@code C (+)= A B}, B row-major and packed panel by panel; A's element (i, p) at {@code i * rs + p * ds}. */
    private void product(int m, int n, int k, float[] a, int aOff, int rs, int ds, float[] b, int bOff, float[] c,
                         int cOff, boolean accumulate) {
        if (k == 0) {
            clearUnlessAccumulating(m, n, c, cOff, accumulate);
            return;
        }
        int strips = strips(n);
        int size = Math.min(k, KC) * strips * W;
        if (panel.length < size) {
            panel = new float[size];
        }
        float[] packed = panel;
        for (int p0 = 0; p0 < k; p0 += KC) {
            int p1 = Math.min(k, p0 + KC);
            int a0 = aOff + p0 * ds;
            boolean add = accumulate || p0 > 0;
            if (split(m, n, p1 - p0)) {
                int from = p0;
                team.run(strips, (member, s0, s1) -> {
                    packPanel(from, p1, k, n, b, bOff, false, packed, 0, s0, s1);
                    panel(m, n, p1 - from, a, a0, rs, ds, packed, 0, c, cOff, add, s0, s1, edges[member]);
                });
            } else {
                packPanel(p0, p1, k, n, b, bOff, false, packed, 0, 0, strips);
                panel(m, n, p1 - p0, a, a0, rs, ds, packed, 0, c, cOff, add, 0, strips, edges[0]);
            }
        }
    }

    @Override
    public void nnPacked(int m, int n, int k, float[] a, int aOff, float[] packed, float[] c, int cOff,
                         boolean accumulate) {
        if (k == 0) {
            clearUnlessAccumulating(m, n, c, cOff, accumulate);
            return;
        }
        int strips = strips(n);
        for (int p0 = 0; p0 < k; p0 += KC) {
            int kc = Math.min(k, p0 + KC) - p0;
            int a0 = aOff + p0;
            int bOff = p0 * strips * W;
            boolean add = accumulate || p0 > 0;
            if (split(m, n, kc) && byRows(m, kc, strips)) {
                // Each member takes whole 4-row blocks (the last one also the leftover rows), so every row
                // runs the same kernel as unsplit.
                team.run((m + 3) / 4, (member, b0, b1) -> {
                    int r0 = 4 * b0;
                    int r1 = Math.min(m, 4 * b1);
                    panel(r1 - r0, n, kc, a, a0 + r0 * k, k, 1, packed, bOff, c, cOff + r0 * n, add, 0, strips,
                            edges[member]);
                });
            } else if (split(m, n, kc)) {
                team.run(strips, (member, s0, s1) ->
                        panel(m, n, kc, a, a0, k, 1, packed, bOff, c, cOff, add, s0, s1, edges[member]));
            } else {
                panel(m, n, kc, a, a0, k, 1, packed, bOff, c, cOff, add, 0, strips, edges[0]);
            }
        }
    }

    private boolean split(int m, int n, int kc) {
        return team != null && n > W && (long) m * n * kc >= MIN_SPLIT;
    }

    /**
     * Whether a prepared product splits by rows of C rather than by strips: when every member gets a
     * 4-row block and the packed panel is small enough for each member to read all of it from its own
     * cache. The recurrent products qualify at moderate sizes; then the rows of C a member writes are
     * the batch rows the pointwise steps give it and that it reads back in the next step's product, so
     * a time step's data stays on one core. Across cores that share no cache every line that moves costs
     * hundreds of nanoseconds (docs/performance.md).
     */
    private boolean byRows(int m, int kc, int strips) {
        return m >= 4 * team.size() && (long) kc * strips * W * Float.BYTES <= BY_ROWS_MAX_PANEL_BYTES;
    }

    private static void clearUnlessAccumulating(int m, int n, float[] c, int cOff, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
        }
    }

    /**
     * Strips {@code s0..s1-1} of {@code C (+)= A[:, panel] B[panel, :]}, B's panel ({@code kc} deep) packed
     * at {@code bOff}; A's element (row i, depth q of the panel) at {@code a[a0 + i * rs + q * ds]}, so A
     * can be read as stored or transposed.
     */
    private static void panel(int m, int n, int kc, float[] a, int a0, int rs, int ds, float[] b, int bOff,
                              float[] c, int cOff, boolean add, int s0, int s1, float[] edge) {
        int full = Math.min(s1, n / W);
        int rest = s1 > full ? n - full * W : 0;
        int mBlock = m - m % 4;
        for (int i = 0; i < mBlock; i += 4) {
            int ai = a0 + i * rs;
            for (int s = s0; s < full; s++) {
                block4(kc, a, ai, rs, ds, b, bOff + s * kc * W, c, cOff + i * n + s * W, n, add);
            }
            if (rest > 0) {
                int ci = cOff + i * n + full * W;
                for (int r = 0; r < 4; r++) {
                    System.arraycopy(c, ci + r * n, edge, r * W, rest);
                }
                block4(kc, a, ai, rs, ds, b, bOff + full * kc * W, edge, 0, W, add);
                for (int r = 0; r < 4; r++) {
                    System.arraycopy(edge, r * W, c, ci + r * n, rest);
                }
            }
        }
        for (int i = mBlock; i < m; i++) {
            int ai = a0 + i * rs;
            for (int s = s0; s < full; s++) {
                block1(kc, a, ai, ds, b, bOff + s * kc * W, c, cOff + i * n + s * W, add);
            }
            if (rest > 0) {
                int ci = cOff + i * n + full * W;
                System.arraycopy(c, ci, edge, 0, rest);
                block1(kc, a, ai, ds, b, bOff + full * kc * W, edge, 0, add);
                System.arraycopy(edge, 0, c, ci, rest);
            }
        }
    }

    /**
     * Four rows of A ({@code rs} apart, from {@code ai}, depth steps {@code ds}) times one packed strip,
     * stored into C at {@code ci} or added to it.
     */
    private static void block4(int kc, float[] a, int ai, int rs, int ds, float[] b, int bi, float[] c, int ci,
                               int ldc, boolean add) {
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
        if (add) {
            x00.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
            x01.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
            x10.add(FloatVector.fromArray(S, c, c1)).intoArray(c, c1);
            x11.add(FloatVector.fromArray(S, c, c1 + L)).intoArray(c, c1 + L);
            x20.add(FloatVector.fromArray(S, c, c2)).intoArray(c, c2);
            x21.add(FloatVector.fromArray(S, c, c2 + L)).intoArray(c, c2 + L);
            x30.add(FloatVector.fromArray(S, c, c3)).intoArray(c, c3);
            x31.add(FloatVector.fromArray(S, c, c3 + L)).intoArray(c, c3 + L);
        } else {
            x00.intoArray(c, ci);
            x01.intoArray(c, ci + L);
            x10.intoArray(c, c1);
            x11.intoArray(c, c1 + L);
            x20.intoArray(c, c2);
            x21.intoArray(c, c2 + L);
            x30.intoArray(c, c3);
            x31.intoArray(c, c3 + L);
        }
    }

    /** One row of A (depth steps {@code ds}) times one packed strip, stored or added. */
    private static void block1(int kc, float[] a, int ai, int ds, float[] b, int bi, float[] c, int ci, boolean add) {
        FloatVector x0 = FloatVector.zero(S);
        FloatVector x1 = FloatVector.zero(S);
        for (int p = 0, ap = ai, bp = bi; p < kc; p++, ap += ds, bp += W) {
            FloatVector v = FloatVector.broadcast(S, a[ap]);
            x0 = v.fma(FloatVector.fromArray(S, b, bp), x0);
            x1 = v.fma(FloatVector.fromArray(S, b, bp + L), x1);
        }
        if (add) {
            x0.add(FloatVector.fromArray(S, c, ci)).intoArray(c, ci);
            x1.add(FloatVector.fromArray(S, c, ci + L)).intoArray(c, ci + L);
        } else {
            x0.intoArray(c, ci);
            x1.intoArray(c, ci + L);
        }
    }
}
