package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * The Adam update shared by {@link Adam} and {@link AdamW}, in the order of PyTorch 1.13's
 * single-tensor path:
 * <pre>
 *   m = beta1 m + (1 - beta1) g
 *   v = beta2 v + (1 - beta2) g^2
 *   p -= (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * {@code eps} is added outside the square root, after the bias correction of {@code v}.
 */
final class AdamMoments<A> {

    private final Kernels<A> k;
    private final List<Parameter<A>> params;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final List<A> first = new ArrayList<>();
    private final List<A> second = new ArrayList<>();
    private long t;

    AdamMoments(Kernels<A> k, List<Parameter<A>> params, double beta1, double beta2, double eps) {
        this.k = k;
        this.params = params;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        for (Parameter<A> p : params) {
            first.add(k.allocate(p.size()));
            second.add(k.allocate(p.size()));
        }
    }

    List<Optimizer.Buffer<A>> state() {
        List<Optimizer.Buffer<A>> out = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Parameter<A> p = params.get(i);
            out.add(new Optimizer.Buffer<>("exp_avg." + p.name(), first.get(i), p.size()));
            out.add(new Optimizer.Buffer<>("exp_avg_sq." + p.name(), second.get(i), p.size()));
        }
        return out;
    }

    void resumeAt(long updates) {
        t = updates;
    }

    void step(double lr) {
        t++;
        double stepSize = lr / (1 - Math.pow(beta1, t));
        double correction2Sqrt = Math.sqrt(1 - Math.pow(beta2, t));
        for (int i = 0; i < params.size(); i++) {
            Parameter<A> p = params.get(i);
            A m = first.get(i);
            A v = second.get(i);
            A value = p.value();
            A grad = p.grad();
            k.elementwise(p.size(), (from, to) -> {
                for (int j = from; j < to; j++) {
                    double g = k.get(grad, j);
                    k.set(m, j, beta1 * k.get(m, j) + (1 - beta1) * g);
                    k.set(v, j, beta2 * k.get(v, j) + (1 - beta2) * g * g);
                    double denom = Math.sqrt(k.get(v, j)) / correction2Sqrt + eps;
                    k.set(value, j, k.get(value, j) - stepSize * k.get(m, j) / denom);
                }
            });
        }
    }
}
