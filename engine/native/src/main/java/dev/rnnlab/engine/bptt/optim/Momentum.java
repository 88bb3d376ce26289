package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/**
 * Heavy-ball momentum (Polyak 1964) as {@code torch.optim.SGD(momentum=m, dampening=d)}:
 * <pre>
 *   g += wd p;   buf = g at the first step, else buf = m buf + (1 - d) g;   p -= lr buf
 * </pre>
 */
final class Momentum<A> extends MomentumBuffer<A> {

    private final double momentum;
    private final double dampening;

    Momentum(Kernels<A> k, List<Parameter<A>> params, OptimizerSpec.Momentum spec) {
        super(k, params, spec.weightDecay());
        this.momentum = spec.momentum();
        this.dampening = spec.dampening();
    }

    @Override
    double velocity(double buffer, double gradient) {
        return momentum * buffer + (1 - dampening) * gradient;
    }

    @Override
    double direction(double buffer, double gradient) {
        return buffer;
    }
}
