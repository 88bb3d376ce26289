package dev.rnnlab.engine.api.data;

import dev.rnnlab.engine.api.spec.LossKind;

/**
 * A deterministic source of training and validation batches for one run.
 *
 * <p>{@link #trainBatch(long)} is a pure function of the step index, so a resumed or re-executed run
 * sees exactly the batches it saw before.
 */
public interface SequenceData {

    int inputSize();

    int outputSize();

    int seqLen();

    TargetLayout layout();

    /** The loss the targets call for: MSE for real targets, cross-entropy for class indices. */
    LossKind loss();

    /** The batch for optimizer step {@code step} (0-based), of the configured batch size. */
    Batch trainBatch(long step);

    /** The whole validation split as one batch. */
    Batch validation();

    /** The whole test split as one batch, evaluated once after training; null when the data has none. */
    default Batch test() {
        return null;
    }
}
