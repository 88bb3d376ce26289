package dev.rnnlab.engine.api.spec;

import java.io.Serializable;

/**
 * What to record while training, and how often. Scalars (loss, global gradient norm before and after
 * clipping, clipping, learning rate) every {@code every} steps; the detail (per-parameter and per-layer
 * gradient and weight norms, the per-timestep {@code ||dL/dh_t||} of every layer, the spectral radius and
 * top singular value of every recurrent gate block, gate saturation) every {@code detailEvery} steps, or
 * never when it is 0. Both are also recorded at the last step. With {@code checkpoint}, the final
 * parameters are handed to the sink (the runner saves them as safetensors).
 */
public record TelemetrySpec(int every, int detailEvery, boolean checkpoint) implements Serializable {

    public static final TelemetrySpec DEFAULT = new TelemetrySpec(1, 0, true);

    public TelemetrySpec {
        if (every < 1) {
            throw new IllegalArgumentException("every must be >= 1, got " + every);
        }
        if (detailEvery < 0) {
            throw new IllegalArgumentException("detail_every must be >= 0, got " + detailEvery);
        }
    }

    public boolean scalarsAt(long step, long lastStep) {
        return step % every == 0 || step == lastStep;
    }

    public boolean detailAt(long step, long lastStep) {
        return detailEvery > 0 && (step % detailEvery == 0 || step == lastStep);
    }
}
