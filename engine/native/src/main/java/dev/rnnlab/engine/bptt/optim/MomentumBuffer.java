package dev.rnnlab.engine.bptt.optim;

import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code torch.optim.SGD} with momentum shares between its heavy-ball and Nesterov forms: L2 decay
 * into the gradient, a velocity buffer that starts as the first gradient, and a step whose direction the
 * subclass chooses.
 */
abstract class MomentumBuffer<A> implements Optimizer<A> {

    private final Kernels<A> k;
    private final List<Parameter<A>> params;
    private final double weightDecay;
    private final List<A> buffers = new ArrayList<>();
    private boolean first = true;

    MomentumBuffer(Kernels<A> k, List<Parameter<A>> params, double weightDecay) {
        this.k = k;
        this.params = params;
        this.weightDecay = weightDecay;
        params.forEach(p -> buffers.add(k.allocate(p.size())));
    }

    /** The new velocity from the old one and the (decayed) gradient; not called at the first step. */
    abstract double velocity(double buffer, double gradient);

    /** The direction {@code p} moves against, scaled by lr. */
    abstract double direction(double buffer, double gradient);

    @Override
    public final List<Buffer<A>> state() {
        List<Buffer<A>> out = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            out.add(new Buffer<>("momentum_buffer." + params.get(i).name(), buffers.get(i), params.get(i).size()));
        }
        return out;
    }

    @Override
    public final void resumeAt(long updates) {
        first = updates == 0;
    }

    @Override
    public final void step(double lr) {
        for (int i = 0; i < params.size(); i++) {
            Parameter<A> p = params.get(i);
            A buf = buffers.get(i);
            A value = p.value();
            for (int j = 0, n = p.size(); j < n; j++) {
                double w = k.get(value, j);
                double g = k.get(p.grad(), j) + weightDecay * w;
                k.set(buf, j, first ? g : velocity(k.get(buf, j), g));
                k.set(value, j, w - lr * direction(k.get(buf, j), g));
            }
        }
        first = false;
    }
}
