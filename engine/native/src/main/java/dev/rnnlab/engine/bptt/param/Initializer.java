package dev.rnnlab.engine.bptt.param;

import dev.rnnlab.engine.bptt.math.Kernels;
import java.util.SplittableRandom;

/**
 * Weight initialisation. {@code pytorchDefault} is what {@code nn.RNN}/{@code nn.LSTM}/{@code nn.GRU}
 * do for every parameter, and what {@code nn.Linear} amounts to for both weight and bias
 * (kaiming_uniform with a = sqrt(5) reduces to the same bound): U(-1/sqrt(fan), 1/sqrt(fan)).
 */
public final class Initializer {

    private Initializer() {}

    public static <A> void uniform(Kernels<A> k, Parameter<A> p, double bound, SplittableRandom rng) {
        A v = p.value();
        for (int i = 0; i < p.size(); i++) {
            k.set(v, i, (2 * rng.nextDouble() - 1) * bound);
        }
    }

    public static <A> void pytorchDefault(Kernels<A> k, Parameter<A> p, int fan, SplittableRandom rng) {
        uniform(k, p, 1.0 / Math.sqrt(fan), rng);
    }
}
