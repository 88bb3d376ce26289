package dev.rnnlab.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Puts several runs' curves on one shared x grid, so one chart can overlay them. When the union of
 * steps fits in {@code maxPoints} it is the grid, exactly; otherwise the step range is cut into
 * {@code maxPoints} equal buckets and each run's finite values in a bucket are averaged (x = the
 * bucket's last step). Missing and non-finite values become null, drawn as gaps.
 */
final class SharedGrid {

    /** x values and, per run, y values aligned to x (null = no value). */
    record Series(double[] x, List<Double[]> ys) {}

    private SharedGrid() {}

    static Series build(List<long[]> steps, List<double[]> values, int maxPoints, boolean positiveOnly) {
        TreeSet<Long> union = new TreeSet<>();
        for (int r = 0; r < steps.size(); r++) {
            long[] s = steps.get(r);
            double[] v = values.get(r);
            for (int i = 0; i < s.length; i++) {
                if (!Double.isNaN(v[i])) {
                    union.add(s[i]);
                }
            }
        }
        if (union.isEmpty()) {
            return new Series(new double[0], values.stream().map(v -> new Double[0]).toList());
        }
        long[] grid = union.stream().mapToLong(Long::longValue).toArray();
        if (grid.length <= maxPoints) {
            List<Double[]> ys = new ArrayList<>();
            for (int r = 0; r < steps.size(); r++) {
                Double[] y = new Double[grid.length];
                long[] s = steps.get(r);
                double[] v = values.get(r);
                for (int i = 0; i < s.length; i++) {
                    int at = Arrays.binarySearch(grid, s[i]);
                    if (at >= 0) {
                        y[at] = usable(v[i], positiveOnly);
                    }
                }
                ys.add(y);
            }
            return new Series(Arrays.stream(grid).asDoubleStream().toArray(), ys);
        }
        long lo = grid[0];
        long hi = grid[grid.length - 1];
        double width = (double) (hi - lo + 1) / maxPoints;
        double[] x = new double[maxPoints];
        for (int b = 0; b < maxPoints; b++) {
            x[b] = Math.min(hi, lo + Math.ceil((b + 1) * width) - 1);
        }
        List<Double[]> ys = new ArrayList<>();
        for (int r = 0; r < steps.size(); r++) {
            double[] sum = new double[maxPoints];
            int[] count = new int[maxPoints];
            long[] s = steps.get(r);
            double[] v = values.get(r);
            for (int i = 0; i < s.length; i++) {
                Double y = usable(v[i], positiveOnly);
                if (y != null) {
                    int b = (int) Math.min(maxPoints - 1, (long) ((s[i] - lo) / width));
                    sum[b] += y;
                    count[b]++;
                }
            }
            Double[] y = new Double[maxPoints];
            for (int b = 0; b < maxPoints; b++) {
                y[b] = count[b] == 0 ? null : sum[b] / count[b];
            }
            ys.add(y);
        }
        return new Series(x, ys);
    }

    private static Double usable(double v, boolean positiveOnly) {
        if (!Double.isFinite(v) || (positiveOnly && v <= 0)) {
            return null;
        }
        return v;
    }
}
