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

    /** How a plan differs from the one recorded before it: runs it adds, runs it drops, runs both hold. */
    public record PlanChange(int added, int removed, int kept) {

        public String describe() {
            return added + " run(s) new, " + removed + " no longer planned (kept on disk, shown as older runs), "
                    + kept + " in both (not rerun)";
        }
    }

    /**
     * Compares {@code plan} with the plan recorded here. A changed grid under the same name is allowed: runs are
     * content-addressed, so runs both plans hold are skipped and the others stay on disk, and {@link #writePlan}
     * keeps the earlier plan in {@code plan.json}'s history. Refused: a changed plan when {@code fresh} (the
     * caller asked for a directory holding this plan only), and changed settings of a model-based search,
     * whose proposals would mix two searches.
     *
     * @return what changed, or null when nothing was recorded or it is the same plan
     */
    public PlanChange checkPlan(SweepPlan plan, boolean fresh) throws IOException, PlanChangedException {
        Path file = dir.resolve(PLAN);
        if (!Files.isRegularFile(file)) {
            return null;
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
                        + "the config or overrides changed, and a model-based search proposes from its own results. "
                        + "Give the sweep a new name, or use another --out.");
            }
            return null;
        }
        java.util.Set<String> before = new java.util.TreeSet<>();
        old.path("runs").forEach(r -> before.add(r.path("id").asText()));
        java.util.Set<String> now = new java.util.TreeSet<>(plan.runs().stream().map(PlannedRun::id).toList());
        if (before.equals(now)) {
            return null;
        }
        java.util.Set<String> added = new java.util.TreeSet<>(now);
        added.removeAll(before);
        java.util.Set<String> removed = new java.util.TreeSet<>(before);
        removed.removeAll(now);
        PlanChange change = new PlanChange(added.size(), removed.size(), now.size() - added.size());
        if (fresh) {
            throw new PlanChangedException(dir + " holds sweep '" + plan.name() + "' with a different plan ("
                    + added.size() + " run(s) new, " + removed.size() + " gone) and --fresh refuses to add to it. "
                    + "Give the sweep a new name, use another --out, or drop --fresh to run the new plan beside the old "
                    + "runs.");
        }
        return change;
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
        List<Object> history = history(plan);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", 1);
        json.put("name", plan.name());
        json.put("sweep_hash", sweepHash(plan));
        json.put("written_at", java.time.Instant.now().toString());
        json.put("source", plan.source());
        json.put("overrides", plan.overrides());
        json.put("axes", plan.axes());
        if (plan.adaptive() != null) {
            json.put("adaptive", plan.adaptive().describe());
        }
        json.put("runs", runs);
        if (!history.isEmpty()) {
            json.put("history", history);
        }
        AtomicFiles.write(dir.resolve(PLAN), Json.MAPPER.writeValueAsBytes(json));
    }

    /**
     * The earlier plans of this sweep, oldest first: those already in {@code plan.json}'s history, plus the plan
     * recorded there now when {@code plan} replaces it (another sweep hash). Each is kept as it was written, so a
     * report can say which plan an older run belonged to.
     */
    private List<Object> history(SweepPlan plan) throws IOException {
        Path file = dir.resolve(PLAN);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Map<?, ?> old;
        try {
            old = Json.MAPPER.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            return List.of(); // checkPlan has refused an unreadable plan already; nothing to keep
        }
        List<Object> history = new ArrayList<>(old.get("history") instanceof List<?> h ? h : List.of());
        if (!sweepHash(plan).equals(old.get("sweep_hash"))) {
            Map<Object, Object> previous = new LinkedHashMap<>(old);
            previous.remove("history");
            history.add(previous);
        }
        return history;
    }
}
