package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/**
 * Nesterov momentum (Sutskever et al. 2013) as {@code torch.optim.SGD(momentum=m, nesterov=True)}:
 * <pre>
 *   g += wd p;   buf = g at the first step, else buf = m buf + g;   p -= lr (g + m buf)
 * </pre>
 */
final class Nesterov<A> extends MomentumBuffer<A> {

    private final double momentum;

    Nesterov(Kernels<A> k, List<Parameter<A>> params, OptimizerSpec.Nesterov spec) {
        super(k, params, spec.weightDecay());
        this.momentum = spec.momentum();
    }

    @Override
    double velocity(double buffer, double gradient) {
        return momentum * buffer + gradient;
    }

    @Override
    double direction(double buffer, double gradient) {
        return gradient + momentum * buffer;
    }
}
