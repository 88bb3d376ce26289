package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/** Applies one update to every parameter from its (already clipped) gradient. */
public interface Optimizer<A> {

    void step(double lr);

    static <A> Optimizer<A> create(OptimizerSpec spec, Kernels<A> k, List<Parameter<A>> params) {
        if (spec instanceof OptimizerSpec.Sgd) {
            return new Sgd<>(k, params);
        }
        if (spec instanceof OptimizerSpec.Adam adam) {
            return new Adam<>(k, params, adam);
        }
        throw new IllegalArgumentException("no native optimizer for " + spec.kind().configName());
    }
}
