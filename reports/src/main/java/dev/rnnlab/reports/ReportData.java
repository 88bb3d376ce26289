package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data island of a report: the sweep, one row per run for the table, and each chart's curves on a
 * shared x grid. This is the whole contract between the Java side and {@code report.js}.
 */
final class ReportData {

    /** Points per curve with few runs; uPlot draws 1000s of points per series without trouble. */
    static final int MAX_POINTS = 1000;
    /**
     * Values per chart over all runs: with many runs each curve gets fewer points (at least
     * {@link #MIN_POINTS}), so 1,000 runs x 10,000 steps stays under about 10 MB.
     */
    static final int VALUES_PER_CHART = 250_000;
    static final int MIN_POINTS = 100;

    static int pointsPerCurve(int runs) {
        return Math.max(MIN_POINTS, Math.min(MAX_POINTS, VALUES_PER_CHART / Math.max(1, runs)));
    }

    /** A chart: metrics.csv column, title, whether its y axis is logarithmic. */
    record Chart(String column, String title, boolean log) {}

    static final List<Chart> CHARTS = List.of(
            new Chart("train_loss", "Training loss", true),
            new Chart("val_loss", "Validation loss", true),
            new Chart("grad_norm_pre", "Gradient norm before clipping (global L2)", true),
            new Chart("grad_norm_post", "Gradient norm after clipping (global L2)", true));

    private ReportData() {}

    static ObjectNode build(SweepReader.Sweep sweep) {
        ObjectNode root = HtmlSafeJson.MAPPER.createObjectNode();
        root.put("format", 1);
        root.put("sweep", sweep.name());
        root.put("source", sweep.source());
        ArrayNode axes = root.putArray("axes");
        sweep.axes().forEach(axes::add);
        Map<String, String> axisNames = Labels.axisNames(sweep.axes());
        ObjectNode names = root.putObject("axisNames");
        axisNames.forEach(names::put);
        ObjectNode shortValues = root.putObject("shortValues");
        for (String a : sweep.axes()) {
            ObjectNode values = shortValues.putObject(a);
            sweep.runs().forEach(r -> values.put(r.swept().getOrDefault(a, ""), Labels.value(r.swept().getOrDefault(a, ""))));
        }
        List<String> varying = Labels.varying(sweep.axes(), sweep.runs().stream().map(RunData::swept).toList());
        Map<String, Integer> counts = new TreeMap<>();
        ArrayNode runs = root.putArray("runs");
        for (RunData r : sweep.runs()) {
            counts.merge(r.outcome(), 1, Integer::sum);
            ObjectNode row = runs.addObject();
            row.put("id", r.id());
            row.put("index", r.index());
            row.put("outcome", r.outcome());
            row.put("group", SeedGroups.label(r));
            row.put("short", Labels.of(r.swept(), varying, axisNames, r.id()));
            ObjectNode swept = row.putObject("swept");
            r.swept().forEach(swept::put);
            JsonNode s = r.summary();
            putOrNull(row, "final_train_loss", r.finalLoss("final_train_loss"));
            putOrNull(row, "final_val_loss", r.finalValLoss());
            putOrNull(row, "best_val_loss", r.bestValLoss());
            putOrNull(row, "test_loss", r.finalLoss("test_loss"));
            if (r.bestValLoss() == null) {
                row.putNull("best_val_step");
            } else {
                copyNumber(s, "best_val_step", row);
            }
            copyNumber(s, "steps_done", row);
            copyNumber(s, "wall_time_s", row);
            row.put("detail", s == null ? "no summary.json: the run has not finished" : s.path("detail").asText(""));
            if (s != null && s.path("provenance").path("time_profile").isTextual()) {
                // The engine does not record the gradient through time: say so rather than draw nothing.
                row.put("time_profile_unavailable", s.path("provenance").path("time_profile").asText());
            }
            putFinite(row, "best_train_loss", min(r.metrics().column("train_loss")));
            putFinite(row, "fraction_clipped", mean(r.metrics().column("clipped")));
            if (r.files().clipThreshold() != null) {
                row.put("clip_threshold", r.files().clipThreshold());
            }
            lastFinite(r, row);
            if (r.files() != null && r.files().dir() != null) {
                try {
                    Predictions.add(r.files().dir(), row);
                    Predictions.addRollout(r.files().dir(), row);
                } catch (java.io.IOException e) {
                    row.put("warning", "predictions.csv could not be read: " + e.getMessage());
                }
            }
            GradientThroughTime.add(r, row, sweep.runs().size() <= GradientThroughTime.MAX_RUNS_WITH_HEATMAP);
            ObjectNode detail = row.putObject("files");
            detail.put("config", r.files().config());
            detail.put("provenance", r.files().provenance());
            detail.put("log_tail", r.files().logTail());
            if (r.metrics().skippedLines() > 0) {
                row.put("warning", r.metrics().skippedLines() + " unreadable line(s) in metrics.csv were skipped");
            }
        }
        ArrayNode older = root.putArray("older");
        for (SweepReader.Older o : sweep.older()) {
            ObjectNode row = older.addObject();
            row.put("id", o.run().id());
            row.put("plan", o.plan());
            row.put("outcome", o.run().outcome());
            ObjectNode swept = row.putObject("swept");
            o.run().swept().forEach(swept::put);
            putOrNull(row, "final_val_loss", o.run().finalValLoss());
            putOrNull(row, "best_val_loss", o.run().bestValLoss());
        }
        SeedGroups.add(sweep, root);
        stepsToTarget(sweep, runs, root);
        ObjectNode countNode = root.putObject("counts");
        counts.forEach(countNode::put);
        ArrayNode charts = root.putArray("charts");
        for (Chart c : CHARTS) {
            List<long[]> steps = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            for (RunData r : sweep.runs()) {
                steps.add(r.metrics().steps());
                values.add(r.metrics().column(c.column()));
            }
            addChart(charts, c.column(), c.title(), "step", c.log(), steps, values);
        }
        DetailCharts.add(sweep, charts);
        return root;
    }

