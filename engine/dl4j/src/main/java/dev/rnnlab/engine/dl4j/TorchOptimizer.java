package dev.rnnlab.engine.dl4j;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code torch.optim}'s update rules (PyTorch 1.13, single-tensor path), in float64 on state_dict tensors, for
 * every optimizer the configs name. DL4J's own updaters compute other things (its Adam puts epsilon inside the
 * bias correction, its Nesterov momentum is another formula), so the engine steps with these, which
 * {@code Dl4jParityTest}-style checks hold against the native engine. L2 weight decay is added to the
 * gradient ({@code g + wd p}) except for AdamW, whose decay is decoupled ({@code p *= 1 - lr wd}).
 */
final class TorchOptimizer {

    private final OptimizerSpec spec;
    private final Map<String, double[]> first = new HashMap<>();
    private final Map<String, double[]> second = new HashMap<>();
    private long steps;

    TorchOptimizer(OptimizerSpec spec) {
        this.spec = spec;
    }

    /** One update of every parameter at learning rate {@code lr} from its (clipped) gradient. */
    void step(Map<String, double[]> params, Map<String, double[]> grads, double lr) {
        steps++;
        for (Map.Entry<String, double[]> e : params.entrySet()) {
            double[] p = e.getValue();
            double[] g = grads.get(e.getKey()).clone();
            if (!(spec instanceof OptimizerSpec.AdamW) && spec.weightDecay() != 0) {
                for (int i = 0; i < g.length; i++) {
                    g[i] += spec.weightDecay() * p[i];
                }
            }
            update(e.getKey(), p, g, lr);
        }
    }

    private void update(String name, double[] p, double[] g, double lr) {
        int n = p.length;
        switch (spec.kind()) {
            case SGD -> {
                for (int i = 0; i < n; i++) {
                    p[i] -= lr * g[i];
                }
            }
            case MOMENTUM -> {
                OptimizerSpec.Momentum m = (OptimizerSpec.Momentum) spec;
                double[] buf = momentum(name, g, m.momentum(), m.dampening());
                for (int i = 0; i < n; i++) {
                    p[i] -= lr * buf[i];
                }
            }
            case NESTEROV -> {
                OptimizerSpec.Nesterov m = (OptimizerSpec.Nesterov) spec;
                double[] buf = momentum(name, g, m.momentum(), 0);
                for (int i = 0; i < n; i++) {
                    p[i] -= lr * (g[i] + m.momentum() * buf[i]);
                }
            }
            case ADAM -> {
                OptimizerSpec.Adam a = (OptimizerSpec.Adam) spec;
                adam(name, p, g, lr, a.beta1(), a.beta2(), a.eps());
            }
            case ADAMW -> {
                OptimizerSpec.AdamW a = (OptimizerSpec.AdamW) spec;
                for (int i = 0; i < n; i++) {
                    p[i] *= 1 - lr * a.weightDecay();
                }
                adam(name, p, g, lr, a.beta1(), a.beta2(), a.eps());
            }
            case RMSPROP -> {
                OptimizerSpec.RmsProp r = (OptimizerSpec.RmsProp) spec;
                double[] v = second.computeIfAbsent(name, k -> new double[n]);
                for (int i = 0; i < n; i++) {
                    v[i] = r.alpha() * v[i] + (1 - r.alpha()) * g[i] * g[i];
                    p[i] -= lr * g[i] / (Math.sqrt(v[i]) + r.eps());
                }
            }
            case ADAGRAD -> {
                OptimizerSpec.Adagrad a = (OptimizerSpec.Adagrad) spec;
                double[] sum = second.computeIfAbsent(name, k -> new double[n]);
                for (int i = 0; i < n; i++) {
                    sum[i] += g[i] * g[i];
                    p[i] -= lr * g[i] / (Math.sqrt(sum[i]) + a.eps());
                }
            }
        }
    }

    /** {@code buf = g} at the first step, then {@code buf = m buf + (1 - dampening) g}. */
    private double[] momentum(String name, double[] g, double m, double dampening) {
        double[] buf = first.get(name);
        if (buf == null) {
            buf = g.clone();
            first.put(name, buf);
            return buf;
        }
        for (int i = 0; i < g.length; i++) {
            buf[i] = m * buf[i] + (1 - dampening) * g[i];
        }
        return buf;
    }

    /** Bias-corrected moments, epsilon outside the square root: {@code p -= lr/bc1 m / (sqrt(v)/sqrt(bc2) + eps)}. */
    private void adam(String name, double[] p, double[] g, double lr, double beta1, double beta2, double eps) {
        int n = p.length;
        double[] m = first.computeIfAbsent(name, k -> new double[n]);
        double[] v = second.computeIfAbsent(name, k -> new double[n]);
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
        double stepSize = lr / bc1;
        for (int i = 0; i < n; i++) {
            m[i] = beta1 * m[i] + (1 - beta1) * g[i];
            v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
            p[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / bc2Sqrt + eps);
        }
    }
}
