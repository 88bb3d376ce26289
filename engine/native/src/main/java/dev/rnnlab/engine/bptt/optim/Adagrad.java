package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Adagrad (Duchi, Hazan and Singer 2011) as {@code torch.optim.Adagrad} (no lr decay, accumulator
 * starting at 0):
 * <pre>
 *   g += wd p;   s += g^2;   p -= lr g / (sqrt(s) + eps)
 * </pre>
 */
final class Adagrad<A> implements Optimizer<A> {

    private final Kernels<A> k;
    private final List<Parameter<A>> params;
    private final OptimizerSpec.Adagrad spec;
    private final List<A> sums = new ArrayList<>();

    Adagrad(Kernels<A> k, List<Parameter<A>> params, OptimizerSpec.Adagrad spec) {
        this.k = k;
        this.params = params;
        this.spec = spec;
        params.forEach(p -> sums.add(k.allocate(p.size())));
    }

    @Override
    public List<Buffer<A>> state() {
        List<Buffer<A>> out = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            out.add(new Buffer<>("sum." + params.get(i).name(), sums.get(i), params.get(i).size()));
        }
        return out;
    }

    @Override
    public void step(double lr) {
        for (int i = 0; i < params.size(); i++) {
            Parameter<A> p = params.get(i);
            A s = sums.get(i);
            A value = p.value();
            for (int j = 0, n = p.size(); j < n; j++) {
                double w = k.get(value, j);
                double g = k.get(p.grad(), j) + spec.weightDecay() * w;
                k.set(s, j, k.get(s, j) + g * g);
                k.set(value, j, w - lr * g / (Math.sqrt(k.get(s, j)) + spec.eps()));
            }
        }
    }
}
