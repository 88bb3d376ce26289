package dev.rnnlab.reports;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A long-format detail file of a run ({@code time_profile.csv}, {@code layers.csv}, {@code recurrent.csv}):
 * header plus rows of cells. Missing file: no rows. Torn or malformed lines are skipped.
 */
record DetailCsv(Map<String, Integer> columns, List<String[]> rows) {

    static final DetailCsv EMPTY = new DetailCsv(Map.of(), List.of());

    static DetailCsv read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return EMPTY;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                return EMPTY;
            }
            String[] names = header.split(",", -1);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < names.length; i++) {
                columns.put(names[i], i);
            }
            List<String[]> rows = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] cells = line.split(",", -1);
                if (cells.length == names.length) {
                    rows.add(cells);
                }
            }
            return new DetailCsv(columns, rows);
        }
    }

    String cell(String[] row, String column) {
        Integer i = columns.get(column);
        return i == null ? "" : row[i];
    }

    long integer(String[] row, String column) {
        try {
            return Long.parseLong(cell(row, column));
        } catch (NumberFormatException e) {
            return Long.MIN_VALUE;
        }
    }

    double number(String[] row, String column) {
        try {
            return Double.parseDouble(cell(row, column));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
