package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.InitScheme;
import dev.rnnlab.engine.api.spec.InitSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.bptt.math.F64Kernels;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InitializerTest {

    final F64Kernels k = new F64Kernels();

    SequenceModel<double[]> model(CellSpec cell, int in, int hidden, InitSpec init, long seed) {
        SequenceModel<double[]> m = new SequenceModel<>(k, new ModelSpec(cell, hidden, 1, init), in, 1,
                TargetLayout.EVERY_STEP, LossKind.MSE);
        m.initialize(new SplittableRandom(seed));
        return m;
    }

    @Test
    void orthogonalGivesOrthonormalBlocksAndIdentityGivesI() {
        int h = 6;
        SequenceModel<double[]> m = model(new CellSpec.Lstm(), 3, h,
                new InitSpec(new InitScheme.Orthogonal(), new InitScheme.Orthogonal(), new InitScheme.Zeros()), 1);
        double[] whh = m.parameters().get(1).value();
        for (int g = 0; g < 4; g++) {
            for (int a = 0; a < h; a++) {
                for (int b = 0; b < h; b++) {
                    double dot = 0;
                    for (int r = 0; r < h; r++) {
                        dot += whh[(g * h + r) * h + a] * whh[(g * h + r) * h + b];
                    }
                    assertEquals(a == b ? 1.0 : 0.0, dot, 1e-12, "gate " + g + " Q^T Q");
                }
            }
        }
        double[] wih = m.parameters().get(0).value(); // [4H, 3]: each [6, 3] block has orthonormal columns
        double col0 = 0;
        for (int r = 0; r < h; r++) {
            col0 += wih[r * 3] * wih[r * 3];
        }
        assertEquals(1.0, col0, 1e-12);
        assertArrayEquals(new double[4 * h], m.parameters().get(2).value(), 0.0);

        SequenceModel<double[]> irnn = model(new CellSpec.Rnn(CellSpec.Nonlinearity.RELU), 2, 3,
                new InitSpec(new InitScheme.XavierUniform(), new InitScheme.Identity(), new InitScheme.Zeros()), 1);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, irnn.parameters().get(1).value(), 0.0);
    }

    @Test
    void distributionsHaveTheirScale() {
        int h = 200;
        int in = 100;
        SequenceModel<double[]> m = model(new CellSpec.Rnn(CellSpec.Nonlinearity.TANH), in, h,
                new InitSpec(new InitScheme.XavierUniform(), new InitScheme.Normal(0.001), new InitScheme.PytorchDefault()),
                3);
        double[] wih = m.parameters().get(0).value();
        double bound = Math.sqrt(6.0 / (in + h));
        double max = 0;
        double var = 0;
        for (double v : wih) {
            max = Math.max(max, Math.abs(v));
            var += v * v / wih.length;
        }
        assertTrue(max <= bound && max > 0.95 * bound, "xavier_uniform bound " + bound + ", max " + max);
        assertEquals(bound * bound / 3, var, 0.05 * bound * bound / 3, "variance of U(-a, a) is a^2/3");
        double std = Math.sqrt(java.util.Arrays.stream(m.parameters().get(1).value()).map(v -> v * v).average()
                .orElseThrow());
        assertEquals(0.001, std, 0.00005);
        double biasBound = 1 / Math.sqrt(h);
        assertTrue(java.util.Arrays.stream(m.parameters().get(2).value()).allMatch(v -> Math.abs(v) <= biasBound));
    }

    @Test
    void forgetBiasSetsTheForgetBlockOnly() {
        SequenceModel<double[]> m = model(new CellSpec.Lstm(1.0), 2, 3, InitSpec.PYTORCH, 5);
        double[] bih = m.parameters().get(2).value();
        double[] bhh = m.parameters().get(3).value();
        for (int j = 3; j < 6; j++) {
            assertEquals(1.0, bih[j]);
            assertEquals(0.0, bhh[j]);
        }
        assertTrue(Math.abs(bih[0]) > 0 && Math.abs(bih[0]) <= 1 / Math.sqrt(3));
    }

    @Test
    void theSeedFixesEveryWeight() {
        InitSpec init = new InitSpec(new InitScheme.He(), new InitScheme.Orthogonal(), new InitScheme.XavierNormal());
        SequenceModel<double[]> a = model(new CellSpec.Gru(), 3, 4, init, 9);
        SequenceModel<double[]> b = model(new CellSpec.Gru(), 3, 4, init, 9);
        SequenceModel<double[]> c = model(new CellSpec.Gru(), 3, 4, init, 10);
        for (int i = 0; i < a.parameters().size(); i++) {
            Parameter<double[]> p = a.parameters().get(i);
            assertArrayEquals(p.value(), b.parameters().get(i).value(), p.name());
        }
        assertTrue(a.parameters().get(0).value()[0] != c.parameters().get(0).value()[0]);
    }
}
