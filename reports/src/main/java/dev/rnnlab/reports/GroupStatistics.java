package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Pairwise comparisons between configurations, each over its seeds, in two families:
 * <ul>
 *   <li><b>divergence rates</b>, since divergence is itself a result: Fisher's exact test on diverged
 *       against finished-without-diverging runs, for every pair where at least one side diverged;</li>
 *   <li><b>final validation loss</b>, over completed runs only, for pairs with at least two each: Welch's
 *       t-test (Apache Commons Math), the exact Mann-Whitney U test ({@link MannWhitney}) and Cohen's d
 *       with the pooled standard deviation.</li>
 * </ul>
 * Holm's correction runs over each family (Fisher's p, Welch's p); a difference is called only when the
 * adjusted p is below 0.05. Every sentence names its tests and its sample sizes.
 */
final class GroupStatistics {

    static final double ALPHA = 0.05;

    /**
     * One configuration: its labels, its runs' outcome counts, how many diverged out of how many had an
     * outcome that a rate can count ({@code rated}), and its completed runs' final validation losses.
     */
    record Group(String label, String shortLabel, int n, Map<String, Integer> outcomes, int diverged, int rated,
                 double[] completed) {}

    /** A loss comparison; {@code pHolm} is Welch's p after Holm's correction over all loss pairs. */
    record Comparison(Group a, Group b, double meanA, double meanB, double pWelch, MannWhitney.Result mannWhitney,
                      double pHolm, double cohensD) {}

    /** A divergence-rate comparison; {@code pHolm} after Holm's correction over all rate pairs. */
    record RateComparison(Group a, Group b, double pFisher, double pHolm) {}

    private GroupStatistics() {}

    static List<Comparison> compare(List<Group> groups) {
        List<Group> usable = groups.stream().filter(g -> g.completed().length >= SeedGroups.MIN_COMPLETED).toList();
        List<Comparison> out = new ArrayList<>();
        TTest t = new TTest();
        for (int i = 0; i < usable.size(); i++) {
            for (int j = i + 1; j < usable.size(); j++) {
                double[] a = usable.get(i).completed();
                double[] b = usable.get(j).completed();
                double pWelch = variance(a) + variance(b) == 0 ? (mean(a) == mean(b) ? 1.0 : 0.0) : t.tTest(a, b);
                out.add(new Comparison(usable.get(i), usable.get(j), mean(a), mean(b), pWelch, MannWhitney.test(a, b),
                        Double.NaN, cohensD(a, b)));
            }
        }
        double[] adjusted = holm(out.stream().mapToDouble(Comparison::pWelch).toArray());
        List<Comparison> withHolm = new ArrayList<>();
        for (int i = 0; i < out.size(); i++) {
            Comparison c = out.get(i);
            withHolm.add(new Comparison(c.a(), c.b(), c.meanA(), c.meanB(), c.pWelch(), c.mannWhitney(), adjusted[i],
                    c.cohensD()));
        }
        return withHolm;
    }

