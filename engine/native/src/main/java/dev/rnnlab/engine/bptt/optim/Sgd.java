package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/** Plain stochastic gradient descent, {@code p -= lr * g} ({@code torch.optim.SGD} without momentum). */
final class Sgd<A> implements Optimizer<A> {

    private final Kernels<A> k;
    private final List<Parameter<A>> params;

    Sgd(Kernels<A> k, List<Parameter<A>> params) {
        this.k = k;
        this.params = params;
    }

    @Override
    public void step(double lr) {
        for (Parameter<A> p : params) {
            k.axpy(p.size(), -lr, p.grad(), 0, p.value(), 0);
        }
    }
}
