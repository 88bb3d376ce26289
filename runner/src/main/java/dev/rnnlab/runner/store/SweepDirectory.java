package dev.rnnlab.runner.store;

import dev.rnnlab.runner.sweep.PlannedRun;
import dev.rnnlab.runner.sweep.SweepPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <results>/<sweep-name>/}: {@code sweep.yaml} (the file as given, plus overrides),
 * {@code plan.json} (every run id with its swept values, written before any run starts),
 * {@code runs/<run-id>/} and {@code report.html}.
 */
public final class SweepDirectory {

    public static final String SOURCE = "sweep.yaml";
    public static final String PLAN = "plan.json";
    public static final String RUNS = "runs";
    public static final String REPORT = "report.html";

    private final Path dir;

    private SweepDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * The directory of {@code plan} under {@code resultsRoot}. The sweep name is validated by the binder
     * to letters, digits, '.', '_' and '-', so the result cannot leave the root; checked again here.
     */
    public static SweepDirectory of(Path resultsRoot, SweepPlan plan) {
        Path root = resultsRoot.toAbsolutePath().normalize();
        Path dir = root.resolve(plan.name()).normalize();
        if (!dir.getParent().equals(root)) {
            throw new IllegalArgumentException("sweep name '" + plan.name() + "' escapes " + root);
        }
        return new SweepDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    public Path report() {
        return dir.resolve(REPORT);
    }

    public RunDirectory run(PlannedRun run) {
        return new RunDirectory(dir.resolve(RUNS).resolve(run.id()));
    }

    /** The directory holds a plan with other runs than this one. */
    public static final class PlanChangedException extends Exception {
        public PlanChangedException(String message) {
            super(message);
        }
    }

    /** SHA-256 over the sorted run ids: equal for two plans exactly when they hold the same runs. */
    public static String sweepHash(SweepPlan plan) {
        return Provenance.sha256(String.join("\n", new java.util.TreeSet<>(plan.runs().stream().map(PlannedRun::id)
                .toList())) + (plan.adaptive() == null ? "" : "\n" + plan.adaptive().describe()));
    }

    /**
     * Refuses a plan whose runs differ from those of the plan already recorded here (a changed config under
     * the same sweep name), so old and new runs are never mixed in one directory.
     */
    public void checkPlan(SweepPlan plan) throws IOException, PlanChangedException {
        Path file = dir.resolve(PLAN);
        if (!Files.isRegularFile(file)) {
            return;
        }
        com.fasterxml.jackson.databind.JsonNode old;
        try {
            old = Json.MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new PlanChangedException(file + " is unreadable (" + e.getMessage() + "); move it away to start over");
        }
        if (plan.adaptive() != null || old.has("adaptive")) {
            if (!sweepHash(plan).equals(old.path("sweep_hash").asText())) {
                throw new PlanChangedException(dir + " holds sweep '" + plan.name() + "' with other search settings: "
                        + "the config or overrides changed. Give the sweep a new name, or use another --out.");
            }
            return;
        }
        java.util.Set<String> before = new java.util.TreeSet<>();
        old.path("runs").forEach(r -> before.add(r.path("id").asText()));
        java.util.Set<String> now = new java.util.TreeSet<>(plan.runs().stream().map(PlannedRun::id).toList());
        if (!before.equals(now)) {
            java.util.Set<String> added = new java.util.TreeSet<>(now);
            added.removeAll(before);
            java.util.Set<String> removed = new java.util.TreeSet<>(before);
            removed.removeAll(now);
            throw new PlanChangedException(dir + " holds sweep '" + plan.name() + "' with a different plan ("
                    + added.size() + " run(s) new, " + removed.size() + " gone): the config or overrides changed. "
                    + "Give the sweep a new name, or use another --out; old and new runs are not mixed.");
        }
    }

    /**
     * Deletes temp files left in the sweep directory by a killed process (an atomic write that never got
     * to its rename). Call only while holding the lock, when no write of ours is in progress.
     */
    public void removeStaleTempFiles() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Records what is about to run: the source as given and the plan. */
    public void writePlan(SweepPlan plan) throws IOException {
        writePlan(plan, plan.runs());
    }

    /** Records the plan with {@code runs}: the plan's own, or those an adaptive search has proposed so far. */
    public void writePlan(SweepPlan plan, List<PlannedRun> runsSoFar) throws IOException {
        StringBuilder source = new StringBuilder();
        source.append("# ").append(plan.source()).append('\n');
        if (!plan.overrides().isEmpty()) {
            source.append("# overrides: ").append(String.join(" ", plan.overrides())).append('\n');
        }
        source.append(plan.sourceText());
        AtomicFiles.write(dir.resolve(SOURCE), source.toString());

        List<Map<String, Object>> runs = new ArrayList<>();
        for (PlannedRun r : runsSoFar) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("index", r.index());
            entry.put("id", r.id());
            entry.put("swept", r.swept());
            runs.add(entry);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", 1);
        json.put("name", plan.name());
        json.put("sweep_hash", sweepHash(plan));
        json.put("source", plan.source());
        json.put("overrides", plan.overrides());
        json.put("axes", plan.axes());
        if (plan.adaptive() != null) {
            json.put("adaptive", plan.adaptive().describe());
        }
        json.put("runs", runs);
        AtomicFiles.write(dir.resolve(PLAN), Json.MAPPER.writeValueAsBytes(json));
    }
}
