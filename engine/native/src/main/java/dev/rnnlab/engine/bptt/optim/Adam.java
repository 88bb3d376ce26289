package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/**
 * Adam (Kingma and Ba 2015, Algorithm 1) as {@code torch.optim.Adam}, with L2 weight decay added to
 * the gradient ({@code g += wd p}) before the moments; see {@link AdamMoments} for the update.
 */
final class Adam<A> implements Optimizer<A> {

    private final Kernels<A> k;
    private final List<Parameter<A>> params;
    private final OptimizerSpec.Adam spec;
    private final AdamMoments<A> moments;

    Adam(Kernels<A> k, List<Parameter<A>> params, OptimizerSpec.Adam spec) {
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
        if (spec.weightDecay() != 0) {
            for (Parameter<A> p : params) {
                k.axpy(p.size(), spec.weightDecay(), p.value(), 0, p.grad(), 0);
            }
        }
        moments.step(lr);
    }
}
