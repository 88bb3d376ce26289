package dev.rnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    @Test
    void threeAgainstThreeCannotGoBelowOneTenth() {
        MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3}, new double[] {4, 5, 6});
        assertEquals(0, r.u());
        assertEquals(0.1, r.p(), 1e-15, "2 / C(6, 3): R's wilcox.test gives 0.1");
        assertTrue(r.exact());
        assertEquals(0.0495, new MannWhitneyUTest().mannWhitneyUTest(new double[] {1, 2, 3}, new double[] {4, 5, 6}),
                5e-4, "the normal approximation Commons Math gives, which the report printed before");
    }

    @Test
    void smallSamplesMatchTheCountedDistribution() {
        // n = 4 + 4, U = 0: 2 / C(8, 4) = 2/70. n = 5 + 5, U = 2: 2 (1 + 1 + 2) / C(10, 5) = 8/252.
        assertEquals(2.0 / 70, MannWhitney.test(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}).p(), 1e-15);
        MannWhitney.Result r = MannWhitney.test(new double[] {1, 2, 3, 4, 7}, new double[] {5, 6, 8, 9, 10});
        assertEquals(2, r.u());
        assertEquals(8.0 / 252, r.p(), 1e-15);
        assertEquals(1.0, MannWhitney.test(new double[] {1, 4}, new double[] {2, 3}).p(), 1e-15, "U at its mean");
    }

    @Test
    void withTiesItEqualsAFullPermutationTest() {
        Random rng = new Random(7);
        int[][] sizes = {{4, 5}, {6, 6}, {7, 3}, {2, 9}, {8, 8}};
        for (int[] size : sizes) {
            for (int trial = 0; trial < 5; trial++) {
                double[] a = new double[size[0]];
                double[] b = new double[size[1]];
                for (int i = 0; i < a.length; i++) {
                    a[i] = rng.nextInt(5); // few distinct values: many ties
                }
                for (int i = 0; i < b.length; i++) {
                    b[i] = rng.nextInt(5) + (trial % 2);
                }
                assertEquals(permutationP(a, b), MannWhitney.test(a, b).p(), 1e-12,
                        java.util.Arrays.toString(a) + " vs " + java.util.Arrays.toString(b));
            }
        }
    }

    @Test
    void exactToTwentyPerSideAndBeyondThenTheNormalApproximation() {
        Random rng = new Random(3);
        double[] a = new double[20];
        double[] b = new double[20];
        for (int i = 0; i < 20; i++) {
            a[i] = rng.nextGaussian();
            b[i] = rng.nextGaussian() + 0.8;
        }
        MannWhitney.Result r = MannWhitney.test(a, b);
        assertTrue(r.exact());
        assertEquals(new MannWhitneyUTest().mannWhitneyUTest(a, b), r.p(), 0.01, "close to the approximation at n = 20");
        double[] big = new double[300];
        double[] other = new double[300];
        for (int i = 0; i < 300; i++) {
            big[i] = rng.nextGaussian();
            other[i] = rng.nextGaussian();
        }
        MannWhitney.Result large = MannWhitney.test(big, other);
        assertFalse(large.exact());
        assertEquals(new MannWhitneyUTest().mannWhitneyUTest(big, other), large.p(), 0.005);
    }

    /** Two-sided p by enumerating every choice of a's positions among the pooled values (mid-ranks for ties). */
    private static double permutationP(double[] a, double[] b) {
        int n = a.length + b.length;
        double[] pooled = new double[n];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        double[] rank = new double[n];
        for (int i = 0; i < n; i++) {
            double less = 0;
            double equal = 0;
            for (int j = 0; j < n; j++) {
                less += pooled[j] < pooled[i] ? 1 : 0;
                equal += pooled[j] == pooled[i] ? 1 : 0;
            }
            rank[i] = less + (equal + 1) / 2;
        }
        double observed = 0;
        for (int i = 0; i < a.length; i++) {
            observed += rank[i];
        }
        long below = 0;
        long above = 0;
        long total = 0;
        for (int mask = 0; mask < (1 << n); mask++) {
            if (Integer.bitCount(mask) != a.length) {
                continue;
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if ((mask & (1 << i)) != 0) {
                    sum += rank[i];
                }
            }
            total++;
            below += sum <= observed + 1e-9 ? 1 : 0;
            above += sum >= observed - 1e-9 ? 1 : 0;
        }
        return Math.min(1, 2.0 * Math.min(below, above) / total);
    }
}
