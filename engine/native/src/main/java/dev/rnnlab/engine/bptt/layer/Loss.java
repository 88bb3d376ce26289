package dev.rnnlab.engine.bptt.layer;

import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.bptt.math.Kernels;

/**
 * A loss over the head's outputs ({@code [rows, O]}) and the targets ({@code [rows, W]}, W per
 * {@link dev.rnnlab.engine.api.data.Batch#targetWidth}); reduction {@code mean} as in PyTorch.
 */
public interface Loss<A> {

    double loss(A predictions, A targets);

    /** dL/dpredictions for the same arguments; the array is reused between calls. */
    A gradient(A predictions, A targets);

    static <A> Loss<A> of(LossKind kind, Kernels<A> k, int outputSize) {
        return switch (kind) {
            case MSE -> new MseLoss<>(k);
            case CROSS_ENTROPY -> new CrossEntropyLoss<>(k, outputSize);
        };
    }
}
