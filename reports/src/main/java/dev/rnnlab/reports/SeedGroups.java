package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Runs that differ only by {@code seed} are repeats of one configuration. Each group gets its outcome
 * counts ("3/3 diverged"), and, over its completed runs only, the mean final validation loss with a 95%
 * confidence interval (Student's t, n - 1 degrees of freedom), min and max. A configuration with fewer than
 * two completed runs gets no mean: one value, or the last finite values of runs that diverged, are not an
 * estimate of anything.
 */
final class SeedGroups {

    static final String SEED = "seed";
    /** Completed runs a configuration needs before it gets a mean and an interval. */
    static final int MIN_COMPLETED = 2;

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
        Map<String, List<RunData>> byLabel = new LinkedHashMap<>();
        for (RunData r : sweep.runs()) {
            byLabel.computeIfAbsent(label(r), k -> new ArrayList<>()).add(r);
        }
        List<String> configAxes = sweep.axes().stream().filter(a -> !a.equals(SEED)).toList();
        List<String> varying = Labels.varying(configAxes,
                byLabel.values().stream().map(g -> g.get(0).swept()).toList());
        Map<String, String> names = Labels.axisNames(sweep.axes());
        root.put("hasRepeats", byLabel.values().stream().anyMatch(g -> g.size() > 1) && sweep.axes().contains(SEED));
        ArrayNode out = root.putArray("groups");
        List<GroupStatistics.Group> groups = new ArrayList<>();
        for (Map.Entry<String, List<RunData>> e : byLabel.entrySet()) {
            List<RunData> runs = e.getValue();
            Map<String, Integer> outcomes = new LinkedHashMap<>();
            List<Double> finals = new ArrayList<>();
            int diverged = 0;
            int rated = 0;
            for (RunData r : runs) {
                outcomes.merge(r.outcome(), 1, Integer::sum);
                if (r.outcome().equals("completed") && r.finalValLoss() != null) {
                    finals.add(r.finalValLoss());
                }
                if (r.diverged()) {
                    diverged++;
                }
                if (r.diverged() || r.finishedWithoutDiverging()) {
                    rated++;
                }
            }
            GroupStatistics.Group g = new GroupStatistics.Group(e.getKey(),
                    Labels.of(runs.get(0).swept(), varying, names, "(all runs)"), runs.size(), outcomes, diverged, rated,
                    finals.stream().mapToDouble(Double::doubleValue).toArray());
            groups.add(g);
            ObjectNode node = out.addObject();
            node.put("label", g.label());
            node.put("short", g.shortLabel());
            ArrayNode ids = node.putArray("runs");
            runs.forEach(r -> ids.add(r.id()));
            node.put("n", runs.size());
            ObjectNode counts = node.putObject("outcomes");
            outcomes.forEach(counts::put);
            node.put("outcome_text", outcomeText(outcomes, runs.size()));
            node.put("n_completed", g.completed().length);
            Stats s = finals.size() >= MIN_COMPLETED ? Stats.of(finals) : Stats.NONE;
            putOrNull(node, "mean", s.mean);
            putOrNull(node, "ci95", s.halfWidth);
            putOrNull(node, "min", s.min);
            putOrNull(node, "max", s.max);
        }
        GroupStatistics.add(groups, root);
    }

    /** "3/3 diverged" or "2/3 completed, 1/3 diverged", completed first. */
    static String outcomeText(Map<String, Integer> outcomes, int n) {
        List<String> parts = new ArrayList<>();
        if (outcomes.containsKey("completed")) {
            parts.add(outcomes.get("completed") + "/" + n + " completed");
        }
        outcomes.forEach((k, v) -> {
            if (!k.equals("completed")) {
                parts.add(v + "/" + n + " " + k);
            }
        });
        return String.join(", ", parts);
    }

    private static void putOrNull(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, ReportData.round(v));
        } else {
            node.putNull(key);
        }
    }

    /** Mean, 95% half-width, min, max of at least two finite values. */
    record Stats(double mean, double halfWidth, double min, double max) {

        static final Stats NONE = new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

        static Stats of(List<Double> xs) {
            double mean = xs.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double min = xs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = xs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            double ss = 0;
            for (double x : xs) {
                ss += (x - mean) * (x - mean);
            }
            double se = Math.sqrt(ss / (xs.size() - 1)) / Math.sqrt(xs.size());
            double t = new TDistribution(null, xs.size() - 1).inverseCumulativeProbability(0.975);
            return new Stats(mean, t * se, min, max);
        }
    }
}
