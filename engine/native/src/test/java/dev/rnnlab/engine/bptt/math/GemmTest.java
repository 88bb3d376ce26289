package dev.rnnlab.engine.bptt.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

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
    void bothKernelsMatchAFloat64ReferenceOnEveryEdgeInEveryForm() {
        Gemm vector = Gemm.best();
        assertEquals("VectorGemm", vector.getClass().getSimpleName(), "the test JVM runs with the vector module");
        SplittableRandom rng = new SplittableRandom(1);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 32, 16}, {5, 33, 17}, {9, 100, 300}, {13, 600, 40}, {2, 1030, 3}};
        for (Gemm gemm : new Gemm[] {vector, new Gemm.ScalarGemm()}) {
            for (int[] s : shapes) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    int m = s[0];
                    int n = s[1];
                    int k = s[2];
                    float[] a = random(3 + m * k, rng);
                    float[] b = random(5 + k * n, rng);
                    float[] c = random(7 + m * n, rng);
                    double[] expected = reference(m, n, k, a, 3, b, 5, c, 7, accumulate);
                    String where = gemm.getClass().getSimpleName() + " m=" + m + " n=" + n + " k=" + k + " acc="
                            + accumulate;
                    float[] viaNn = c.clone();
                    gemm.nn(m, n, k, a, 3, b, 5, viaNn, 7, accumulate);
                    assertNear(expected, viaNn, 7, k, "nn " + where);
                    float[] viaTn = c.clone();
                    gemm.tn(m, n, k, transposeOf(a, 3, m, k, 0), 0, b, 5, viaTn, 7, accumulate);
                    assertNear(expected, viaTn, 7, k, "tn " + where);
                    float[] packed = new float[gemm.packedSize(k, n)];
                    gemm.pack(k, n, transposeOf(b, 5, k, n, 1), 1, true, packed);
                    float[] viaPacked = c.clone();
                    gemm.nnPacked(m, n, k, a, 3, packed, viaPacked, 7, accumulate);
                    assertNear(expected, viaPacked, 7, k, "packed " + where);
                }
            }
        }
    }

    private static void assertNear(double[] expected, float[] c, int cOff, int k, String where) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], c[cOff + i], 1e-5 * Math.sqrt(k) + 1e-6, where + " at " + i);
        }
    }

    /**
     * The bits the vector kernel must produce: per k panel of {@link VectorGemm#KC} in order, a chain of
     * {@code Math.fma} over the panel's p in order from zero, added to C (stored, for the first panel when
     * not accumulating).
     */
    static float[] panelChains(int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                               boolean accumulate) {
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float x = accumulate ? c[cOff + i * n + j] : 0f;
                for (int p0 = 0; p0 < k; p0 += VectorGemm.KC) {
                    float s = 0f;
                    for (int p = p0; p < Math.min(k, p0 + VectorGemm.KC); p++) {
                        s = Math.fma(a[aOff + i * k + p], b[bOff + p * n + j], s);
                    }
                    x = accumulate || p0 > 0 ? s + x : s;
                }
                out[i * n + j] = x;
            }
        }
        return out;
    }

    static float[] transposeOf(float[] b, int bOff, int k, int n, int pad) {
        float[] t = new float[pad + n * k];
        for (int p = 0; p < k; p++) {
            for (int j = 0; j < n; j++) {
                t[pad + j * k + p] = b[bOff + p * n + j];
            }
        }
        return t;
    }

    /**
     * Packing and edges change no bits: plain, packed and packed-from-transposed B, and A read transposed,
     * all give exactly the panel-by-panel fused multiply-add chains of {@link #panelChains}, across several
     * k panels, a zero-padded last strip and rows beyond a block of 4; the Vector API kernel and the plain
     * loops alike, so a run has the same bits with or without the Vector API.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void packingAndBlockingDoNotChangeTheResultBits(boolean vectorApi) {
        SplittableRandom rng = new SplittableRandom(2);
        int w = VectorGemm.W;
        int[][] shapes = {{8, 2 * w, 700}, {7, w + 3, VectorGemm.KC + 1}, {1, 5, 3}, {6, 3 * w, 2 * VectorGemm.KC}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] a = random(1 + m * k, rng);
                float[] b = random(2 + k * n, rng);
                float[] c = random(3 + m * n, rng);
                float[] expected = panelChains(m, n, k, a, 1, b, 2, c, 3, accumulate);
                String where = "m=" + m + " n=" + n + " k=" + k + " acc=" + accumulate;
                Gemm gemm = vectorApi ? new VectorGemm() : new Gemm.ScalarGemm();

                float[] plain = c.clone();
                gemm.nn(m, n, k, a, 1, b, 2, plain, 3, accumulate);
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(plain, 3, 3 + m * n), 0f, "nn " + where);

                float[] packed = new float[gemm.packedSize(k, n)];
                java.util.Arrays.fill(packed, Float.NaN); // padding must not leak into C
                gemm.pack(k, n, b, 2, false, packed);
                float[] viaPacked = c.clone();
                gemm.nnPacked(m, n, k, a, 1, packed, viaPacked, 3, accumulate);
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(viaPacked, 3, 3 + m * n), 0f,
                        "packed " + where);

                gemm.pack(k, n, transposeOf(b, 2, k, n, 4), 4, true, packed);
                float[] viaTransposed = c.clone();
                gemm.nnPacked(m, n, k, a, 1, packed, viaTransposed, 3, accumulate);
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(viaTransposed, 3, 3 + m * n), 0f,
                        "packed from transposed " + where);
                assertEquals(c[0], viaTransposed[0], "nothing written before C");

                float[] viaTn = c.clone();
                gemm.tn(m, n, k, transposeOf(a, 1, m, k, 6), 6, b, 2, viaTn, 3, accumulate);
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(viaTn, 3, 3 + m * n), 0f,
                        "A read transposed " + where);
            }
        }
    }

    /**
     * A team splits a small prepared product by 4-row blocks of C and a large one by strips; both give the
     * unsplit bits, with leftover rows (m % 4) and a padded last strip, on 2 and 3 threads.
     */
    @Test
    void splitPreparedProductsGiveTheUnsplitBits() {
        SplittableRandom rng = new SplittableRandom(5);
        int w = VectorGemm.W;
        // {m, n, k}: the first two are split by rows (packed panel <= 256 KB), the last by strips
        int[][] shapes = {{31, 3 * w + 5, 200}, {64, 4 * w, VectorGemm.KC + 7}, {8, 40 * w, VectorGemm.KC}};
        for (int[] s : shapes) {
            int m = s[0];
            int n = s[1];
            int k = s[2];
            float[] a = random(m * k, rng);
            float[] b = random(k * n, rng);
            float[] c = random(m * n, rng);
            VectorGemm alone = new VectorGemm();
            float[] packed = new float[alone.packedSize(k, n)];
            alone.pack(k, n, b, 0, false, packed);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] expected = c.clone();
                alone.nnPacked(m, n, k, a, 0, packed, expected, 0, accumulate);
                for (int threads : new int[] {2, 3}) {
                    try (Team team = new Team(threads)) {
                        float[] split = c.clone();
                        new VectorGemm(team).nnPacked(m, n, k, a, 0, packed, split, 0, accumulate);
                        assertArrayEquals(expected, split, 0f, "m=" + m + " n=" + n + " k=" + k + " acc=" + accumulate
                                + " threads=" + threads);
                    }
                }
            }
        }
    }

    /** The float32 and float64 prepared operands: {@code gemmPrepared} agrees with plain {@code gemmNN}. */
    @Test
    void preparedOperandsGiveTheSameProductAsUnprepared() {
        SplittableRandom rng = new SplittableRandom(4);
        int m = 6;
        int k = 40;
        int n = VectorGemm.W + 9;
        float[] a = random(m * k, rng);
        float[] wOutIn = random(n * k, rng); // a weight stored [out = n, in = k]
        F32Kernels f = new F32Kernels();
        float[] viaNT = new float[m * n];
        f.gemmNT(m, n, k, a, 0, wOutIn, 0, viaNT, 0, false);
        float[] prepared = f.prepareRight(k, n, wOutIn, 0, true, null);
        float[] viaPrepared = new float[m * n];
        f.gemmPrepared(m, n, k, a, 0, prepared, viaPrepared, 0, false);
        assertArrayEquals(viaNT, viaPrepared, 0f);
        assertTrue(f.prepareRight(k, n, wOutIn, 0, true, prepared) == prepared, "reuses a big enough array");

        F64Kernels d = new F64Kernels();
        double[] a64 = toDouble(a);
        double[] w64 = toDouble(wOutIn);
        double[] wT = new double[k * n];
        d.transpose(w64, 0, n, k, wT);
        double[] viaNN = new double[m * n];
        d.gemmNN(m, k, n, a64, 0, wT, 0, viaNN, 0, false);
        double[] viaPrepared64 = new double[m * n];
        d.gemmPrepared(m, n, k, a64, 0, d.prepareRight(k, n, w64, 0, true, null), viaPrepared64, 0, false);
        org.junit.jupiter.api.Assertions.assertArrayEquals(viaNN, viaPrepared64, 0.0);
        assertClose(viaNN, viaPrepared);
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
