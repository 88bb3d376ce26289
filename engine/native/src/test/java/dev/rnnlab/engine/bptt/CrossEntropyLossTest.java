package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnlab.engine.bptt.layer.CrossEntropyLoss;
import dev.rnnlab.engine.bptt.math.F64Kernels;
import org.junit.jupiter.api.Test;

class CrossEntropyLossTest {

    final CrossEntropyLoss<double[]> loss = new CrossEntropyLoss<>(new F64Kernels(), 3);

    @Test
    void matchesTheDefinitionWithMeanReduction() {
        double[] logits = {1, 2, 3, 0, 0, 0};
        double[] targets = {2, 0};
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        assertEquals(((lse - 3) + Math.log(3)) / 2, loss.loss(logits, targets), 1e-15);
        double[] g = loss.gradient(logits, targets);
        assertArrayEquals(new double[] {Math.exp(1 - lse) / 2, Math.exp(2 - lse) / 2, (Math.exp(3 - lse) - 1) / 2,
                (1.0 / 3 - 1) / 2, 1.0 / 6, 1.0 / 6}, g, 1e-15);
    }

    @Test
    void largeLogitsDoNotOverflow() {
        assertEquals(0.0, loss.loss(new double[] {1000, 0, 0}, new double[] {0}), 1e-12);
        assertEquals(1000.0, loss.loss(new double[] {1000, 0, 0}, new double[] {1}), 1e-9);
    }

    @Test
    void targetsMustBeClassIndices() {
        assertThrows(IllegalArgumentException.class, () -> loss.loss(new double[] {0, 0, 0}, new double[] {3}));
        assertThrows(IllegalArgumentException.class, () -> loss.loss(new double[] {0, 0, 0}, new double[] {0.5}));
    }
}
