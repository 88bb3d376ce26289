package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The report's table for pandas users: {@code sweep-summary.json} (a list of rows) and
 * {@code sweep-summary.csv}, one row per run with its swept values as columns, beside report.html.
 */
final class Sidecar {

    static final String JSON = "sweep-summary.json";
    static final String CSV = "sweep-summary.csv";
    static final List<String> COLUMNS = List.of("index", "outcome", "final_train_loss", "final_val_loss",
            "best_val_loss", "test_loss", "best_train_loss", "steps_done", "steps_to_target", "fraction_clipped", "wall_time_s");

    private Sidecar() {}

    static void write(Path dir, SweepReader.Sweep sweep, ObjectNode data) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode rows = json.createArrayNode();
        StringBuilder csv = new StringBuilder("run_id");
        for (String a : sweep.axes()) {
            csv.append(',').append(csvCell(a));
        }
        COLUMNS.forEach(c -> csv.append(',').append(c));
        csv.append('\n');
        for (JsonNode r : data.get("runs")) {
            ObjectNode row = rows.addObject();
            row.put("run_id", r.get("id").asText());
            ObjectNode swept = row.putObject("swept");
            csv.append(csvCell(r.get("id").asText()));
            for (String a : sweep.axes()) {
                String v = r.path("swept").path(a).asText("");
                swept.put(a, v);
                csv.append(',').append(csvCell(v));
            }
            for (String c : COLUMNS) {
                JsonNode v = r.get(c);
                row.set(c, v == null ? json.nullNode() : v);
                csv.append(',').append(v == null || v.isNull() ? "" : csvCell(v.asText()));
            }
            row.put("detail", r.path("detail").asText(""));
            csv.append('\n');
        }
        atomic(dir.resolve(JSON), json.writeValueAsString(rows));
        atomic(dir.resolve(CSV), csv.toString());
    }

    /** RFC 4180 quoting, and a leading ' for cells a spreadsheet would run as a formula. */
    static String csvCell(String v) {
        String s = !v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("[-+]?[0-9.eE+-]+") ? "'" + v : v;
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static void atomic(Path target, String text) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
