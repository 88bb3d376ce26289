package dev.rnnlab.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * Puts several runs' curves on one shared x grid, so one chart can overlay them. When the union of
 * steps fits in {@code maxPoints} it is the grid, exactly; otherwise min/max decimation: the step range is
 * cut into {@code maxPoints / 2} equal buckets, each drawn at its first and last step with each run's
 * smallest and largest value there (in the order they occurred). Missing and non-finite values become
 * null, drawn as gaps.
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
        // Min/max decimation on a shared grid: maxPoints / 2 equal buckets of steps, each drawn at two x
        // positions (its first and last step); each run puts its smallest and largest value there, in the
        // order they occurred, so spikes (a gradient explosion, a divergence) survive any amount of decimation.
        int buckets = Math.max(1, maxPoints / 2);
        long lo = grid[0];
        long hi = grid[grid.length - 1];
        double width = (double) (hi - lo + 1) / buckets;
        long[] first = new long[buckets];
        long[] last = new long[buckets];
        java.util.Arrays.fill(first, Long.MAX_VALUE);
        java.util.Arrays.fill(last, Long.MIN_VALUE);
        for (long g : grid) {
            int b = (int) Math.min(buckets - 1, (long) ((g - lo) / width));
            first[b] = Math.min(first[b], g);
            last[b] = Math.max(last[b], g);
        }
        List<Integer> used = new ArrayList<>();
        for (int b = 0; b < buckets; b++) {
            if (first[b] != Long.MAX_VALUE) {
                used.add(b);
            }
        }
        double[] x = new double[2 * used.size()];
        for (int u = 0; u < used.size(); u++) {
            x[2 * u] = first[used.get(u)];
            x[2 * u + 1] = last[used.get(u)] == first[used.get(u)] ? first[used.get(u)] + 0.5 : last[used.get(u)];
        }
        int[] slot = new int[buckets];
        java.util.Arrays.fill(slot, -1);
        for (int u = 0; u < used.size(); u++) {
            slot[used.get(u)] = u;
        }
        List<Double[]> ys = new ArrayList<>();
        for (int r = 0; r < steps.size(); r++) {
            double[] min = new double[buckets];
            double[] max = new double[buckets];
            long[] minAt = new long[buckets];
            long[] maxAt = new long[buckets];
            java.util.Arrays.fill(min, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
            long[] s = steps.get(r);
            double[] v = values.get(r);
            for (int i = 0; i < s.length; i++) {
                Double y = usable(v[i], positiveOnly);
                if (y == null) {
                    continue;
                }
                int b = (int) Math.min(buckets - 1, (long) ((s[i] - lo) / width));
                if (y < min[b]) {
                    min[b] = y;
                    minAt[b] = s[i];
                }
                if (y > max[b]) {
                    max[b] = y;
                    maxAt[b] = s[i];
                }
            }
            Double[] y = new Double[x.length];
            for (int b = 0; b < buckets; b++) {
                int u = slot[b];
                if (u < 0 || min[b] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                boolean minFirst = minAt[b] <= maxAt[b];
                y[2 * u] = minFirst ? min[b] : max[b];
                y[2 * u + 1] = minFirst ? max[b] : min[b];
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
