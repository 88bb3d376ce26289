package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * RMSprop (Tieleman and Hinton 2012, lecture 6e) as {@code torch.optim.RMSprop} (not centered, no
 * momentum):
 * <pre>
 *   g += wd p;   v = alpha v + (1 - alpha) g^2;   p -= lr g / (sqrt(v) + eps)
 * </pre>
 */
final class RmsProp<A> implements Optimizer<A> {

    private final Kernels<A> k;
    private final List<Parameter<A>> params;
    private final OptimizerSpec.RmsProp spec;
    private final List<A> squares = new ArrayList<>();

    RmsProp(Kernels<A> k, List<Parameter<A>> params, OptimizerSpec.RmsProp spec) {
        this.k = k;
        this.params = params;
        this.spec = spec;
        params.forEach(p -> squares.add(k.allocate(p.size())));
    }

    @Override
    public List<Buffer<A>> state() {
        List<Buffer<A>> out = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            out.add(new Buffer<>("square_avg." + params.get(i).name(), squares.get(i), params.get(i).size()));
        }
        return out;
    }

    @Override
    public void step(double lr) {
        double alpha = spec.alpha();
        for (int i = 0; i < params.size(); i++) {
            Parameter<A> p = params.get(i);
            A v = squares.get(i);
            A value = p.value();
            for (int j = 0, n = p.size(); j < n; j++) {
                double w = k.get(value, j);
                double g = k.get(p.grad(), j) + spec.weightDecay() * w;
                k.set(v, j, alpha * k.get(v, j) + (1 - alpha) * g * g);
                k.set(value, j, w - lr * g / (Math.sqrt(k.get(v, j)) + spec.eps()));
            }
        }
    }
}
