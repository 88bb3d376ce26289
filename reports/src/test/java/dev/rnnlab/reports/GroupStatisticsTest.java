package dev.rnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class GroupStatisticsTest {

    @Test
    void welchMannWhitneyAndCohensDOfKnownSamples() {
        List<GroupStatistics.Comparison> cs = GroupStatistics.compare(List.of(
                new GroupStatistics.Group("A", new double[] {1, 2, 3}),
                new GroupStatistics.Group("B", new double[] {4, 5, 6}),
                new GroupStatistics.Group("single", new double[] {9})));
        assertEquals(1, cs.size(), "a configuration with one result takes no part");
        GroupStatistics.Comparison c = cs.get(0);
        // t = -3 / sqrt(2/3) = -3.674 with 4 degrees of freedom (Welch-Satterthwaite): two-sided p = 0.02131.
        assertEquals(0.02131, c.pWelch(), 5e-5);
        // U = 0 with n = m = 3, normal approximation: z = -4.5 / sqrt(5.25), p = 0.0495.
        assertEquals(0.0495, c.pMannWhitney(), 5e-4);
        assertEquals(-3.0, c.cohensD(), 1e-12);
        assertEquals(c.pWelch(), c.pHolm(), 1e-15, "one pair: nothing to correct");
        assertTrue(GroupStatistics.sentence(c).startsWith("A beats B on final val loss: p=0.0213"),
                GroupStatistics.sentence(c));
    }

    @Test
    void holmAdjustsStepDownWithARunningMaximum() {
        List<GroupStatistics.Comparison> raw = List.of(comparison(0.01), comparison(0.04), comparison(0.03));
        List<Double> adjusted = GroupStatistics.holm(raw).stream().map(GroupStatistics.Comparison::pHolm).toList();
        assertEquals(0.03, adjusted.get(0), 1e-12);
        assertEquals(0.06, adjusted.get(1), 1e-12);
        assertEquals(0.06, adjusted.get(2), 1e-12);
    }

    private static GroupStatistics.Comparison comparison(double p) {
        return new GroupStatistics.Comparison("a", "b", 0, 1, p, p, Double.NaN, 1);
    }
}
