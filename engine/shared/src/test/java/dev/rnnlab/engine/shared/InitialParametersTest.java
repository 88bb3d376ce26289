package dev.rnnlab.engine.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rnnlab.engine.api.checkpoint.StateDict;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.InitScheme;
import dev.rnnlab.engine.api.spec.InitSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InitialParametersTest {

    @Test
    void theStateDictLayoutFromOneSeed() {
        ModelSpec spec = new ModelSpec(new CellSpec.Gru(), 4, 2);
        Map<String, double[]> a = InitialParameters.of(spec, 3, 2, 7);
        Map<String, int[]> shapes = StateDict.shapes(spec, 3, 2);
        assertEquals(shapes.keySet(), a.keySet());
        shapes.forEach((name, shape) -> assertEquals(java.util.Arrays.stream(shape).reduce(1, (x, y) -> x * y),
                a.get(name).length, name));
        Map<String, double[]> b = InitialParameters.of(spec, 3, 2, 7);
        a.forEach((name, v) -> assertArrayEquals(v, b.get(name), 0.0, "the same seed, the same bits: " + name));
        assertFalse(java.util.Arrays.equals(a.get("rnn.weight_ih_l0"), InitialParameters.of(spec, 3, 2, 8)
                .get("rnn.weight_ih_l0")), "another seed");
        for (double v : a.get("rnn.weight_hh_l1")) {
            assertEquals(true, Math.abs(v) <= 0.5, "PyTorch's default: U(-1/sqrt(4), 1/sqrt(4))");
        }
    }

    @Test
    void anLstmForgetBiasAndIdentityBlocks() {
        ModelSpec spec = new ModelSpec(new CellSpec.Lstm(1.0), 3, 1, new InitSpec(new InitScheme.PytorchDefault(),
                new InitScheme.Identity(), new InitScheme.Zeros()));
        Map<String, double[]> p = InitialParameters.of(spec, 2, 1, 1);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0}, p.get("rnn.bias_ih_l0"), 0.0, "[i, f, g, o]");
        assertArrayEquals(new double[12], p.get("rnn.bias_hh_l0"), 0.0);
        double[] whh = p.get("rnn.weight_hh_l0");
        for (int g = 0; g < 4; g++) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    assertEquals(r == c ? 1.0 : 0.0, whh[(g * 3 + r) * 3 + c], "every gate block the identity");
                }
            }
        }
    }
}
