package dev.rnnlab.engine.bptt.param;

import dev.rnnlab.engine.bptt.math.Kernels;
import java.util.Arrays;

/**
 * A parameter tensor and its gradient, named as in PyTorch's {@code state_dict}
 * ({@code rnn.weight_ih_l0}, {@code head.bias}, ...) so weights and fixtures map one to one.
 *
 * @param shape row-major shape, e.g. {@code [G*H, I]} for {@code weight_ih}
 */
public record Parameter<A>(String name, int[] shape, A value, A grad) {

    public static <A> Parameter<A> zeros(Kernels<A> k, String name, int... shape) {
        int n = Arrays.stream(shape).reduce(1, Math::multiplyExact);
        return new Parameter<>(name, shape.clone(), k.allocate(n), k.allocate(n));
    }

    /** The number of elements; a plain loop, since the optimizers call it once per parameter per step. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }
}
