package dev.rnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupStatisticsTest {

    static GroupStatistics.Group completed(String label, double... values) {
        return new GroupStatistics.Group(label, label, values.length, Map.of("completed", values.length), 0,
                values.length, values);
    }

    static GroupStatistics.Group diverged(String label, int n) {
        return new GroupStatistics.Group(label, label, n, Map.of("diverged", n), n, n, new double[0]);
    }

    @Test
    void welchExactMannWhitneyAndCohensDOfKnownSamples() {
        List<GroupStatistics.Comparison> cs = GroupStatistics.compare(List.of(completed("A", 1, 2, 3),
                completed("B", 4, 5, 6), completed("single", 9)));
        assertEquals(1, cs.size(), "a configuration with one completed run takes no part");
        GroupStatistics.Comparison c = cs.get(0);
        // t = -3 / sqrt(2/3) = -3.674 with 4 degrees of freedom (Welch-Satterthwaite): two-sided p = 0.02131.
        assertEquals(0.02131, c.pWelch(), 5e-5);
        assertEquals(0.1, c.mannWhitney().p(), 1e-15, "exact: 3 against 3 cannot go below 0.1");
        assertEquals(-3.0, c.cohensD(), 1e-12);
        assertEquals(c.pWelch(), c.pHolm(), 1e-15, "one pair: nothing to correct");
        String s = GroupStatistics.sentence(c, 1);
        assertTrue(s.startsWith("A beats B on final val loss (completed runs, n=3 vs 3: Welch's t-test p=0.0213, "
                + "Mann-Whitney U=0 exact p=0.1, Cohen's d=3.00)"), s);
    }

    @Test
    void divergedRunsNeverEnterALossComparisonAndTheirRateIsTestedExactly() {
        List<GroupStatistics.Group> groups = List.of(diverged("lr=0.1, clip=none", 3), completed("lr=0.01", 1, 2, 3),
                completed("lr=0.1, clip=1", 2, 3, 4));
        assertEquals(1, GroupStatistics.compare(groups).size(), "only the two configurations that completed");
        List<GroupStatistics.RateComparison> rates = GroupStatistics.divergence(groups);
        assertEquals(2, rates.size(), "the diverged configuration against each other; the two that never diverged "
                + "are not compared on a rate of 0 against 0");
        assertEquals(0.1, rates.get(0).pFisher(), 1e-12);
        assertEquals(0.2, rates.get(0).pHolm(), 1e-12);
        assertEquals("no clear difference in divergence rate between lr=0.1, clip=none and lr=0.01 (3/3 vs 0/3 runs "
                + "diverged: Fisher's exact test p=0.2 (Holm-adjusted over 2 pairs; unadjusted 0.1))",
                GroupStatistics.sentence(rates.get(0), 2));
    }

    @Test
    void aClearDivergenceRateIsCalled() {
        List<GroupStatistics.RateComparison> rates = GroupStatistics.divergence(List.of(diverged("a", 8),
                completed("b", 1, 2, 3, 4, 5, 6, 7, 8)));
        assertEquals(2.0 / 12870, rates.get(0).pFisher(), 1e-12, "2 / C(16, 8)");
        assertTrue(GroupStatistics.sentence(rates.get(0), 1).startsWith("a diverges more often than b (8/8 vs 0/8"));
    }

    @Test
    void holmAdjustsStepDownWithARunningMaximum() {
        assertArrayEquals(new double[] {0.03, 0.06, 0.06}, GroupStatistics.holm(new double[] {0.01, 0.04, 0.03}), 1e-12);
    }
}
