package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Per run, from {@code time_profile.csv}: a heatmap of {@code log10 ||dL/dh_t||} over t and training step
 * for every layer (top first), and two numbers read off the top layer's last recorded profile:
 * <ul>
 *   <li><b>memory horizon</b>: how many steps back from the last step the gradient stays above 1% of its
 *   value there ({@code T} when it never drops that far);</li>
 *   <li><b>decay per step</b>: the factor by which the gradient shrinks per step back in time, from a
 *   least-squares line through {@code ln ||dL/dh_t||} against t (below 1: vanishing; above 1: exploding).</li>
 * </ul>
 */
final class GradientThroughTime {

    static final int MAX_ROWS = 60;
    static final int MAX_COLS = 200;
    static final int MAX_RUNS_WITH_HEATMAP = 100;

    private GradientThroughTime() {}

    static void add(RunData r, ObjectNode row, boolean withHeatmap) {
        DetailCsv csv = r.timeProfile();
        int top = -1;
        for (String[] line : csv.rows()) {
            top = Math.max(top, (int) csv.integer(line, "layer"));
        }
        row.putNull("memory_horizon");
        row.putNull("decay_per_step");
        if (top < 0) {
            return;
        }
        List<TreeMap<Long, TreeMap<Long, Double>>> byLayer = new ArrayList<>();
        for (int l = 0; l <= top; l++) {
            byLayer.add(new TreeMap<>());
        }
        for (String[] line : csv.rows()) {
            byLayer.get((int) csv.integer(line, "layer")).computeIfAbsent(csv.integer(line, "step"),
                    s -> new TreeMap<>()).put(csv.integer(line, "t"), csv.number(line, "grad_norm"));
        }
        TreeMap<Long, TreeMap<Long, Double>> byStep = byLayer.get(top);
        double[] last = byStep.lastEntry().getValue().values().stream().mapToDouble(Double::doubleValue).toArray();
        horizonAndDecay(last, row);
        if (withHeatmap) {
            ArrayNode maps = row.putArray("heatmaps");
            for (int l = top; l >= 0; l--) {
                if (!byLayer.get(l).isEmpty()) {
                    heatmap(byLayer.get(l), maps.addObject(), l);
                }
            }
        }
    }

    static void horizonAndDecay(double[] norms, ObjectNode row) {
        int n = norms.length;
        if (n < 2 || !(norms[n - 1] > 0) || !Double.isFinite(norms[n - 1])) {
            return;
        }
        int horizon = n;
        for (int back = 1; back < n; back++) {
            double v = norms[n - 1 - back];
            if (!(v >= 0.01 * norms[n - 1])) {
                horizon = back;
                break;
            }
        }
        row.put("memory_horizon", horizon);
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        int m = 0;
        for (int t = 0; t < n; t++) {
            if (norms[t] > 0 && Double.isFinite(norms[t])) {
                double y = Math.log(norms[t]);
                sx += t;
                sy += y;
                sxx += (double) t * t;
                sxy += t * y;
                m++;
            }
        }
        double denom = m * sxx - sx * sx;
        if (m >= 2 && denom != 0) {
            double slope = (m * sxy - sx * sy) / denom; // d ln norm / dt: growth toward the last step
            row.put("decay_per_step", ReportData.round(Math.exp(-slope)));
        }
    }

    /** log10 norms, rows = recorded steps, columns = t, both bucketed (mean in log space) to the caps. */
    private static void heatmap(TreeMap<Long, TreeMap<Long, Double>> byStep, ObjectNode out, int layer) {
        List<Long> steps = new ArrayList<>(byStep.keySet());
        int T = byStep.lastEntry().getValue().size();
        int rows = Math.min(MAX_ROWS, steps.size());
        int cols = Math.min(MAX_COLS, T);
        out.put("layer", layer);
        out.put("T", T);
        ArrayNode stepNodes = out.putArray("steps");
        ArrayNode values = out.putArray("values");
        for (int r = 0; r < rows; r++) {
            int s0 = r * steps.size() / rows;
            int s1 = (r + 1) * steps.size() / rows;
            stepNodes.add(steps.get(s1 - 1));
            ArrayNode line = values.addArray();
            for (int c = 0; c < cols; c++) {
                int t0 = c * T / cols;
                int t1 = (c + 1) * T / cols;
                double sum = 0;
                int count = 0;
                for (int s = s0; s < s1; s++) {
                    TreeMap<Long, Double> profile = byStep.get(steps.get(s));
                    for (int t = t0; t < t1; t++) {
                        Double v = profile.get((long) t + 1);
                        if (v != null && v > 0 && Double.isFinite(v)) {
                            sum += Math.log10(v);
                            count++;
                        }
                    }
                }
                if (count == 0) {
                    line.addNull();
                } else {
                    line.add(Math.round(sum / count * 1000) / 1000.0);
                }
            }
        }
    }
}
