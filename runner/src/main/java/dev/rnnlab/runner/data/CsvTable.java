package dev.rnnlab.runner.data;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numeric columns of a CSV table with a header row, read with Jackson's CSV module (streaming, so a
 * 10-million-row file takes one {@code float[]} per column used and nothing per row). Every problem is
 * reported where it is, as {@code FILE.csv:LINE:COLUMN} (1-based; COLUMN is the character where the cell
 * starts): an empty or non-numeric cell, a row with more or fewer fields than the header. Columns that are not
 * asked for are not parsed (a date column may hold anything). The file's SHA-256 is taken on the same pass.
 */
public final class CsvTable {

    /** A problem in the file: its place and what is wrong. */
    public record Problem(Path file, int line, int column, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column + ": " + message;
        }
    }

    /** The result of reading: the header, the columns asked for (float32), the row count, the hash, problems. */
    public record Read(List<String> header, Map<String, float[]> columns, int rows, String sha256,
                       List<Problem> problems) {}

    /** At most this many problems are listed; the first ones say enough. */
    static final int MAX_PROBLEMS = 20;

    private CsvTable() {}

    /**
     * Reads {@code wanted} columns of {@code file}. Missing columns are not problems here (the caller names them
     * against its config key, with "did you mean"); the header is returned for that.
     */
    public static Read read(Path file, List<String> wanted) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        List<Problem> problems = new ArrayList<>();
        List<String> header = new ArrayList<>();
        Map<String, FloatColumn> columns = new LinkedHashMap<>();
        int rows = 0;
        CsvMapper mapper = new CsvMapper();
        // The stream stays open at the end of the records, so the rest of the file (if any) still goes into the hash.
        mapper.getFactory().configure(com.fasterxml.jackson.core.JsonParser.Feature.AUTO_CLOSE_SOURCE, false);
        try (InputStream raw = new DigestInputStream(Files.newInputStream(file), sha);
             CsvParser p = mapper.getFactory().createParser(raw)) {
            // Without a schema, each record comes as an array of its fields' strings.
            int[] slot = null; // field index -> column slot, -1 when not wanted
            FloatColumn[] bySlot = null;
            while (p.nextToken() == JsonToken.START_ARRAY) {
                int line = -1; // from the first field: a record's start is reported at the end of the line before
                if (slot == null) {
                    while (p.nextToken() == JsonToken.VALUE_STRING) {
                        header.add(p.getText().strip());
                    }
                    slot = new int[header.size()];
                    bySlot = new FloatColumn[header.size()];
                    for (int i = 0; i < header.size(); i++) {
                        slot[i] = wanted.contains(header.get(i)) ? i : -1;
                        if (slot[i] >= 0 && !columns.containsKey(header.get(i))) {
                            bySlot[i] = new FloatColumn();
                            columns.put(header.get(i), bySlot[i]);
                        }
                    }
                    continue;
                }
                int field = 0;
                int lastColumn = 1;
                boolean blank = true;
                List<String> cells = new ArrayList<>();
                List<Integer> starts = new ArrayList<>();
                while (p.nextToken() == JsonToken.VALUE_STRING) {
                    JsonLocation at = p.currentTokenLocation();
                    if (line < 0) {
                        line = at.getLineNr();
                    }
                    cells.add(p.getText());
                    starts.add(at.getColumnNr());
                    lastColumn = at.getColumnNr();
                    blank &= p.getText().isBlank();
                    field++;
                }
                if (blank && field <= 1) {
                    continue; // an empty line, e.g. a trailing newline
                }
                rows++;
                if (field != header.size()) {
                    add(problems, new Problem(file, line, field > header.size() ? starts.get(header.size()) : lastColumn,
                            "row has " + field + " field(s), the header has " + header.size()));
                    for (FloatColumn c : columns.values()) {
                        c.add(Float.NaN);
                    }
                    continue;
                }
                for (int i = 0; i < field; i++) {
                    if (slot[i] < 0 || bySlot[i] == null) {
                        continue;
                    }
                    String text = cells.get(i).strip();
                    float v = Float.NaN;
                    if (text.isEmpty()) {
                        add(problems, new Problem(file, line, starts.get(i), "empty cell in column '" + header.get(i) + "'"));
                    } else {
                        try {
                            v = Float.parseFloat(text);
                            if (!Float.isFinite(v)) {
                                add(problems, new Problem(file, line, starts.get(i), "cell '" + text + "' in column '"
                                        + header.get(i) + "' is not a finite number"));
                            }
                        } catch (NumberFormatException e) {
                            add(problems, new Problem(file, line, starts.get(i), "cell '" + text + "' in column '"
                                    + header.get(i) + "' is not a number"));
                        }
                    }
                    bySlot[i].add(v);
                }
            }
            raw.transferTo(java.io.OutputStream.nullOutputStream()); // the rest of the file into the hash
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            add(problems, new Problem(file, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                    "not readable as CSV: " + e.getOriginalMessage()));
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        columns.forEach((name, c) -> out.put(name, c.toArray()));
        return new Read(List.copyOf(header), out, rows, HexFormat.of().formatHex(sha.digest()), problems);
    }

    private static void add(List<Problem> problems, Problem p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
    }

    /** A growable float32 column. */
    private static final class FloatColumn {
        private float[] values = new float[1024];
        private int size;

        void add(float v) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, values.length * 2);
            }
            values[size++] = v;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }
}
