package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Charts from the detail telemetry, when the runs recorded it ({@code telemetry.detail_every}):
 * the gradient through time ({@code ||dL/dh_t||} against t at each run's last detail step, first and
 * top layer), the gradient norm of each layer over training, and the largest spectral radius and
 * singular value over the recurrent gate blocks of each layer over training.
 */
final class DetailCharts {

    /** At most this many layers get their own charts (first layers first). */
    static final int MAX_LAYER_CHARTS = 4;

    private DetailCharts() {}

    static void add(SweepReader.Sweep sweep, ArrayNode charts) {
        int layers = 0;
        for (RunData r : sweep.runs()) {
            for (String[] row : r.layers().rows()) {
                layers = Math.max(layers, (int) r.layers().integer(row, "layer") + 1);
            }
        }
        for (int l : layers <= 1 ? List.of(0) : List.of(layers - 1, 0)) {
            List<long[]> ts = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            for (RunData r : sweep.runs()) {
                timeProfile(r.timeProfile(), l, ts, values);
            }
            if (ts.stream().anyMatch(t -> t.length > 0)) {
                String which = layers <= 1 ? "" : l == 0 ? ", layer 0 (bottom)" : ", layer " + l + " (top)";
                // The decades a gradient vanishes or explodes by are the point here (1e-30 is common), beyond what a
                // log axis can draw: the browser plots log10 on a linear axis, every decade, labelled 1e-30 and so on.
                ReportData.addChart(charts, "time_profile_l" + l, "Gradient through time: ||dL/dh_t|| at each run's last "
                        + "detail step" + which, "t (timestep)", true, ts, values).put("log10", true);
            }
        }
        for (int l = 0; l < Math.min(layers, MAX_LAYER_CHARTS); l++) {
            List<long[]> steps = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            for (RunData r : sweep.runs()) {
                series(r.layers(), l, "grad_norm", null, steps, values);
            }
            ReportData.addChart(charts, "layer_grad_norm_l" + l, "Gradient norm of layer " + l
                    + " before clipping (L2 over its four tensors)", "step", true, steps, values);
        }
        for (int l = 0; l < Math.min(layers, MAX_LAYER_CHARTS); l++) {
            List<long[]> steps = new ArrayList<>();
            List<double[]> values = new ArrayList<>();
            for (RunData r : sweep.runs()) {
                series(r.recurrent(), l, "spectral_radius", "max", steps, values);
            }
            if (steps.stream().anyMatch(s -> s.length > 0)) {
                ReportData.addChart(charts, "spectral_radius_l" + l, "Spectral radius of W_hh, layer " + l
                        + " (largest over gate blocks)", "step", false, steps, values);
                List<long[]> svSteps = new ArrayList<>();
                List<double[]> svValues = new ArrayList<>();
                for (RunData r : sweep.runs()) {
                    series(r.recurrent(), l, "max_singular_value", "max", svSteps, svValues);
                }
                ReportData.addChart(charts, "max_singular_value_l" + l, "Largest singular value of W_hh, layer " + l
                        + " (largest over gate blocks)", "step", false, svSteps, svValues);
            }
        }
    }

    /** The profile of {@code layer} at the run's last recorded step, t = 1..T. */
    private static void timeProfile(DetailCsv csv, int layer, List<long[]> ts, List<double[]> values) {
        long last = Long.MIN_VALUE;
        for (String[] row : csv.rows()) {
            if (csv.integer(row, "layer") == layer) {
                last = Math.max(last, csv.integer(row, "step"));
            }
        }
        TreeMap<Long, Double> byT = new TreeMap<>();
        for (String[] row : csv.rows()) {
            if (csv.integer(row, "layer") == layer && csv.integer(row, "step") == last) {
                byT.put(csv.integer(row, "t"), csv.number(row, "grad_norm"));
            }
        }
        ts.add(byT.keySet().stream().mapToLong(Long::longValue).toArray());
        values.add(byT.values().stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** {@code column} of {@code layer} by step; with {@code reduce = "max"}, the largest of the step's rows. */
    private static void series(DetailCsv csv, int layer, String column, String reduce, List<long[]> steps,
                               List<double[]> values) {
        TreeMap<Long, Double> byStep = new TreeMap<>();
        for (String[] row : csv.rows()) {
            if (csv.integer(row, "layer") == layer) {
                double v = csv.number(row, column);
                byStep.merge(csv.integer(row, "step"), v, (a, b) -> "max".equals(reduce) ? Math.max(a, b) : b);
            }
        }
        steps.add(byStep.keySet().stream().mapToLong(Long::longValue).toArray());
        values.add(byStep.values().stream().mapToDouble(Double::doubleValue).toArray());
    }
}
