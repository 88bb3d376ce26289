package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a sweep directory ({@code plan.json}, {@code runs/<id>/summary.json} and {@code metrics.csv})
 * into memory. Tolerant: a run without a summary is "incomplete", an unreadable summary "corrupt",
 * and a missing plan is reconstructed from the run directories.
 */
final class SweepReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Sweep(String name, List<String> axes, List<RunData> runs, String source) {

        Sweep(String name, List<String> axes, List<RunData> runs) {
            this(name, axes, runs, "");
        }
    }

    private SweepReader() {}

    static Sweep read(Path dir) throws ReportException, IOException {
        Path runsDir = dir.resolve("runs");
        if (!Files.isDirectory(runsDir)) {
            throw new ReportException(dir + " is not a sweep directory: it has no runs/ folder");
        }
        JsonNode plan = readJson(dir.resolve("plan.json"));
        String name = plan != null ? plan.path("name").asText(dir.getFileName().toString())
                : dir.getFileName().toString();
        Map<String, Integer> order = new LinkedHashMap<>();
        Set<String> axes = new LinkedHashSet<>();
        Map<String, Map<String, String>> sweptById = new LinkedHashMap<>();
        if (plan != null) {
            plan.path("axes").forEach(a -> axes.add(a.asText()));
            for (JsonNode r : plan.path("runs")) {
                order.put(r.path("id").asText(), r.path("index").asInt());
                sweptById.put(r.path("id").asText(), strings(r.path("swept")));
            }
        }
        List<RunData> runs = new ArrayList<>();
        try (Stream<Path> children = Files.list(runsDir)) {
            for (Path runDir : children.filter(Files::isDirectory).sorted().toList()) {
                String id = runDir.getFileName().toString();
                JsonNode summary = readJson(runDir.resolve("summary.json"));
                if (summary == null && Files.exists(runDir.resolve("summary.json"))) {
                    summary = JSON.createObjectNode().put("outcome", "corrupt")
                            .put("detail", "summary.json could not be read");
                }
                Map<String, String> swept = sweptById.containsKey(id) ? sweptById.get(id)
                        : summary != null ? strings(summary.path("swept")) : Map.of();
                if (plan == null) {
                    axes.addAll(swept.keySet());
                }
                int index = order.getOrDefault(id, summary != null ? summary.path("index").asInt(Integer.MAX_VALUE)
                        : Integer.MAX_VALUE);
                runs.add(new RunData(id, index, swept, summary, Metrics.read(runDir.resolve("metrics.csv")),
                        DetailCsv.read(runDir.resolve("time_profile.csv")), DetailCsv.read(runDir.resolve("layers.csv")),
                        DetailCsv.read(runDir.resolve("recurrent.csv")), RunFiles.read(runDir)));
            }
        }
        runs.sort(Comparator.comparingInt(RunData::index).thenComparing(RunData::id));
        return new Sweep(name, List.copyOf(axes), runs, plan == null ? "" : plan.path("source").asText(""));
    }

    private static JsonNode readJson(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, String> strings(JsonNode obj) {
        Map<String, String> out = new LinkedHashMap<>();
        obj.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
