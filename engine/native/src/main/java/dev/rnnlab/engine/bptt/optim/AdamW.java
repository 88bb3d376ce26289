package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/**
 * AdamW (Loshchilov and Hutter 2019) as {@code torch.optim.AdamW}: the weights decay first,
 * {@code p *= 1 - lr * wd}, then the plain Adam update of {@link AdamMoments}.
 */
final class AdamW<A> implements Optimizer<A> {

    private final Kernels<A> k;
    private final List<Parameter<A>> params;
    private final OptimizerSpec.AdamW spec;
    private final AdamMoments<A> moments;

    AdamW(Kernels<A> k, List<Parameter<A>> params, OptimizerSpec.AdamW spec) {
        this.k = k;
        this.params = params;
        this.spec = spec;
        this.moments = new AdamMoments<>(k, params, spec.beta1(), spec.beta2(), spec.eps());
    }

    @Override
    public List<Buffer<A>> state() {
        return moments.state();
    }

    @Override
    public void resumeAt(long updates) {
        moments.resumeAt(updates);
    }

    @Override
    public void step(double lr) {
        for (Parameter<A> p : params) {
            k.scale(p.value(), 1 - lr * spec.weightDecay());
        }
        moments.step(lr);
    }
}
