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

    /**
     * @param runs  the current plan's runs (every run directory when there is no plan.json)
     * @param older runs on disk from earlier plans of this sweep only (a changed config run under the same name)
     */
    record Sweep(String name, List<String> axes, List<RunData> runs, String source, List<Older> older) {

        Sweep(String name, List<String> axes, List<RunData> runs) {
            this(name, axes, runs, "", List.of());
        }
    }

    /** A run of an earlier plan: its data and which plan it was in ("plan 1 of 3, written ..."). */
    record Older(RunData run, String plan) {}

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
        Map<String, String> earlierPlanOf = new LinkedHashMap<>();
        Map<String, Map<String, String>> earlierSwept = new LinkedHashMap<>();
        if (plan != null) {
            plan.path("axes").forEach(a -> axes.add(a.asText()));
            for (JsonNode r : plan.path("runs")) {
                order.put(r.path("id").asText(), r.path("index").asInt());
                sweptById.put(r.path("id").asText(), strings(r.path("swept")));
            }
            JsonNode history = plan.path("history");
            int plans = history.size() + 1;
            for (int k = 0; k < history.size(); k++) { // later plans overwrite: a run is named by its last plan
                String label = "plan " + (k + 1) + " of " + plans + (history.get(k).has("written_at")
                        ? ", written " + history.get(k).path("written_at").asText() : "");
                for (JsonNode r : history.get(k).path("runs")) {
                    earlierPlanOf.put(r.path("id").asText(), label);
                    earlierSwept.put(r.path("id").asText(), strings(r.path("swept")));
                }
            }
        }
        List<RunData> runs = new ArrayList<>();
        List<Older> older = new ArrayList<>();
        try (Stream<Path> children = Files.list(runsDir)) {
            for (Path runDir : children.filter(Files::isDirectory).sorted().toList()) {
                String id = runDir.getFileName().toString();
                JsonNode summary = readJson(runDir.resolve("summary.json"));
                if (summary == null && Files.exists(runDir.resolve("summary.json"))) {
                    summary = JSON.createObjectNode().put("outcome", "corrupt")
                            .put("detail", "summary.json could not be read");
                }
                Map<String, String> swept = sweptById.containsKey(id) ? sweptById.get(id)
                        : earlierSwept.containsKey(id) ? earlierSwept.get(id)
                        : summary != null ? strings(summary.path("swept")) : Map.of();
                if (plan == null) {
                    axes.addAll(swept.keySet());
                }
                int index = order.getOrDefault(id, summary != null ? summary.path("index").asInt(Integer.MAX_VALUE)
                        : Integer.MAX_VALUE);
                if (plan != null && !order.containsKey(id)) {
                    // Not in the current plan: listed, not read in full (its curves are not drawn).
                    older.add(new Older(new RunData(id, index, swept, summary, Metrics.EMPTY, DetailCsv.EMPTY,
                            DetailCsv.EMPTY, DetailCsv.EMPTY, null), earlierPlanOf.getOrDefault(id, "an earlier plan")));
                    continue;
                }
                runs.add(new RunData(id, index, swept, summary, Metrics.read(runDir.resolve("metrics.csv")),
                        DetailCsv.read(runDir.resolve("time_profile.csv")), DetailCsv.read(runDir.resolve("layers.csv")),
                        DetailCsv.read(runDir.resolve("recurrent.csv")), RunFiles.read(runDir)));
            }
        }
        runs.sort(Comparator.comparingInt(RunData::index).thenComparing(RunData::id));
        return new Sweep(name, List.copyOf(axes), runs, plan == null ? "" : plan.path("source").asText(""), older);
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
