package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/** Plain SGD, {@code torch.optim.SGD(lr, weight_decay)}: {@code g += wd p; p -= lr g}. */
final class Sgd<A> implements Optimizer<A> {

    private final Kernels<A> k;
    private final List<Parameter<A>> params;
    private final double weightDecay;

    Sgd(Kernels<A> k, List<Parameter<A>> params, OptimizerSpec.Sgd spec) {
        this.k = k;
        this.params = params;
        this.weightDecay = spec.weightDecay();
    }

    @Override
    public void step(double lr) {
        for (Parameter<A> p : params) {
            A value = p.value();
            A grad = p.grad();
            for (int j = 0, n = p.size(); j < n; j++) {
                double w = k.get(value, j);
                k.set(value, j, w - lr * (k.get(grad, j) + weightDecay * w));
            }
        }
    }
}
