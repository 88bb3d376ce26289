package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.bptt.math.F64Kernels;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Central finite differences of the full BPTT loss against the analytic gradient of every parameter
 * entry, in float64, for every cell x depth 1-3 x both heads (every step, last step) x both losses.
 */
class FiniteDifferenceTest {

    static final double H = 1e-6;
    static final double TOLERANCE = 1e-6;

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (CellKind cell : CellKind.values()) {
            for (int layers = 1; layers <= 3; layers++) {
                for (TargetLayout layout : TargetLayout.values()) {
                    for (LossKind loss : LossKind.values()) {
                        b.add(Arguments.of(cell, layers, layout, loss));
                    }
                }
            }
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0} layers={1} {2} {3}")
    @MethodSource("cases")
    void analyticGradientEqualsCentralDifferences(CellKind cell, int layers, TargetLayout layout, LossKind loss) {
        F64Kernels k = new F64Kernels();
        int in = 2;
        int hidden = 3;
        int out = 2;
        int seqLen = 5;
        int batch = 2;
        SequenceModel<double[]> model = new SequenceModel<>(k, new ModelSpec(CellSpec.of(cell), hidden, layers),
                in, out, layout, loss);
        SplittableRandom rng = new SplittableRandom(42 + layers);
        // Larger than default weights, so the recurrent path matters and ReLU units are not all dead.
        for (Parameter<double[]> p : model.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value()[i] = rng.nextDouble(-0.9, 0.9);
            }
        }
        double[] x = rng.doubles((long) seqLen * batch * in, -1, 1).toArray();
        int positions = (layout == TargetLayout.EVERY_STEP ? seqLen : 1) * batch;
        double[] y = loss == LossKind.MSE ? rng.doubles((long) positions * out, -1, 1).toArray()
                : rng.ints(positions, 0, out).asDoubleStream().toArray();
        model.forwardBackward(x, y, seqLen, batch);

        double maxDiff = 0;
        double maxGrad = 0;
        for (Parameter<double[]> p : model.parameters()) {
            double[] analytic = p.grad().clone();
            for (int i = 0; i < p.size(); i++) {
                double saved = p.value()[i];
                p.value()[i] = saved + H;
                double plus = model.loss(x, y, seqLen, batch);
                p.value()[i] = saved - H;
                double minus = model.loss(x, y, seqLen, batch);
                p.value()[i] = saved;
                double numeric = (plus - minus) / (2 * H);
                maxDiff = Math.max(maxDiff, Math.abs(numeric - analytic[i]));
                maxGrad = Math.max(maxGrad, Math.abs(analytic[i]));
            }
        }
        assertTrue(maxGrad > 1e-4, "gradients should not all vanish in this set-up, max " + maxGrad);
        double rel = maxDiff / maxGrad;
        assertTrue(rel < TOLERANCE, "max |fd - analytic| / max |analytic| = " + rel);
    }
}
