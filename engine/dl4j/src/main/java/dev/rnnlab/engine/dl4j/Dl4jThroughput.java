package dev.rnnlab.engine.dl4j;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.shared.InitialParameters;
import dev.rnnlab.engine.shared.Rate;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Training throughput of the Deeplearning4j engine, in the line format of {@code shared/bench/torch_bench.py}
 * and the native engine's benchmark: one iteration is what a training step of this engine costs (parameters
 * into the network, DL4J's forward and BPTT, the Adam update), float32, a head on every step, MSE, on sine
 * windows with {@code I} outputs. ND4J runs on the OpenMP threads the environment gives it (bin/rnnlab: 1).
 */
public final class Dl4jThroughput {

    private final Dl4jNetwork net;
    private final Map<String, double[]> params;
    private final TorchOptimizer optimizer = new TorchOptimizer(OptimizerSpec.Adam.withDefaults(0.01));
    private final double[][] inputs;
    private final double[][] targets;
    private final int batch;
    private int next;

    private Dl4jThroughput(CellKind cell, int input, int hidden, int batch, int seq) {
        Nd4jRuntime.load();
        ModelSpec model = new ModelSpec(CellSpec.of(cell), hidden, 1);
        this.net = new Dl4jNetwork(model, input, input, seq, TargetLayout.EVERY_STEP, LossKind.MSE, Precision.FLOAT32);
        this.params = InitialParameters.of(model, input, input, 0);
        this.batch = batch;
        SplittableRandom rng = new SplittableRandom(1);
        inputs = new double[4][batch * seq * input];
        targets = new double[4][batch * seq * input];
        for (int n = 0; n < 4; n++) {
            for (int b = 0; b < batch; b++) {
                double phase = rng.nextDouble() * 2 * Math.PI;
                for (int t = 0; t < seq; t++) {
                    for (int i = 0; i < input; i++) {
                        double f = 1 + 0.1 * i;
                        inputs[n][(b * seq + t) * input + i] = Math.sin(phase + f * t * 0.1);
                        targets[n][(b * seq + t) * input + i] = Math.sin(phase + f * (t + 1) * 0.1);
                    }
                }
            }
        }
    }

    private double iteration() {
        int n = next++ % inputs.length;
        net.setParameters(params);
        Dl4jNetwork.Result r = net.forwardBackward(inputs[n], targets[n], batch);
        optimizer.step(params, r.gradients(), 0.01);
        return r.loss();
    }

    /** 3 warm-up iterations, then {@code reps} windows of about {@code seconds}; the median window's line. */
    public static String measure(CellKind cell, int input, int hidden, int batch, int seq, double seconds, int reps) {
        Dl4jThroughput t = new Dl4jThroughput(cell, input, hidden, batch, seq);
        double rate = Rate.median(t::iteration, seconds, reps);
        double flops = 3.0 * seq * 2.0 * batch * cell.gates() * hidden * (double) (input + hidden);
        return String.format(Locale.ROOT, "cell=%s I=%d H=%d B=%d T=%d threads=%s engine=dl4j iters_per_s=%.2f gflops=%.2f",
                cell.configName(), input, hidden, batch, seq, System.getenv().getOrDefault("OMP_NUM_THREADS", "omp-default"),
                rate, rate * flops / 1e9);
    }
}
