package dev.rnnlab.reports;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text files of a run shown in its detail view: the resolved config, the provenance and the tail of
 * the log; plus the global-norm clipping threshold read from the config (drawn on the gradient charts).
 */
record RunFiles(String config, String provenance, String logTail, Double clipThreshold, Path dir) {

    static final int LOG_TAIL_LINES = 30;
    static final int MAX_CHARS = 20_000;
    private static final Pattern CLIPPING = Pattern.compile(
            "(?m)^  clipping:\\n    kind: global_norm\\n    max_norm: ([0-9.eE+-]+)$");

    static RunFiles read(Path runDir) throws IOException {
        String config = text(runDir.resolve("config.yaml"));
        Double clip = null;
        Matcher m = CLIPPING.matcher(config);
        if (m.find()) {
            try {
                clip = Double.parseDouble(m.group(1));
            } catch (NumberFormatException e) {
                clip = null;
            }
        }
        String log = "";
        Path logFile = runDir.resolve("run.log");
        if (Files.isRegularFile(logFile)) {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            log = String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        }
        return new RunFiles(config, text(runDir.resolve("provenance.json")), cap(log), clip, runDir);
    }

    private static String text(Path file) throws IOException {
        return Files.isRegularFile(file) ? cap(Files.readString(file, StandardCharsets.UTF_8)) : "";
    }

    private static String cap(String s) {
        return s.length() <= MAX_CHARS ? s : s.substring(s.length() - MAX_CHARS);
    }
}
