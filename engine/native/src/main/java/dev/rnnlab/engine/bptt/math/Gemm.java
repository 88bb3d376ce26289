package dev.rnnlab.engine.bptt.math;

/**
 * The one float32 GEMM shape every kernel reduces to: {@code C[m, n] (+)= A[m, k] B[k, n]}, all
 * row-major with the given offsets and row strides equal to the widths. B can also be packed once and
 * used for many products ({@link #pack}, {@link #nnPacked}): a weight matrix used at every time step.
 * {@link #best()} is the Vector API kernel when the {@code jdk.incubator.vector} module is present at
 * run time, else plain loops. An instance may own scratch space: one per thread.
 */
interface Gemm {

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

    /** Which kernel this is, as recorded in run provenance (its rounding decides float32 bits). */
    String describe();

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
     * Rows of axpys: the form the JIT vectorises by itself. Its packed form is plain row-major B. Runs on
     * the calling thread only.
     */
    final class ScalarGemm implements Gemm {
        @Override
        public String describe() {
            return "plain loops";
        }

        @Override
        public void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                       boolean accumulate) {
            for (int i = 0; i < m; i++) {
                int ci = cOff + i * n;
                if (!accumulate) {
                    java.util.Arrays.fill(c, ci, ci + n, 0f);
                }
                for (int p = 0; p < k; p++) {
                    float aip = a[aOff + i * k + p];
                    int bp = bOff + p * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += aip * b[bp + j];
                    }
                }
            }
        }

        @Override
        public void tn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                       boolean accumulate) {
            if (!accumulate) {
                java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
            }
            for (int p = 0; p < k; p++) {
                int bp = bOff + p * n;
                for (int i = 0; i < m; i++) {
                    float api = a[aOff + p * m + i];
                    int ci = cOff + i * n;
                    for (int j = 0; j < n; j++) {
                        c[ci + j] += api * b[bp + j];
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
