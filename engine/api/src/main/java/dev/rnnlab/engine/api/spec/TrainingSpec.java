package dev.rnnlab.engine.api.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * How to train: {@code steps} optimizer updates on mini-batches of {@code batchSize} sequences, at the
 * learning rate given by {@code schedule}, with gradients through time as {@code bptt} says, with
 * the validation loss evaluated before the first step and every {@code evalEvery} steps (and after the
 * last). When {@code stateful}, each batch starts from the final hidden state of the previous batch,
 * detached (no gradient flows between batches), as the classic sine example keeps {@code hidden_prev};
 * validation always starts from zero states.
 */
public record TrainingSpec(
        int steps,
        int batchSize,
        int evalEvery,
        OptimizerSpec optimizer,
        ScheduleSpec schedule,
        ClippingSpec clipping,
        BpttSpec bptt,
        boolean stateful) implements Serializable {

    public TrainingSpec {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1, got " + steps);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be >= 1, got " + batchSize);
        }
        if (evalEvery < 1) {
            throw new IllegalArgumentException("eval_every must be >= 1, got " + evalEvery);
        }
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(clipping, "clipping");
        Objects.requireNonNull(bptt, "bptt");
    }

    /** Full BPTT, not stateful. */
    public TrainingSpec(int steps, int batchSize, int evalEvery, OptimizerSpec optimizer, ScheduleSpec schedule,
                        ClippingSpec clipping) {
        this(steps, batchSize, evalEvery, optimizer, schedule, clipping, new BpttSpec.Full(), false);
    }
}
