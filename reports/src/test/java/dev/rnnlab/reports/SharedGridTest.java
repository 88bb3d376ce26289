package dev.rnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class SharedGridTest {

    @Test
    void smallUnionsAreKeptExactlyAndMissingValuesAreNull() {
        SharedGrid.Series s = SharedGrid.build(List.of(new long[] {1, 2, 3}, new long[] {2, 4}),
                List.of(new double[] {1, 2, 3}, new double[] {5, Double.NaN}), 10, false);
        assertArrayEquals(new double[] {1, 2, 3}, s.x(), "step 4 only has NaN: not on the grid");
        assertArrayEquals(new Double[] {1.0, 2.0, 3.0}, s.ys().get(0));
        assertArrayEquals(new Double[] {null, 5.0, null}, s.ys().get(1));
    }

    @Test
    void longCurvesKeepEachBucketsMinimumAndMaximumSoSpikesSurvive() {
        long[] steps = new long[10_000];
        double[] values = new double[10_000];
        for (int i = 0; i < steps.length; i++) {
            steps[i] = i + 1;
            values[i] = 1;
        }
        values[4321] = 1e6; // a gradient spike at step 4322
        values[10] = 0.5;
        SharedGrid.Series s = SharedGrid.build(List.of(steps), List.of(values), 100, true);
        assertEquals(100, s.x().length, "50 buckets, two points each");
        assertEquals(1, s.x()[0]);
        assertEquals(200, s.x()[1]);
        assertEquals(10_000, s.x()[99]);
        assertEquals(1.0, s.ys().get(0)[0], 0.0, "in bucket 1 the maximum (step 1) came before the minimum (step 11)");
        assertEquals(0.5, s.ys().get(0)[1], 0.0);
        double max = java.util.Arrays.stream(s.ys().get(0)).mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(1e6, max, 0.0, "the spike is kept");
    }

    @Test
    void logChartsDropNonPositiveValues() {
        SharedGrid.Series s = SharedGrid.build(List.of(new long[] {1, 2}), List.of(new double[] {0.0, 1.0}), 10, true);
        assertNull(s.ys().get(0)[0]);
    }
}
