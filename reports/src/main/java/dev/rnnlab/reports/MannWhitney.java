package dev.rnnlab.reports;

import java.util.Arrays;

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum), two-sided. For small samples it is exact: the null
 * distribution of the rank sum is counted over every way of choosing {@code a}'s positions among the
 * pooled ranks, ties given their mid-ranks (the conditional distribution given the ties, as a full
 * permutation test gives it). The count runs on doubled ranks, which are integers, as a subset-sum
 * table of {@code n_a x sum} cells, so it stays exact well beyond 20 per side. Only when that table would
 * be too large does it fall back to the normal approximation with the tie and continuity corrections,
 * and {@link Result#exact()} says so.
 *
 * <p>Two-sided p = min(1, 2 min(P(W <= w), P(W >= w))), as R's {@code wilcox.test} and SciPy's
 * {@code mannwhitneyu(method="exact")} define it. With 3 against 3 distinct values the smallest possible p
 * is 2 / C(6, 3) = 0.1.
 */
final class MannWhitney {

    /**
     * Above this many table updates (n_a x N x the largest doubled sum; up to 49 per side stays below), the
     * normal approximation is used: a few hundredths of a second per comparison at the limit.
     */
    static final long EXACT_LIMIT = 50_000_000L;

    /** {@code u}: U of the first sample (pairs (x, y) with x > y, ties counting one half). */
    record Result(double u, double p, boolean exact) {}

    private MannWhitney() {}

    static Result test(double[] a, double[] b) {
        int na = a.length;
        int nb = b.length;
        int n = na + nb;
        if (na == 0 || nb == 0) {
            throw new IllegalArgumentException("both samples need at least one value");
        }
        double[] pooled = new double[n];
        System.arraycopy(a, 0, pooled, 0, na);
        System.arraycopy(b, 0, pooled, na, nb);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(pooled[x], pooled[y]));
        int[] doubledRank = new int[n]; // 2 x mid-rank: (first + last) of the tie block, ranks from 1
        double tieTerm = 0; // sum of t^3 - t over tie blocks
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && pooled[order[j + 1]] == pooled[order[i]]) {
                j++;
            }
            for (int k = i; k <= j; k++) {
                doubledRank[order[k]] = (i + 1) + (j + 1);
            }
            double t = j - i + 1;
            tieTerm += t * t * t - t;
            i = j + 1;
        }
        long observed = 0;
        for (int i = 0; i < na; i++) {
            observed += doubledRank[i];
        }
        double u = observed / 2.0 - na * (na + 1) / 2.0;
        long maxSum = (long) n * (n + 1);
        if ((long) na * n * maxSum <= EXACT_LIMIT) {
            return new Result(u, exactP(doubledRank, na, observed, (int) maxSum), true);
        }
        return new Result(u, normalP(u, na, nb, tieTerm), false);
    }

    /**
     * ways[k][s]: the number of k-subsets of the ranks seen so far whose doubled ranks sum to s (as doubles:
     * C(N, n_a) stays exact up to 2^53 and accurate far beyond). Then P(W <= w) and P(W >= w) are sums of
     * its last row.
     */
    private static double exactP(int[] doubledRank, int na, long observed, int maxSum) {
        double[][] ways = new double[na + 1][maxSum + 1];
        ways[0][0] = 1;
        int reach = 0;
        for (int i = 0; i < doubledRank.length; i++) {
            int r = doubledRank[i];
            reach += r;
            for (int k = Math.min(i + 1, na); k >= 1; k--) {
                double[] to = ways[k];
                double[] from = ways[k - 1];
                for (int s = Math.min(reach, maxSum); s >= r; s--) {
                    to[s] += from[s - r];
                }
            }
        }
        double total = 0;
        double below = 0;
        double above = 0;
        for (int s = 0; s <= maxSum; s++) {
            double w = ways[na][s];
            total += w;
            if (s <= observed) {
                below += w;
            }
            if (s >= observed) {
                above += w;
            }
        }
        return Math.min(1, 2 * Math.min(below, above) / total);
    }

    /** Normal approximation with the tie correction of the variance and a continuity correction of 1/2. */
    private static double normalP(double u, int na, int nb, double tieTerm) {
        double n = na + nb;
        double mean = na * (double) nb / 2;
        double variance = na * (double) nb / 12 * ((n + 1) - tieTerm / (n * (n - 1)));
        if (variance <= 0) {
            return 1;
        }
        double z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        if (z <= 0) {
            return 1;
        }
        return Math.min(1, 2 * new org.apache.commons.math3.distribution.NormalDistribution().cumulativeProbability(-z));
    }
}
