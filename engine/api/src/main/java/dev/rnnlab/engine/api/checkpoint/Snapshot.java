package dev.rnnlab.engine.api.checkpoint;

import java.util.List;

/**
 * Everything an engine needs to continue a run after {@code step} updates exactly as if it had not
 * stopped: the parameters (by PyTorch state_dict name), the optimizer's state and any recurrent state
 * carried between batches, as named tensors. The engine that made it is the only one that reads it.
 */
public record Snapshot(long step, List<Tensor> tensors) {

    public Snapshot {
        if (step < 1) {
            throw new IllegalArgumentException("a snapshot follows at least one step, got step " + step);
        }
        tensors = List.copyOf(tensors);
    }
}
