package dev.rnnlab.engine.bptt.bench;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.math.F32Kernels;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.optim.Optimizer;
import dev.rnnlab.engine.shared.Rate;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One training iteration exactly as {@code torch_bench.py} defines it: forward over T steps, a linear
 * head (H to I) on every step, MSE, full BPTT, an Adam(lr = 0.01) step; float32; batches of sine
 * next-step prediction from a pool made up front. FLOPs counted as the script counts them (GEMMs only):
 * forward per step 2 B G H (I + H), training 3x forward.
 */
public final class Throughput implements AutoCloseable {

    /** The presets of the performance issue: I, H, B, T. */
    public enum Preset {
        A(1, 16, 1, 50), B(32, 128, 32, 100), C(32, 512, 64, 50);

        public final int input;
        public final int hidden;
        public final int batch;
        public final int seq;

        Preset(int input, int hidden, int batch, int seq) {
            this.input = input;
            this.hidden = hidden;
            this.batch = batch;
            this.seq = seq;
        }
    }

    /** A measured configuration, printable in the shared bench line format. */
    public record Result(CellKind cell, int input, int hidden, int batch, int seq, int threads, double itersPerSecond) {

        public double gflops() {
            return itersPerSecond * flopsPerIteration(cell, input, hidden, batch, seq) / 1e9;
        }

        public String line() {
            return String.format(Locale.ROOT, "cell=%s I=%d H=%d B=%d T=%d threads=%d engine=native iters_per_s=%.2f gflops=%.2f",
                    cell.configName(), input, hidden, batch, seq, threads, itersPerSecond, gflops());
        }
    }

    private final F32Kernels kernels;
    private final SequenceModel<float[]> model;
    private final Optimizer<float[]> optimizer;
    private final float[][] inputs;
    private final float[][] targets;
    private final CellKind cell;
    private final int input;
    private final int hidden;
    private final int seq;
    private final int batch;
    private int next;

    /** A model and data for one configuration, its kernels on {@code threads} threads. */
    public Throughput(CellKind cell, int input, int hidden, int batch, int seq, int threads) {
        F32Kernels k = new F32Kernels(threads);
        this.kernels = k;
        this.cell = cell;
        this.input = input;
        this.hidden = hidden;
        this.seq = seq;
        this.batch = batch;
        model = new SequenceModel<>(k, new ModelSpec(CellSpec.of(cell), hidden, 1), input, input,
                TargetLayout.EVERY_STEP, LossKind.MSE);
        model.initialize(new SplittableRandom(0));
        optimizer = Optimizer.create(OptimizerSpec.Adam.withDefaults(0.01), k, model.parameters());
        SplittableRandom rng = new SplittableRandom(1);
        inputs = new float[16][];
        targets = new float[16][];
        for (int n = 0; n < 16; n++) {
            inputs[n] = new float[seq * batch * input];
            targets[n] = new float[seq * batch * input];
            for (int b = 0; b < batch; b++) {
                double phase = rng.nextDouble() * 2 * Math.PI;
                for (int t = 0; t < seq; t++) {
                    for (int i = 0; i < input; i++) {
                        double f = 1 + 0.1 * i;
                        inputs[n][(t * batch + b) * input + i] = (float) Math.sin(phase + f * t * 0.1);
                        targets[n][(t * batch + b) * input + i] = (float) Math.sin(phase + f * (t + 1) * 0.1);
                    }
                }
            }
        }
    }

    /** One training iteration; returns the loss (so the work cannot be optimised away). */
    public double iteration() {
        int n = next++ % inputs.length;
        double loss = model.forwardBackward(inputs[n], targets[n], seq, batch);
        optimizer.step(0.01);
        return loss;
    }

    /** 3 warm-up iterations, then {@code reps} windows of about {@code seconds}; the median window's rate. */
    public static Result measure(CellKind cell, int input, int hidden, int batch, int seq, int threads, double seconds,
                                 int reps) {
        try (Throughput t = new Throughput(cell, input, hidden, batch, seq, threads)) {
            return t.measure(seconds, reps);
        }
    }

    private Result measure(double seconds, int reps) {
        return new Result(cell, input, hidden, batch, seq, kernels.threads(), Rate.median(this::iteration, seconds, reps));
    }

    /** Stops the kernels' worker threads. */
    @Override
    public void close() {
        kernels.close();
    }

    public static double flopsPerIteration(CellKind cell, int input, int hidden, int batch, int seq) {
        return 3.0 * seq * 2.0 * batch * cell.gates() * hidden * (double) (input + hidden);
    }
}
