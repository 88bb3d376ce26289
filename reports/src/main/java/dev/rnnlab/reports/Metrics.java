package dev.rnnlab.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of one run's {@code metrics.csv}, by header name; missing cells are NaN. A torn or
 * malformed line (a run killed mid-write) is skipped and counted, never fatal.
 */
record Metrics(long[] steps, Map<String, double[]> columns, int skippedLines) {

    static final Metrics EMPTY = new Metrics(new long[0], Map.of(), 0);

    static Metrics read(Path csv) throws IOException {
        if (!Files.isRegularFile(csv)) {
            return EMPTY;
        }
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                return EMPTY;
            }
            String[] names = header.split(",", -1);
            List<long[]> steps = new ArrayList<>();
            List<double[]> rows = new ArrayList<>();
            int skipped = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",", -1);
                if (cells.length != names.length) {
                    skipped++;
                    continue;
                }
                try {
                    long step = Long.parseLong(cells[0]);
                    double[] row = new double[names.length];
                    for (int c = 1; c < names.length; c++) {
                        row[c] = cells[c].isEmpty() ? Double.NaN : Double.parseDouble(cells[c]);
                    }
                    steps.add(new long[] {step});
                    rows.add(row);
                } catch (NumberFormatException e) {
                    skipped++;
                }
            }
            long[] s = steps.stream().mapToLong(a -> a[0]).toArray();
            Map<String, double[]> columns = new HashMap<>();
            for (int c = 1; c < names.length; c++) {
                double[] col = new double[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    col[r] = rows.get(r)[c];
                }
                columns.put(names[c], col);
            }
            return new Metrics(s, columns, skipped);
        }
    }

    /** The column, or all-NaN when the file has no such column. */
    double[] column(String name) {
        double[] c = columns.get(name);
        if (c != null) {
            return c;
        }
        double[] nan = new double[steps.length];
        Arrays.fill(nan, Double.NaN);
        return nan;
    }
}
