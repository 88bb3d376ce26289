package dev.rnnlab.engine.bptt.math;

/**
 * The one float32 GEMM shape every kernel reduces to: {@code C[m, n] (+)= A[m, k] B[k, n]}, all
 * row-major with the given offsets and row strides equal to the widths. {@link #best()} is the Vector
 * API kernel when the {@code jdk.incubator.vector} module is present at run time, else plain loops.
 */
interface Gemm {

    void nn(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, boolean accumulate);

    static Gemm best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                return (Gemm) Class.forName("dev.rnnlab.engine.bptt.math.VectorGemm").getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                return new ScalarGemm();
            }
        }
        return new ScalarGemm();
    }

    /** Rows of axpys: the form the JIT vectorises by itself. */
    final class ScalarGemm implements Gemm {
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
    }
}
