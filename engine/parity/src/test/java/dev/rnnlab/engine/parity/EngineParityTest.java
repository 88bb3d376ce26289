package dev.rnnlab.engine.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.check.GradientCase;
import dev.rnnlab.engine.api.check.GradientReport;
import dev.rnnlab.engine.api.check.TrajectorySpec;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingKind;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerKind;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.bptt.NativeEngineProvider;
import dev.rnnlab.engine.dl4j.Dl4jEngineProvider;
import dev.rnnlab.engine.shared.InitialParameters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Deeplearning4j engine against the native one in float64, from the same initial weights (the shared
 * initializer) on the same batch: loss, predictions, every gradient and (RNN cells) every layer's gradient through
 * time to 1e-9 relative, then a 20-step trajectory
 * (the loss before every step, the gradient norms before and after clipping, the final loss and final weights)
 * to 1e-8. The cases: every cell DL4J supports x depth 1-3 x head on every or the last step x MSE or
 * cross-entropy x every optimizer x every clipping mode, 1008 in all.
 */
class EngineParityTest {

    static final EngineProvider NATIVE = new NativeEngineProvider();
    static final EngineProvider DL4J = new Dl4jEngineProvider();
    static final List<CellKind> CELLS = List.of(CellKind.RNN_TANH, CellKind.RNN_RELU, CellKind.LSTM);

