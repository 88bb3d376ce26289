package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.bptt.layer.Truncation;
import dev.rnnlab.engine.bptt.math.F64Kernels;
import dev.rnnlab.engine.bptt.model.ModelState;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Truncated BPTT is the exact gradient of a surrogate: the sum over windows of the loss of the window's
 * active steps, as a sequence of its own that starts from the (constant) state the full forward pass
 * reached. Checked two ways: (1) against full BPTT of those sub-sequences, each started from a carried
 * state, and (2) that sub-sequence gradient against central finite differences.
 */
class TruncatedBpttTest {

    static final int IN = 2;
    static final int HIDDEN = 3;
    static final int OUT = 3;
    static final int T = 10;
    static final int B = 2;
    final F64Kernels k = new F64Kernels();

    static Stream<Arguments> cases() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (CellKind cell : CellKind.values()) {
            for (int layers = 1; layers <= 3; layers++) {
                for (LossKind loss : LossKind.values()) {
                    b.add(Arguments.of(cell, layers, TargetLayout.EVERY_STEP, loss, 4, 3));
                    b.add(Arguments.of(cell, layers, TargetLayout.EVERY_STEP, loss, 5, 5));
                }
                b.add(Arguments.of(cell, layers, TargetLayout.LAST_STEP, LossKind.MSE, 4, 2));
            }
        }
        return b.build();
    }

    SequenceModel<double[]> model(CellKind cell, int layers, TargetLayout layout, LossKind loss, long seed) {
        SequenceModel<double[]> m = new SequenceModel<>(k, new ModelSpec(CellSpec.of(cell), HIDDEN, layers), IN, OUT,
                layout, loss);
        SplittableRandom rng = new SplittableRandom(seed);
        for (Parameter<double[]> p : m.parameters()) {
            for (int i = 0; i < p.size(); i++) {
                p.value()[i] = rng.nextDouble(-0.8, 0.8);
            }
        }
        return m;
    }

    @ParameterizedTest(name = "{0} layers={1} {2} {3} window={4} backward={5}")
    @MethodSource("cases")
    void truncatedGradientIsTheSumOfWindowGradientsFromCarriedStates(CellKind cell, int layers, TargetLayout layout,
                                                                    LossKind loss, int window, int backward) {
        SplittableRandom rng = new SplittableRandom(7);
        double[] x = rng.doubles((long) T * B * IN, -1, 1).toArray();
        int width = loss == LossKind.MSE ? OUT : 1;
        int positions = layout == TargetLayout.EVERY_STEP ? T * B : B;
        double[] y = loss == LossKind.MSE ? rng.doubles((long) positions * width, -1, 1).toArray()
                : rng.ints(positions, 0, OUT).asDoubleStream().toArray();

        SequenceModel<double[]> m = model(cell, layers, layout, loss, 11);
        m.forwardBackward(x, y, T, B, null, new Truncation(window, backward));
        List<double[]> truncated = m.parameters().stream().map(p -> p.grad().clone()).toList();

        double[][] expected = new double[m.parameters().size()][];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = new double[m.parameters().get(i).size()];
        }
        for (int end = Math.min(T, window); ; end = Math.min(T, end + window)) {
            int start = end - Math.min(backward, end - (end - 1) / window * window);
            int len = end - start;
            boolean hasTargets = layout == TargetLayout.EVERY_STEP || end == T;
            if (hasTargets) {
                ModelState<double[]> state = null;
                if (start > 0) {
                    m.forward(Arrays.copyOfRange(x, 0, start * B * IN), start, B, null);
                    state = m.finalState(B);
                }
                double[] subX = Arrays.copyOfRange(x, start * B * IN, end * B * IN);
                double[] subY = layout == TargetLayout.EVERY_STEP
                        ? Arrays.copyOfRange(y, start * B * width, end * B * width) : y;
                m.forwardBackward(subX, subY, len, B, state, Truncation.NONE);
                // The sub-sequence's loss is a mean over its own positions; the batch's over all of them.
                double scale = layout == TargetLayout.EVERY_STEP ? (double) len / T : 1.0;
                for (int i = 0; i < expected.length; i++) {
                    double[] g = m.parameters().get(i).grad();
                    for (int j = 0; j < g.length; j++) {
                        expected[i][j] += scale * g[j];
                    }
                }
                if (start > 0 && layers >= 2) {
                    checkAgainstFiniteDifferences(m, subX, subY, len, state);
                }
            }
            if (end == T) {
                break;
            }
        }
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(expected[i][j] - truncated.get(i)[j]));
                maxRef = Math.max(maxRef, Math.abs(expected[i][j]));
            }
        }
        assertTrue(maxRef > 1e-6, "non-trivial gradient");
        assertTrue(maxDiff / maxRef < 1e-12, "relative difference " + maxDiff / maxRef);
    }

    /** Full BPTT from a carried (constant) initial state against central differences. */
    private void checkAgainstFiniteDifferences(SequenceModel<double[]> m, double[] x, double[] y, int len,
                                               ModelState<double[]> state) {
        m.forwardBackward(x, y, len, B, state, Truncation.NONE);
        double maxDiff = 0;
        double maxGrad = 0;
        double h = 1e-6;
        for (Parameter<double[]> p : m.parameters()) {
            double[] analytic = p.grad().clone();
            for (int i = 0; i < p.size(); i++) {
                double saved = p.value()[i];
                p.value()[i] = saved + h;
                m.forward(x, len, B, state);
                double plus = m.lossOfLastForward(y);
                p.value()[i] = saved - h;
                m.forward(x, len, B, state);
                double minus = m.lossOfLastForward(y);
                p.value()[i] = saved;
                maxDiff = Math.max(maxDiff, Math.abs((plus - minus) / (2 * h) - analytic[i]));
                maxGrad = Math.max(maxGrad, Math.abs(analytic[i]));
            }
        }
        assertTrue(maxDiff / maxGrad < 1e-6, "finite differences from a carried state: " + maxDiff / maxGrad);
    }
}
