package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Heavy-ball momentum (Polyak 1964) as {@code torch.optim.SGD(momentum=m, dampening=d)}:
 * <pre>
 *   g += wd p;   buf = g at the first step, else buf = m buf + (1 - d) g;   p -= lr buf
 * </pre>
 */
final class Momentum<A> implements Optimizer<A> {

    private final Kernels<A> k;
    private final List<Parameter<A>> params;
    private final OptimizerSpec.Momentum spec;
    private final List<A> buffers = new ArrayList<>();
    private boolean first = true;

    Momentum(Kernels<A> k, List<Parameter<A>> params, OptimizerSpec.Momentum spec) {
        this.k = k;
        this.params = params;
        this.spec = spec;
        params.forEach(p -> buffers.add(k.allocate(p.size())));
    }

    @Override
    public void step(double lr) {
        double m = spec.momentum();
        for (int i = 0; i < params.size(); i++) {
            Parameter<A> p = params.get(i);
            A buf = buffers.get(i);
            A value = p.value();
            for (int j = 0; j < p.size(); j++) {
                double w = k.get(value, j);
                double g = k.get(p.grad(), j) + spec.weightDecay() * w;
                k.set(buf, j, first ? g : m * k.get(buf, j) + (1 - spec.dampening()) * g);
                k.set(value, j, w - lr * k.get(buf, j));
            }
        }
        first = false;
    }
}
