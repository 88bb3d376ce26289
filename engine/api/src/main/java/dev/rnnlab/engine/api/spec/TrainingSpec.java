package dev.rnnlab.engine.api.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * How to train: {@code steps} optimizer updates on mini-batches of {@code batchSize} sequences, at the
 * learning rate given by {@code schedule}, with
 * the validation loss evaluated before the first step and every {@code evalEvery} steps (and after the
 * last).
 */
public record TrainingSpec(
        int steps,
        int batchSize,
        int evalEvery,
        OptimizerSpec optimizer,
        ScheduleSpec schedule,
        ClippingSpec clipping) implements Serializable {

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
    }
}
