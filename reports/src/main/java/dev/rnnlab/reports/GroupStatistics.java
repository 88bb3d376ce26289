package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.math3.stat.inference.MannWhitneyUTest;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * Pairwise comparisons of the final validation loss between configurations, each over its seeds:
 * Welch's t-test and the Mann-Whitney U test (Apache Commons Math), Holm's correction over all pairs,
 * and Cohen's d with the pooled standard deviation, stated plainly ("A beats B: p=..., d=...").
 * Only configurations with at least two finite results take part.
 */
final class GroupStatistics {

    /** One configuration's finite final validation losses. */
    record Group(String label, double[] values) {}

    /** One pair's result; {@code pHolm} is Welch's p after Holm's correction. */
    record Comparison(String a, String b, double meanA, double meanB, double pWelch, double pMannWhitney,
                      double pHolm, double cohensD) {}

    private GroupStatistics() {}

    static List<Comparison> compare(List<Group> groups) {
        List<Group> usable = groups.stream().filter(g -> g.values().length >= 2).toList();
        List<Comparison> out = new ArrayList<>();
        TTest t = new TTest();
        MannWhitneyUTest u = new MannWhitneyUTest();
        for (int i = 0; i < usable.size(); i++) {
            for (int j = i + 1; j < usable.size(); j++) {
                Group a = usable.get(i);
                Group b = usable.get(j);
                double pWelch = variance(a.values()) + variance(b.values()) == 0
                        ? (mean(a.values()) == mean(b.values()) ? 1.0 : 0.0) : t.tTest(a.values(), b.values());
                double pU = u.mannWhitneyUTest(a.values(), b.values());
                out.add(new Comparison(a.label(), b.label(), mean(a.values()), mean(b.values()), pWelch, pU, Double.NaN,
                        cohensD(a.values(), b.values())));
            }
        }
        return holm(out);
    }

    /** Holm (1979): sort p ascending, multiply the k-th smallest by (m - k), keep the running maximum, cap at 1. */
    static List<Comparison> holm(List<Comparison> cs) {
        int m = cs.size();
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (x, y) -> Double.compare(cs.get(x).pWelch(), cs.get(y).pWelch()));
        double[] adjusted = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * cs.get(order[k]).pWelch()));
            adjusted[order[k]] = running;
        }
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            Comparison c = cs.get(i);
            out.add(new Comparison(c.a(), c.b(), c.meanA(), c.meanB(), c.pWelch(), c.pMannWhitney(), adjusted[i],
                    c.cohensD()));
        }
        return out;
    }

    /** Cohen's d of a minus b with the pooled standard deviation (positive: a has the higher loss). */
    static double cohensD(double[] a, double[] b) {
        double pooled = Math.sqrt(((a.length - 1) * variance(a) + (b.length - 1) * variance(b)) / (a.length + b.length - 2));
        return pooled == 0 ? Double.NaN : (mean(a) - mean(b)) / pooled;
    }

    /** "A beats B (lower final val loss): p=0.003 (Welch, Holm-adjusted), d=1.4" or "no clear difference". */
    static String sentence(Comparison c) {
        boolean aBetter = c.meanA() < c.meanB();
        String winner = aBetter ? c.a() : c.b();
        String loser = aBetter ? c.b() : c.a();
        String stats = String.format(Locale.ROOT, "p=%.3g (Welch, Holm-adjusted; Mann-Whitney p=%.3g), d=%.2f", c.pHolm(),
                c.pMannWhitney(), Math.abs(c.cohensD()));
        return c.pHolm() < 0.05 ? winner + " beats " + loser + " on final val loss: " + stats
                : "no clear difference between " + c.a() + " and " + c.b() + ": " + stats;
    }

    static void add(List<Group> groups, ObjectNode root) {
        ArrayNode out = root.putArray("comparisons");
        for (Comparison c : compare(groups)) {
            ObjectNode n = out.addObject();
            n.put("a", c.a());
            n.put("b", c.b());
            n.put("p_welch", c.pWelch());
            n.put("p_mann_whitney", c.pMannWhitney());
            n.put("p_holm", c.pHolm());
            if (Double.isFinite(c.cohensD())) {
                n.put("cohens_d", c.cohensD());
            } else {
                n.putNull("cohens_d");
            }
            n.put("sentence", sentence(c));
        }
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
