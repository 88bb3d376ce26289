package dev.rnnlab.engine.api.data;

import dev.rnnlab.engine.api.spec.LossKind;

/**
 * A batch of {@code size} sequences of length {@code seqLen}, batch-first and row-major:
 * {@code inputs} is {@code [B, T, I]}; {@code targets} is {@code [B, T, W]} or, for
 * {@link TargetLayout#LAST_STEP}, {@code [B, W]}, where the target width W is the output size for
 * {@link LossKind#MSE} and 1 (a class index in {@code [0, O)}) for {@link LossKind#CROSS_ENTROPY}. The
 * arrays are owned by the batch; do not modify.
 */
public record Batch(int size, int seqLen, int inputSize, int outputSize, TargetLayout layout, LossKind loss,
                    float[] inputs, float[] targets) {

    public Batch {
        if (size < 1 || seqLen < 1 || inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("batch dimensions must be >= 1: B=" + size + " T=" + seqLen
                    + " I=" + inputSize + " O=" + outputSize);
        }
        if (inputs.length != size * seqLen * inputSize) {
            throw new IllegalArgumentException("inputs has " + inputs.length + " values, expected B*T*I = "
                    + size * seqLen * inputSize);
        }
        int expected = (layout == TargetLayout.EVERY_STEP ? size * seqLen : size) * targetWidth(loss, outputSize);
        if (targets.length != expected) {
            throw new IllegalArgumentException("targets has " + targets.length + " values, expected "
                    + expected + " for " + layout + " and " + loss.configName());
        }
    }

    /** Values per target position: the output size for MSE, one class index for cross-entropy. */
    public static int targetWidth(LossKind loss, int outputSize) {
        return switch (loss) {
            case MSE -> outputSize;
            case CROSS_ENTROPY -> 1;
        };
    }
}
