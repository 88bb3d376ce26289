package dev.rnnlab.reports;

import org.apache.commons.math3.distribution.HypergeometricDistribution;

/**
 * Fisher's exact test on a 2 x 2 table, two-sided: the probability, under the hypergeometric distribution
 * of the table's margins, of every table at most as likely as the observed one (R's {@code fisher.test},
 * with its relative tolerance of 1e-7 for ties in probability). Used for divergence rates: rows are two
 * configurations, columns diverged and not.
 */
final class FisherExact {

    private FisherExact() {}

    /** The table {@code [[a, b], [c, d]]}. */
    static double twoSided(int a, int b, int c, int d) {
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw new IllegalArgumentException("counts must be non-negative");
        }
        int population = a + b + c + d;
        int firstColumn = a + c;
        int firstRow = a + b;
        if (population == 0) {
            return 1;
        }
        HypergeometricDistribution h = new HypergeometricDistribution(null, population, firstColumn, firstRow);
        double observed = h.probability(a);
        double p = 0;
        for (int x = h.getSupportLowerBound(); x <= h.getSupportUpperBound(); x++) {
            double px = h.probability(x);
            if (px <= observed * (1 + 1e-7)) {
                p += px;
            }
        }
        return Math.min(1, p);
    }
}
