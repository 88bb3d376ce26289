package dev.rnnlab.engine.bptt.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plain-loop pointwise kernels give the Vector API ones' bits, kernel by kernel: hidden sizes below, at and
 * past a vector, rows from an offset, pre-activations out to +-40 (saturation) and around tanh's formula switch.
 * So a run has the same bits with or without {@code jdk.incubator.vector}.
 */
class ScalarPointwiseTest {

    private final Pointwise vector = new VectorPointwise();
    private final Pointwise scalar = new ScalarPointwise();

    /** Runs {@code kernel} on both implementations, each on its own copy of {@code buffers}; asserts every buffer equal. */
    private void same(String what, float[][] buffers, Kernel kernel) {
        float[][] v = copy(buffers);
        float[][] s = copy(buffers);
        kernel.run(vector, v);
        kernel.run(scalar, s);
        for (int i = 0; i < buffers.length; i++) {
            assertArrayEquals(bits(v[i]), bits(s[i]), what + ": buffer " + i);
        }
    }

    interface Kernel {
        void run(Pointwise p, float[][] b);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 17, 37})
    void everyKernelGivesTheVectorBits(int hidden) {
        SplittableRandom rng = new SplittableRandom(hidden);
        int rows = 3;
        int n4 = rows * 4 * hidden;
        int n3 = rows * 3 * hidden;
        int nh = (rows + 1) * hidden;
        same("lstmForward", new float[][] {pre(n4 + 8, rng), pre(n4, rng), new float[n4 + 8], pre(nh, rng),
                new float[nh], new float[nh]}, (p, b) -> p.lstmForward(1, rows, hidden, b[0], 8, b[1], b[2], b[3], 0,
                hidden, b[4], hidden, b[5]));
        same("lstmBackward", new float[][] {unit(n4 + 4, rng), unit(nh, rng), pre(nh, rng), pre(nh, rng),
                pre(nh, rng), new float[n4 + 4]}, (p, b) -> p.lstmBackward(0, rows, hidden, b[0], 4, b[1], hidden,
                b[2], 0, b[3], b[4], b[5]));
        same("gruForward", new float[][] {pre(n3 + 5, rng), pre(n3, rng), new float[n3 + 5], new float[nh],
                pre(nh, rng)}, (p, b) -> p.gruForward(0, rows, hidden, b[0], 5, b[1], b[2], b[3], hidden, b[4], 0,
                hidden));
        same("gruBackward", new float[][] {unit(n3, rng), pre(nh, rng), pre(nh, rng), pre(nh, rng), new float[n3],
                new float[n3], new float[nh]}, (p, b) -> p.gruBackward(1, rows, hidden, b[0], 0, b[1], hidden, b[2], 0,
                b[3], b[4], b[5], b[6]));
        same("tanhInPlace", new float[][] {pre(nh + 2, rng)}, (p, b) -> p.tanhInPlace(b[0], 2, nh));
        same("tanhBackward", new float[][] {unit(nh, rng), pre(nh, rng), new float[nh + 1]},
                (p, b) -> p.tanhBackward(b[0], 0, b[1], 0, b[2], 1, nh));
        same("addRowVector", new float[][] {pre(nh + 3, rng), pre(hidden, rng)},
                (p, b) -> p.addRowVector(rows, hidden, b[0], 3, b[1]));
        same("sumRowsAccumulate", new float[][] {pre(nh + 2, rng), pre(hidden, rng)},
                (p, b) -> p.sumRowsAccumulate(rows + 1, hidden, 0, hidden, b[0], 2, b[1]));
    }

    /** Pre-activations: mostly within +-3, some out to +-40, some at tanh's formula switch. */
    private static float[] pre(int n, SplittableRandom rng) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) (i % 7 == 0 ? rng.nextDouble(-40, 40) : i % 11 == 0 ? 0.625 : rng.nextDouble(-3, 3));
        }
        return a;
    }

    /** Gate values in (0, 1). */
    private static float[] unit(int n, SplittableRandom rng) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rng.nextDouble(0.01, 0.99);
        }
        return a;
    }

    private static float[][] copy(float[][] b) {
        float[][] c = new float[b.length][];
        for (int i = 0; i < b.length; i++) {
            c[i] = b[i].clone();
        }
        return c;
    }

    private static int[] bits(float[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = Float.floatToRawIntBits(a[i]);
        }
        return out;
    }
}
