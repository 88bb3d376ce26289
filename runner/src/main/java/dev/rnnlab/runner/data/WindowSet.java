package dev.rnnlab.runner.data;

import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.LossKind;

/**
 * {@code count} generated sequences, stored batch-first: inputs {@code [N, T, I]}, targets
 * {@code [N, T, W]} or {@code [N, W]} (W per {@link Batch#targetWidth}).
 */
record WindowSet(int count, int seqLen, int inputSize, int outputSize, TargetLayout layout, LossKind loss,
                 float[] inputs, float[] targets) {

    int targetWidth() {
        int width = Batch.targetWidth(loss, outputSize);
        return layout == TargetLayout.EVERY_STEP ? seqLen * width : width;
    }

    /** The sequences at {@code indices}, in that order, as one batch. */
    Batch gather(int[] indices) {
        int in = seqLen * inputSize;
        int out = targetWidth();
        float[] x = new float[indices.length * in];
        float[] y = new float[indices.length * out];
        for (int b = 0; b < indices.length; b++) {
            System.arraycopy(inputs, indices[b] * in, x, b * in, in);
            System.arraycopy(targets, indices[b] * out, y, b * out, out);
        }
        return new Batch(indices.length, seqLen, inputSize, outputSize, layout, loss, x, y);
    }

    Batch all() {
        return new Batch(count, seqLen, inputSize, outputSize, layout, loss, inputs, targets);
    }
}
