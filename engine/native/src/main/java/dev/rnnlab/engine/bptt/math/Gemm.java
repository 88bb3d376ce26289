package dev.rnnlab.engine.bptt.math;

/**
 * The one float32 GEMM shape every kernel reduces to: {@code C[m, n] (+)= A[m, k] B[k, n]}, all
 * row-major with the given offsets and row strides equal to the widths. B can also be packed once and
 * used for many products ({@link #pack}, {@link #nnPacked}): a weight matrix used at every time step.
 * {@link #best()} is the Vector API kernel when the {@code jdk.incubator.vector} module is present at
 * run time, else plain loops. An instance may own scratch space: one per thread.
 */
interface Gemm {

    /**
     * The k panel depth: every kernel sums each element of C per panel of this many p, as one chain of fused
     * multiply-adds from zero, so every kernel gives the same bits.
     */
    int KC = 256;

    void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /**
     * {@code C[m, n] (+)= A^T B} with A stored {@code [k, m]} and B {@code [k, n]}: a weight gradient summed
     * over k rows, read in place.
     */
    void tn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    /** The length {@link #pack} needs for a {@code [k, n]} operand. */
    int packedSize(int k, int n);

    /**
     * Packs {@code B[k, n]} into {@code dst} for {@link #nnPacked}: B is {@code src} from {@code srcOff}, or
     * when {@code transposed} the transpose of {@code src [n, k]} (a weight stored {@code [out, in]}).
     */
    void pack(int k, int n, float[] src, int srcOff, boolean transposed, float[] dst);

    /** {@link #nn} with B packed by {@link #pack} for the same {@code k} and {@code n}. */
    void nnPacked(int m, int n, int k, float[] a, int aOff, float[] packed, float[] c, int cOff, boolean accumulate);

    static Gemm best() {
        return best(null);
    }

    /** The best kernel, splitting large products among {@code team} (null: the calling thread only). */
    static Gemm best(Team team) {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Gemm) Class.forName("dev.rnnlab.engine.bptt.math.VectorGemm").getDeclaredConstructor(Team.class)
                        .newInstance(team);
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarGemm();
            }
        }
        return new ScalarGemm();
    }

    /**
     * Without the Vector API: the vector kernel's bits, element by element. Per k panel of {@link VectorGemm#KC}
     * in order, a chain of {@code Math.fma} over the panel from zero, added to C (stored, for the first panel
     * when not accumulating), so a run gives the same bits with or without {@code jdk.incubator.vector}. Row by
     * row with the chains of a row side by side in a scratch row, which the JIT vectorises. Its packed form is
     * plain row-major B. Runs on the calling thread only.
     */
    final class ScalarGemm implements Gemm {
        private float[] chains = new float[0];

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

        /** A's element (i, p) is {@code a[aOff + i * rs + p * ds]}. */
        private void product(int m, int n, int k, float[] a, int aOff, int rs, int ds, float[] b, int bOff,
                             float[] c, int cOff, boolean accumulate) {
            if (chains.length < n) {
                chains = new float[n];
            }
            float[] s = chains;
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * n;
                if (!accumulate) {
                    java.util.Arrays.fill(c, ci, ci + n, 0f); // what k = 0 leaves
                }
                for (int p0 = 0; p0 < k; p0 += KC) {
                    java.util.Arrays.fill(s, 0, n, 0f);
                    for (int p = p0, p1 = Math.min(k, p0 + KC); p < p1; p++) {
                        float aip = a[aOff + i * rs + p * ds];
                        int bp = bOff + p * n;
                        for (int j = 0; j < n; j++) {
                            s[j] = Math.fma(aip, b[bp + j], s[j]);
                        }
                    }
                    boolean store = !accumulate && p0 == 0;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] = store ? s[j] : s[j] + c[ci + j];
                    }
                }
            }
        }

        @Override
        public int packedSize(int k, int n) {
            return k * n;
        }

        @Override
        public void pack(int k, int n, float[] src, int srcOff, boolean transposed, float[] dst) {
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    dst[p * n + j] = transposed ? src[srcOff + j * k + p] : src[srcOff + p * n + j];
                }
            }
        }

        @Override
        public void nnPacked(int m, int n, int k, float[] a, int aOff, float[] packed, float[] c, int cOff,
                             boolean accumulate) {
            nn(m, n, k, a, aOff, packed, 0, c, cOff, accumulate);
        }
    }
}
