package dev.rnnlab.runner.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The step-keyed CSV files of a run (metrics and detail telemetry), cut back to a resumed run's snapshot. */
final class StepCsv {

    private StepCsv() {}

    /**
     * Keeps the header and every complete row whose step (first cell) is at most {@code step}, atomically;
     * rows after it and a torn last line go. Returns the rows kept. A missing file stays missing.
     */
    static List<String[]> keepThrough(Path file, long step) throws IOException {
        List<String[]> kept = new ArrayList<>();
        if (!Files.exists(file)) {
            return kept;
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n') + 1; // a last line without its newline was torn by the crash
        String[] lines = text.substring(0, end).split("\n", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (i == 0) {
                out.append(line).append('\n');
                continue;
            }
            String[] cells = line.split(",", -1);
            long s;
            try {
                s = Long.parseLong(cells[0]);
            } catch (NumberFormatException e) {
                continue;
            }
            if (s <= step) {
                out.append(line).append('\n');
                kept.add(cells);
            }
        }
        AtomicFiles.write(file, out.toString());
        return kept;
    }
}
