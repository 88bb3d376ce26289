package dev.rnnlab.engine.bptt.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The Vector API GEMM against a float64 reference on shapes that exercise every edge: rows and
 * columns beyond a block, k and n beyond a cache panel, offsets, accumulate or not. Also the float32
 * kernels' transposing GEMM forms against the float64 kernels.
 */
class GemmTest {

    static double[] reference(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                              boolean accumulate) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = accumulate ? c[cOff + i * n + j] : 0;
                for (int p = 0; p < k; p++) {
                    s += (double) a[aOff + i * k + p] * b[bOff + p * n + j];
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    static float[] random(int size, SplittableRandom rng) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) rng.nextDouble(-1, 1);
        }
        return x;
    }

    @Test
    void theVectorKernelMatchesAFloat64ReferenceOnEveryEdge() {
        Gemm vector = Gemm.best();
        assertEquals("VectorGemm", vector.getClass().getSimpleName(), "the test JVM runs with the vector module");
        SplittableRandom rng = new SplittableRandom(1);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 32, 16}, {5, 33, 17}, {9, 100, 300}, {13, 600, 40}, {2, 1030, 3}};
        for (int[] s : shapes) {
            for (boolean accumulate : new boolean[] {false, true}) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                float[] a = random(3 + m * k, rng);
                float[] b = random(5 + k * n, rng);
                float[] c = random(7 + m * n, rng);
                double[] expected = reference(m, n, k, a, 3, b, 5, c, 7, accumulate);
                vector.nn(m, n, k, a, 3, b, 5, c, 7, accumulate);
                for (int i = 0; i < m * n; i++) {
                    assertEquals(expected[i], c[7 + i], 1e-5 * Math.sqrt(k) + 1e-6,
                            "m=" + m + " n=" + n + " k=" + k + " acc=" + accumulate + " at " + i);
                }
            }
        }
    }

    @Test
    void blockingDoesNotChangeTheResultBits() {
        SplittableRandom rng = new SplittableRandom(2);
        int m = 8;
        int n = 64;
        int k = 700; // three k panels
        float[] a = random(m * k, rng);
        float[] b = random(k * n, rng);
        float[] once = new float[m * n];
        new VectorGemm().nn(m, n, k, a, 0, b, 0, once, 0, false);
        float[] again = new float[m * n];
        new VectorGemm().nn(m, n, k, a, 0, b, 0, again, 0, false);
        assertArrayEquals(once, again, 0f, "deterministic");
    }

    @Test
    void theFloat32GemmFormsAgreeWithFloat64() {
        SplittableRandom rng = new SplittableRandom(3);
        F32Kernels f = new F32Kernels();
        F64Kernels d = new F64Kernels();
        int m = 37;
        int n = 45;
        int k = 29;
        float[] a = random(m * k, rng);
        float[] bnt = random(n * k, rng);
        float[] c32 = new float[m * n];
        double[] c64 = new double[m * n];
        f.gemmNT(m, n, k, a, 0, bnt, 0, c32, 0, false);
        d.gemmNT(m, n, k, toDouble(a), 0, toDouble(bnt), 0, c64, 0, false);
        assertClose(c64, c32);
        float[] x = random(m * n, rng);
        float[] y = random(m * k, rng);
        float[] w32 = new float[n * k];
        double[] w64 = new double[n * k];
        f.gemmTNAccumulate(m, n, k, x, 0, y, 0, w32, 0);
        d.gemmTNAccumulate(m, n, k, toDouble(x), 0, toDouble(y), 0, w64, 0);
        assertClose(w64, w32);
    }

    static void assertClose(double[] expected, float[] actual) {
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) < 1e-4, i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    static double[] toDouble(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
