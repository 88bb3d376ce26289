package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.bptt.math.F64Kernels;
import dev.rnnlab.engine.bptt.optim.Clipping;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scope of each clipping mode: element, parameter tensor, all tensors together. */
class ClippingTest {

    final F64Kernels k = new F64Kernels();

    List<Parameter<double[]>> grads(double[] a, double[] b) {
        Parameter<double[]> p = Parameter.zeros(k, "a", a.length);
        Parameter<double[]> q = Parameter.zeros(k, "b", b.length);
        System.arraycopy(a, 0, p.grad(), 0, a.length);
        System.arraycopy(b, 0, q.grad(), 0, b.length);
        return List.of(p, q);
    }

    @Test
    void normClipsEachParameterOnItsOwn() {
        List<Parameter<double[]>> g = grads(new double[] {3, 4}, new double[] {0.3, 0.4}); // norms 5 and 0.5
        assertTrue(Clipping.apply(new ClippingSpec.Norm(1.0), k, g, Clipping.globalNorm(k, g)));
        double scale = 1.0 / (5 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, 4 * scale}, g.get(0).grad(), 1e-15);
        assertArrayEquals(new double[] {0.3, 0.4}, g.get(1).grad(), 0.0, "under the threshold: untouched");
    }

    @Test
    void globalNormScalesAllTogetherAsClipGradNorm() {
        List<Parameter<double[]>> g = grads(new double[] {3, 4}, new double[] {0, 12}); // global norm 13
        double norm = Clipping.globalNorm(k, g);
        assertEquals(13, norm, 1e-15);
        assertTrue(Clipping.apply(new ClippingSpec.GlobalNorm(1.0), k, g, norm));
        double scale = 1.0 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, 4 * scale}, g.get(0).grad(), 1e-15);
        assertArrayEquals(new double[] {0, 12 * scale}, g.get(1).grad(), 1e-15);
        assertFalse(Clipping.apply(new ClippingSpec.GlobalNorm(20.0), k, g, Clipping.globalNorm(k, g)));
    }

    @Test
    void valueClampsEachElement() {
        List<Parameter<double[]>> g = grads(new double[] {-3, 0.5}, new double[] {2, -0.1});
        assertTrue(Clipping.apply(new ClippingSpec.Value(1.0), k, g, Clipping.globalNorm(k, g)));
        assertArrayEquals(new double[] {-1, 0.5}, g.get(0).grad(), 0.0);
        assertArrayEquals(new double[] {1, -0.1}, g.get(1).grad(), 0.0);
    }

    @Test
    void anOverflowedNormIsNotFinite() {
        List<Parameter<double[]>> g = grads(new double[] {1e200, 1e200}, new double[] {1});
        assertEquals(Double.POSITIVE_INFINITY, Clipping.globalNorm(k, g),
                "the trainer sees this before clipping and stops the run as diverged");
    }
}
