package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's {@code predictions.csv} (sequence,t,column,target,prediction) for its detail view: the first column's
 * targets and predictions in file order (sequence by sequence, step by step), at most {@link #MAX_ROWS} of them,
 * which the page draws as prediction against the truth. Unreadable lines are skipped.
 */
final class Predictions {

    static final int MAX_ROWS = 2000;

    private Predictions() {}

    /** Adds {@code rollout: {t[], target[], prediction[]}} from {@code rollout.csv}, if any. */
    static void addRollout(Path runDir, ObjectNode row) throws IOException {
        Path file = runDir.resolve("rollout.csv");
        if (!Files.isRegularFile(file)) {
            return;
        }
        ObjectNode node = row.putObject("rollout");
        ArrayNode t = node.putArray("t");
        ArrayNode target = node.putArray("target");
        ArrayNode prediction = node.putArray("prediction");
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine();
            int rows = 0;
            for (String line = in.readLine(); line != null && rows < MAX_ROWS; line = in.readLine()) {
                String[] c = line.split(",", -1);
                try {
                    if (c.length == 3) {
                        long step = Long.parseLong(c[0]);
                        double y = Double.parseDouble(c[1]);
                        double p = Double.parseDouble(c[2]);
                        t.add(step);
                        target.add(ReportData.round(y));
                        prediction.add(ReportData.round(p));
                        rows++;
                    }
                } catch (NumberFormatException e) {
                    // a torn line: skipped
                }
            }
        }
    }

    /** Adds {@code predictions: {column, sequence[], t[], target[], prediction[]}} to the run's row, if any. */
    static void add(Path runDir, ObjectNode row) throws IOException {
        Path file = runDir.resolve("predictions.csv");
        if (!Files.isRegularFile(file)) {
            return;
        }
        ObjectNode node = null;
        ArrayNode seq = null, t = null, target = null, prediction = null;
        String column = null;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine(); // header
            int rows = 0;
            for (String line = in.readLine(); line != null && rows < MAX_ROWS; line = in.readLine()) {
                String[] c = line.split(",", -1);
                if (c.length != 5 || (column != null && !column.equals(c[2]))) {
                    continue;
                }
                try {
                    long s = Long.parseLong(c[0]);
                    long step = Long.parseLong(c[1]);
                    double y = Double.parseDouble(c[3]);
                    double p = Double.parseDouble(c[4]);
                    if (node == null) {
                        column = c[2];
                        node = row.putObject("predictions");
                        node.put("column", column);
                        seq = node.putArray("sequence");
                        t = node.putArray("t");
                        target = node.putArray("target");
                        prediction = node.putArray("prediction");
                    }
                    seq.add(s);
                    t.add(step);
                    target.add(ReportData.round(y));
                    prediction.add(ReportData.round(p));
                    rows++;
                } catch (NumberFormatException e) {
                    // a torn or foreign line: skipped
                }
            }
        }
    }
}
