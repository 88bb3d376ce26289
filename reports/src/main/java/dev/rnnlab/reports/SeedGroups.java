package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Runs that differ only by {@code seed} are repeats of one configuration. Each group gets its number of
 * runs and the mean of its final validation losses with a 95% confidence interval (Student's t with
 * n - 1 degrees of freedom), plus min and max; runs without a finite final loss count as missing.
 */
final class SeedGroups {

    static final String SEED = "seed";

    private SeedGroups() {}

    /** The group label of a run: its swept values other than the seed. */
    static String label(RunData r) {
        List<String> parts = new ArrayList<>();
        r.swept().forEach((k, v) -> {
            if (!k.equals(SEED)) {
                parts.add(k + "=" + v);
            }
        });
        return parts.isEmpty() ? "(all runs)" : String.join(", ", parts);
    }

    static void add(SweepReader.Sweep sweep, ObjectNode root) {
        Map<String, List<RunData>> groups = new LinkedHashMap<>();
        for (RunData r : sweep.runs()) {
            groups.computeIfAbsent(label(r), k -> new ArrayList<>()).add(r);
        }
        ArrayNode out = root.putArray("groups");
        List<GroupStatistics.Group> forStats = new ArrayList<>();
        boolean anyRepeated = groups.values().stream().anyMatch(g -> g.size() > 1);
        root.put("hasRepeats", anyRepeated && sweep.axes().contains(SEED));
        for (Map.Entry<String, List<RunData>> g : groups.entrySet()) {
            ObjectNode node = out.addObject();
            node.put("label", g.getKey());
            ArrayNode ids = node.putArray("runs");
            List<Double> finals = new ArrayList<>();
            for (RunData r : g.getValue()) {
                ids.add(r.id());
                if (r.summary() != null && r.summary().path("final_val_loss").isNumber()) {
                    finals.add(r.summary().path("final_val_loss").asDouble());
                }
            }
            node.put("n", g.getValue().size());
            node.put("finite", finals.size());
            forStats.add(new GroupStatistics.Group(g.getKey(), finals.stream().mapToDouble(Double::doubleValue).toArray()));
            Stats s = Stats.of(finals);
            putOrNull(node, "mean", s.mean);
            putOrNull(node, "ci95", s.halfWidth);
            putOrNull(node, "min", s.min);
            putOrNull(node, "max", s.max);
        }
        GroupStatistics.add(forStats, root);
    }

    private static void putOrNull(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, ReportData.round(v));
        } else {
            node.putNull(key);
        }
    }

    /** Mean, 95% half-width (NaN below two values), min, max of finite values. */
    record Stats(double mean, double halfWidth, double min, double max) {
        static Stats of(List<Double> xs) {
            if (xs.isEmpty()) {
                return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
            }
            double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double min = xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            if (xs.size() < 2) {
                return new Stats(mean, Double.NaN, min, max);
            }
            double ss = 0;
            for (double x : xs) {
                ss += (x - mean) * (x - mean);
            }
            double se = Math.sqrt(ss / (xs.size() - 1)) / Math.sqrt(xs.size());
            double t = new TDistribution(xs.size() - 1).inverseCumulativeProbability(0.975);
            return new Stats(mean, t * se, min, max);
        }
    }
}