    /** Every cell DL4J supports x depth 1-3 x head x loss x optimizer x clipping mode: 1008 cases. */
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (CellKind cell : CELLS) {
            for (int layers = 1; layers <= 3; layers++) {
                for (TargetLayout layout : TargetLayout.values()) {
                    for (LossKind loss : LossKind.values()) {
                        for (OptimizerKind o : OptimizerKind.values()) {
                            for (ClippingKind c : ClippingKind.values()) {
                                out.add(Arguments.of(cell, layers, layout, loss, o, c));
                            }
                        }
                    }
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} x{1} {2} {3} {4} {5}")
    @MethodSource("cases")
    void theTwoEnginesAgreeOnLossGradientsAndATwentyStepTrajectory(CellKind cell, int layers, TargetLayout layout,
                                                                  LossKind loss, OptimizerKind optimizer,
                                                                  ClippingKind clipping) {
        GradientCase c = gradientCase(cell, layers, layout, loss, new TrajectorySpec(optimizer(optimizer),
                new ScheduleSpec.Constant(), clipping(clipping), 20), 11L * layers + cell.ordinal());
        GradientReport ours = DL4J.gradientChecker().orElseThrow().evaluate(c);
        GradientReport ref = NATIVE.gradientChecker().orElseThrow().evaluate(c);
        assertClose("loss", new double[] {ref.loss()}, new double[] {ours.loss()}, 1e-9);
        assertClose("predictions", ref.predictions(), ours.predictions(), 1e-9);
        ref.gradients().forEach((name, g) -> assertClose("grad " + name, g, ours.gradients().get(name), 1e-9));
        if (cell == CellKind.LSTM) {
            assertEquals(0, ours.hiddenGradNormsByLayer().size(), "not available on dl4j for lstm");
        } else {
            assertEquals(layers, ours.hiddenGradNormsByLayer().size());
            for (int l = 0; l < layers; l++) {
                assertClose("||dL/dh_t|| layer " + l, ref.hiddenGradNormsByLayer().get(l),
                        ours.hiddenGradNormsByLayer().get(l), 1e-9);
            }
        }
        GradientReport.TrajectoryReport rt = ref.trajectory();
        GradientReport.TrajectoryReport ot = ours.trajectory();
        assertClose("losses", rt.losses(), ot.losses(), 1e-8);
        assertClose("grad norm pre", rt.gradNormPre(), ot.gradNormPre(), 1e-8);
        assertClose("grad norm post", rt.gradNormPost(), ot.gradNormPost(), 1e-8);
        assertClose("final loss", new double[] {rt.finalLoss()}, new double[] {ot.finalLoss()}, 1e-8);
        rt.finalParameters().forEach((name, p) -> assertClose("final " + name, p, ot.finalParameters().get(name), 1e-8));
        assertTrue(rt.losses()[19] != rt.losses()[0], "the trajectory moved");
    }

    @Test
    void theTwoEnginesStartFromTheSameWeightsForOneSeed() {
        // A run's start: each engine draws from the shared initializer, so comparing their step-0 losses on one
        // batch compares the weights themselves.
        GradientCase c = gradientCase(CellKind.LSTM, 2, TargetLayout.EVERY_STEP, LossKind.MSE, null, 5);
        assertEquals(NATIVE.gradientChecker().orElseThrow().evaluate(c).loss(),
                DL4J.gradientChecker().orElseThrow().evaluate(c).loss(), 1e-12);
    }

    /** A batch of 3 sequences of length 6 with 2 inputs and 3 outputs, from the shared initial weights of a seed. */
    static GradientCase gradientCase(CellKind cell, int layers, TargetLayout layout, LossKind loss, TrajectorySpec t,
                                     long seed) {
        int batch = 3;
        int seqLen = 6;
        int in = 2;
        int out = 3;
        ModelSpec model = new ModelSpec(CellSpec.of(cell), 4, layers);
        Map<String, double[]> params = InitialParameters.of(model, in, out, seed);
        SplittableRandom rng = new SplittableRandom(seed + 100);
        double[] x = new double[batch * seqLen * in];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        int positions = layout == TargetLayout.EVERY_STEP ? batch * seqLen : batch;
        double[] y = new double[positions * (loss == LossKind.MSE ? out : 1)];
        for (int i = 0; i < y.length; i++) {
            y[i] = loss == LossKind.MSE ? rng.nextGaussian() : rng.nextInt(out);
        }
        return new GradientCase(model, in, out, seqLen, batch, layout, loss, params, x, y, t);
    }

    static OptimizerSpec optimizer(OptimizerKind kind) {
        return switch (kind) {
            case SGD -> new OptimizerSpec.Sgd(0.1, 0.01);
            case MOMENTUM -> new OptimizerSpec.Momentum(0.05, 0.9, 0.1, 0.01);
            case NESTEROV -> new OptimizerSpec.Nesterov(0.05, 0.9, 0.01);
            case ADAM -> new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8, 0.01);
            case ADAMW -> new OptimizerSpec.AdamW(0.01, 0.9, 0.999, 1e-8, 0.05);
            case RMSPROP -> new OptimizerSpec.RmsProp(0.01, 0.99, 1e-8, 0.01);
            case ADAGRAD -> new OptimizerSpec.Adagrad(0.05, 1e-10, 0.01);
        };
    }

    static ClippingSpec clipping(ClippingKind kind) {
        return switch (kind) {
            case NONE -> new ClippingSpec.None();
            case VALUE -> new ClippingSpec.Value(0.05);
            case NORM -> new ClippingSpec.Norm(0.1);
            case GLOBAL_NORM -> new ClippingSpec.GlobalNorm(0.2);
        };
    }

    /** max |ours - ref| / max(max |ref|, 1e-12) within {@code tolerance}, as {@code rnnlab gradcheck} measures. */
    static void assertClose(String what, double[] ref, double[] ours, double tolerance) {
        assertEquals(ref.length, ours == null ? -1 : ours.length, what + ": length");
        double diff = 0;
        double scale = 0;
        for (int i = 0; i < ref.length; i++) {
            diff = Math.max(diff, Math.abs(ours[i] - ref[i]));
            scale = Math.max(scale, Math.abs(ref[i]));
        }
        double rel = diff / Math.max(scale, 1e-12);
        assertTrue(rel <= tolerance, what + ": relative error " + rel + " > " + tolerance);
    }
}
