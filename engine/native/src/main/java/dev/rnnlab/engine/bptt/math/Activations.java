package dev.rnnlab.engine.bptt.math;

/**
 * Sigmoid and tanh on one float, with exactly the operations of one lane of {@link VectorPointwise}'s loops
 * (Cephes {@code expf} and {@code tanhf}; {@code Math.fma} where the lanes fuse), for the elements of a row
 * past its last full vector. So an element's bits do not depend on the lane count or on the row's length.
 */
final class Activations {

    static final float ROUND = 12582912f;
    /** 1.5 * 2^23 as bits: adding 1.5 * 2^23 rounds to an integer, which then sits in the low mantissa bits. */
    static final int ROUND_BITS = 0x4B400000;

    private Activations() {}

    /** One lane of {@link VectorPointwise}'s sigmoid loop. */
    static float sigmoid(float v) {
        float y = Math.min(Math.max(v * -1f, -87.3f), 88.3f);
        return 1f / (exp(y) + 1f);
    }

    /** One lane of {@link VectorPointwise}'s tanh loop. */
    static float tanh(float v) {
        float y = Math.min(Math.max(v + v, -87.3f), 88.3f);
        float big = 1f - 2f / (exp(y) + 1f);
        float vs = Math.min(Math.max(v, -0.625f), 0.625f);
        float z = vs * vs;
        float q = Math.fma(Math.fma(Math.fma(Math.fma(z, -5.70498872745e-3f, 2.06390887954e-2f), z,
                -5.37397155531e-2f), z, 1.33314422036e-1f), z, -3.33332819422e-1f);
        float small = Math.fma(q * z, vs, vs);
        float w = Math.min((0.390625f - z) * 16777216f, 1f);
        return Math.fma(small - big, w, big);
    }

    /** One lane of the loops' e^y, y already clamped: Cody-Waite reduction and Cephes' polynomial. */
    private static float exp(float y) {
        float t = Math.fma(y, 1.44269504088896341f, ROUND);
        float n = t - ROUND;
        float r = Math.fma(n, 2.12194440e-4f, Math.fma(n, -0.693359375f, y));
        float p = Math.fma(Math.fma(Math.fma(Math.fma(Math.fma(r, 1.9875691500e-4f, 1.3981999507e-3f), r,
                8.3334519073e-3f), r, 4.1665795894e-2f), r, 1.6666665459e-1f), r, 5.0000001201e-1f);
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) - ROUND_BITS + 127) << 23);
        return (Math.fma(p, r * r, r) + 1f) * scale;
    }
}
