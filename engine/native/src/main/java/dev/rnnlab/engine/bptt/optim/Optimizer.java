package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/**
 * Applies one update to every parameter from its (already clipped) gradient, in the operation order of
 * the PyTorch 1.13 single-tensor implementation named in each class. State is kept in the run's
 * precision, as PyTorch keeps it in the parameter's dtype.
 */
public interface Optimizer<A> {

    void step(double lr);

    /** One state buffer of one parameter, named {@code <PyTorch state name>.<parameter name>}. */
    record Buffer<A>(String name, A values, int size) {}

    /** Every state buffer, for a snapshot; restoring their values and {@link #resumeAt} restores the optimizer. */
    default List<Buffer<A>> state() {
        return List.of();
    }

    /** Continue as if {@code updates} steps had been taken (Adam's bias-correction count, momentum's first step). */
    default void resumeAt(long updates) {}

    static <A> Optimizer<A> create(OptimizerSpec spec, Kernels<A> k, List<Parameter<A>> params) {
        return switch (spec.kind()) {
            case SGD -> new Sgd<>(k, params, (OptimizerSpec.Sgd) spec);
            case MOMENTUM -> new Momentum<>(k, params, (OptimizerSpec.Momentum) spec);
            case NESTEROV -> new Nesterov<>(k, params, (OptimizerSpec.Nesterov) spec);
            case ADAM -> new Adam<>(k, params, (OptimizerSpec.Adam) spec);
            case ADAMW -> new AdamW<>(k, params, (OptimizerSpec.AdamW) spec);
            case RMSPROP -> new RmsProp<>(k, params, (OptimizerSpec.RmsProp) spec);
            case ADAGRAD -> new Adagrad<>(k, params, (OptimizerSpec.Adagrad) spec);
        };
    }
}
