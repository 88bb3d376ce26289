package dev.rnnlab.engine.api.check;

import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import java.util.Objects;

/** {@code steps} optimizer updates on the case's batch, each after clipping. */
public record TrajectorySpec(OptimizerSpec optimizer, ScheduleSpec schedule, ClippingSpec clipping, int steps) {

    public TrajectorySpec {
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(clipping, "clipping");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be >= 1");
        }
    }
}
