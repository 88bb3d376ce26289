package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1) in the operation order of {@code torch.optim.Adam} (1.13,
 * single-tensor path):
 * <pre>
 *   m = beta1 m + (1 - beta1) g
 *   v = beta2 v + (1 - beta2) g^2
 *   p -= (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * Note {@code eps} is added outside the square root, after the bias correction of {@code v}.
 */
final class Adam<A> implements Optimizer<A> {

    private final Kernels<A> k;
    private final List<Parameter<A>> params;
    private final OptimizerSpec.Adam spec;
    private final List<A> firstMoments = new ArrayList<>();
    private final List<A> secondMoments = new ArrayList<>();
    private long t;

    Adam(Kernels<A> k, List<Parameter<A>> params, OptimizerSpec.Adam spec) {
        this.k = k;
        this.params = params;
        this.spec = spec;
        for (Parameter<A> p : params) {
            firstMoments.add(k.allocate(p.size()));
            secondMoments.add(k.allocate(p.size()));
        }
    }

    @Override
    public void step(double lr) {
        t++;
        double b1 = spec.beta1();
        double b2 = spec.beta2();
        double stepSize = lr / (1 - Math.pow(b1, t));
        double correction2Sqrt = Math.sqrt(1 - Math.pow(b2, t));
        for (int i = 0; i < params.size(); i++) {
            Parameter<A> p = params.get(i);
            A m = firstMoments.get(i);
            A v = secondMoments.get(i);
            A value = p.value();
            A grad = p.grad();
            for (int j = 0; j < p.size(); j++) {
                double g = k.get(grad, j);
                double mj = b1 * k.get(m, j) + (1 - b1) * g;
                double vj = b2 * k.get(v, j) + (1 - b2) * g * g;
                k.set(m, j, mj);
                k.set(v, j, vj);
                double denom = Math.sqrt(k.get(v, j)) / correction2Sqrt + spec.eps();
                k.set(value, j, k.get(value, j) - stepSize * k.get(m, j) / denom);
            }
        }
    }
}