    /** One chart of every run's curve on a shared x grid; nothing when no run has a value. */
    static ObjectNode addChart(ArrayNode charts, String column, String title, String xLabel, boolean log, List<long[]> xs,
                               List<double[]> values) {
        SharedGrid.Series series = SharedGrid.build(xs, values, pointsPerCurve(xs.size()), log);
        ObjectNode chart = charts.addObject();
        chart.put("column", column);
        chart.put("title", title);
        chart.put("xLabel", xLabel);
        chart.put("log", log);
        ArrayNode x = chart.putArray("x");
        for (double v : series.x()) {
            if (v == Math.rint(v)) {
                x.add((long) v);
            } else {
                x.add(v);
            }
        }
        ArrayNode ys = chart.putArray("ys");
        for (Double[] y : series.ys()) {
            ArrayNode arr = ys.addArray();
            for (Double v : y) {
                if (v == null) {
                    arr.addNull();
                } else {
                    arr.add(round(v));
                }
            }
        }
        return chart;
    }

    /**
     * Steps to target: the first evaluation at which a run's validation loss is at most 1.5 x the best
     * validation loss of the whole sweep (so the fastest good runs stand out); null when never.
     */
    private static void stepsToTarget(SweepReader.Sweep sweep, ArrayNode rows, ObjectNode root) {
        double best = Double.POSITIVE_INFINITY;
        for (RunData r : sweep.runs()) {
            best = Math.min(best, min(r.metrics().column("val_loss")));
        }
        if (!Double.isFinite(best)) {
            return;
        }
        double target = 1.5 * best;
        root.put("target_val_loss", round(target));
        for (int i = 0; i < sweep.runs().size(); i++) {
            RunData r = sweep.runs().get(i);
            double[] val = r.metrics().column("val_loss");
            long[] steps = r.metrics().steps();
            ObjectNode row = (ObjectNode) rows.get(i);
            row.putNull("steps_to_target");
            for (int k = 0; k < val.length; k++) {
                if (Double.isFinite(val[k]) && val[k] <= target) {
                    row.put("steps_to_target", steps[k]);
                    break;
                }
            }
        }
    }

    /**
     * Where a run's curves end: its last recorded step, the step a diverged run diverged at (the engine records
     * the non-finite step last), and per chart column the last finite value with its step, which the run's
     * detail labels.
     */
    private static void lastFinite(RunData r, ObjectNode row) {
        long[] steps = r.metrics().steps();
        if (steps.length == 0) {
            return;
        }
        row.put("last_step", steps[steps.length - 1]);
        if (r.outcome().equals("diverged")) {
            row.put("diverged_at", steps[steps.length - 1]);
        }
        ObjectNode last = row.putObject("last_finite");
        for (Chart c : CHARTS) {
            double[] y = r.metrics().column(c.column());
            for (int k = y.length - 1; k >= 0; k--) {
                if (Double.isFinite(y[k])) {
                    last.putArray(c.column()).add(steps[k]).add(y[k]);
                    break;
                }
            }
        }
    }

    private static void putOrNull(ObjectNode row, String key, Double v) {
        if (v == null) {
            row.putNull(key);
        } else {
            row.put(key, v);
        }
    }

    static double min(double[] xs) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : xs) {
            if (Double.isFinite(x)) {
                m = Math.min(m, x);
            }
        }
        return m;
    }

    static double mean(double[] xs) {
        double s = 0;
        int n = 0;
        for (double x : xs) {
            if (Double.isFinite(x)) {
                s += x;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }

    private static void putFinite(ObjectNode row, String key, double v) {
        if (Double.isFinite(v)) {
            row.put(key, round(v));
        } else {
            row.putNull(key);
        }
    }

    private static void copyNumber(JsonNode summary, String key, ObjectNode row) {
        JsonNode v = summary == null ? null : summary.get(key);
        if (v != null && v.isNumber()) {
            row.set(key, v);
        } else {
            row.putNull(key);
        }
    }

    /** Five significant digits: plenty for a chart, a third of the bytes of a full double. */
    static double round(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        double scale = Math.pow(10, 4 - Math.floor(Math.log10(Math.abs(v))));
        double r = Math.round(v * scale) / scale;
        return Double.isFinite(r) ? r : v;
    }
}
