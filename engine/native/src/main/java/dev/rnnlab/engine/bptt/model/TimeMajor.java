package dev.rnnlab.engine.bptt.model;

import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.bptt.math.Kernels;

/** Converts batch-first {@code [B, T, *]} arrays to the engine's time-major {@code [T, B, *]}, and back. */
public final class TimeMajor {

    private TimeMajor() {}

    public static <A> A inputs(Kernels<A> k, Batch b) {
        return k.fromDoubles(transpose(toDoubles(b.inputs()), b.size(), b.seqLen(), b.inputSize()));
    }

    public static <A> A targets(Kernels<A> k, Batch b) {
        double[] t = toDoubles(b.targets());
        return k.fromDoubles(b.layout() == TargetLayout.EVERY_STEP
                ? transpose(t, b.size(), b.seqLen(), Batch.targetWidth(b.loss(), b.outputSize())) : t);
    }

    /** {@code [d0, d1, w] -> [d1, d0, w]}: swaps the two leading axes of a row-major array. */
    public static double[] transpose(double[] src, int d0, int d1, int width) {
        double[] out = new double[src.length];
        for (int i = 0; i < d0; i++) {
            for (int j = 0; j < d1; j++) {
                System.arraycopy(src, (i * d1 + j) * width, out, (j * d0 + i) * width, width);
            }
        }
        return out;
    }

    private static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
