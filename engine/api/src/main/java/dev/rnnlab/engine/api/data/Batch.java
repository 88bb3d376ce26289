package dev.rnnlab.engine.api.data;

/**
 * A batch of {@code size} sequences of length {@code seqLen}, batch-first and row-major:
 * {@code inputs} is {@code [B, T, I]}; {@code targets} is {@code [B, T, O]} or, for
 * {@link TargetLayout#LAST_STEP}, {@code [B, O]}. The arrays are owned by the batch; do not modify.
 */
public record Batch(int size, int seqLen, int inputSize, int outputSize, TargetLayout layout,
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
        int expected = layout == TargetLayout.EVERY_STEP ? size * seqLen * outputSize : size * outputSize;
        if (targets.length != expected) {
            throw new IllegalArgumentException("targets has " + targets.length + " values, expected "
                    + expected + " for " + layout);
        }
    }
}