    static List<RateComparison> divergence(List<Group> groups) {
        List<RateComparison> raw = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            for (int j = i + 1; j < groups.size(); j++) {
                Group a = groups.get(i);
                Group b = groups.get(j);
                if (a.diverged() + b.diverged() == 0 || a.rated() == 0 || b.rated() == 0) {
                    continue; // nothing diverged on either side, or a side has no run a rate can count
                }
                raw.add(new RateComparison(a, b, FisherExact.twoSided(a.diverged(), a.rated() - a.diverged(),
                        b.diverged(), b.rated() - b.diverged()), Double.NaN));
            }
        }
        double[] adjusted = holm(raw.stream().mapToDouble(RateComparison::pFisher).toArray());
        List<RateComparison> out = new ArrayList<>();
        for (int i = 0; i < raw.size(); i++) {
            out.add(new RateComparison(raw.get(i).a(), raw.get(i).b(), raw.get(i).pFisher(), adjusted[i]));
        }
        return out;
    }

    /** Holm (1979): sort p ascending, multiply the k-th smallest by (m - k), keep the running maximum, cap at 1. */
    static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(p[x], p[y]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }

    /** Cohen's d of a minus b with the pooled standard deviation (positive: a has the higher loss). */
    static double cohensD(double[] a, double[] b) {
        double pooled = Math.sqrt(((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / (a.length + b.length - 2));
        return pooled == 0 ? Double.NaN : (mean(a) - mean(b)) / pooled;
    }

    /**
     * "A beats B on final val loss (completed runs, n=3 vs 3): Welch's t p=0.003 (Holm-adjusted over 6 pairs), ..."
     * or "no clear difference ...".
     */
    static String sentence(Comparison c, int pairs) {
        boolean aBetter = c.meanA() < c.meanB();
        Group winner = aBetter ? c.a() : c.b();
        Group loser = aBetter ? c.b() : c.a();
        MannWhitney.Result u = c.mannWhitney();
        String stats = String.format(Locale.ROOT, "completed runs, n=%d vs %d: Welch's t-test %s, Mann-Whitney U=%s %s p=%s, "
                        + "Cohen's d=%s", winner.completed().length, loser.completed().length, adjusted(c.pHolm(), c.pWelch(), pairs),
                number(u.u()), u.exact() ? "exact" : "normal-approximation", p(u.p()),
                Double.isFinite(c.cohensD()) ? String.format(Locale.ROOT, "%.2f", Math.abs(c.cohensD())) : "undefined");
        return c.pHolm() < ALPHA ? winner.shortLabel() + " beats " + loser.shortLabel() + " on final val loss (" + stats + ")"
                : "no clear difference in final val loss between " + c.a().shortLabel() + " and " + c.b().shortLabel()
                        + " (" + stats + ")";
    }

    /** "A diverges more often than B (3/3 vs 0/3 runs diverged): Fisher's exact test p=..." or "no clear difference". */
    static String sentence(RateComparison c, int pairs) {
        boolean aMore = c.a().diverged() * (double) c.b().rated() > c.b().diverged() * (double) c.a().rated();
        Group more = aMore ? c.a() : c.b();
        Group less = aMore ? c.b() : c.a();
        String stats = String.format(Locale.ROOT, "%d/%d vs %d/%d runs diverged: Fisher's exact test %s", more.diverged(),
                more.rated(), less.diverged(), less.rated(), adjusted(c.pHolm(), c.pFisher(), pairs));
        return c.pHolm() < ALPHA ? more.shortLabel() + " diverges more often than " + less.shortLabel() + " (" + stats + ")"
                : "no clear difference in divergence rate between " + more.shortLabel() + " and " + less.shortLabel()
                        + " (" + stats + ")";
    }

    static void add(List<Group> groups, ObjectNode root) {
        List<RateComparison> rates = divergence(groups);
        ArrayNode rateNodes = root.putArray("divergence_comparisons");
        for (RateComparison c : rates) {
            ObjectNode n = rateNodes.addObject();
            n.put("a", c.a().label());
            n.put("b", c.b().label());
            n.put("diverged_a", c.a().diverged());
            n.put("n_a", c.a().rated());
            n.put("diverged_b", c.b().diverged());
            n.put("n_b", c.b().rated());
            n.put("p_fisher", c.pFisher());
            n.put("p_holm", c.pHolm());
            n.put("sentence", sentence(c, rates.size()));
        }
        List<Comparison> losses = compare(groups);
        ArrayNode out = root.putArray("comparisons");
        for (Comparison c : losses) {
            ObjectNode n = out.addObject();
            n.put("a", c.a().label());
            n.put("b", c.b().label());
            n.put("n_a", c.a().completed().length);
            n.put("n_b", c.b().completed().length);
            n.put("p_welch", c.pWelch());
            n.put("p_holm", c.pHolm());
            n.put("u", c.mannWhitney().u());
            n.put("p_mann_whitney", c.mannWhitney().p());
            n.put("mann_whitney_exact", c.mannWhitney().exact());
            if (Double.isFinite(c.cohensD())) {
                n.put("cohens_d", c.cohensD());
            } else {
                n.putNull("cohens_d");
            }
            n.put("sentence", sentence(c, losses.size()));
        }
    }

    /** "p=0.02" for a single pair, else "p=0.06 (Holm-adjusted over 3 pairs; unadjusted 0.02)". */
    private static String adjusted(double holm, double raw, int pairs) {
        return pairs == 1 ? "p=" + p(raw) : "p=" + p(holm) + " (Holm-adjusted over " + pairs + " pairs; unadjusted " + p(raw) + ")";
    }

    /** Three significant digits, no trailing zeros (0.1, 0.0213), scientific below 1e-4. */
    static String p(double p) {
        if (p < 1e-4) {
            return String.format(Locale.ROOT, "%.2e", p);
        }
        return new java.math.BigDecimal(p).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double variance(double[] x) {
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }
}
