package dev.rnnlab.runner.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code <sweep>/runs/<run-id>/}: {@code config.yaml} (resolved, re-runnable), {@code metrics.csv},
 * {@code run.log}, and {@code summary.json}, written last.
 */
public final class RunDirectory {

    public static final String CONFIG = "config.yaml";
    public static final String METRICS = "metrics.csv";
    public static final String LOG = "run.log";
    public static final String SUMMARY = "summary.json";
    public static final String CHECKPOINT = "model.safetensors";
    public static final String PROVENANCE = "provenance.json";
    /** The engine's training state at the last snapshot of an unfinished run, removed when the run ends. */
    public static final String SNAPSHOT = "resume.safetensors";
    /**
     * Outcomes that are final: running again would give the same result (an ASHA stop depends on the
     * other runs, but redoing it would cost what the rule saved). Failed, timed-out and interrupted runs
     * are run again.
     */
    private static final Set<String> FINISHED = Set.of("completed", "diverged", "stopped");

    private final Path dir;

    RunDirectory(Path dir) {
        this.dir = dir;
    }

    /** The run directory at {@code dir} (as {@link SweepDirectory#run} names it), for an executor in another JVM. */
    public static RunDirectory at(Path dir) {
        return new RunDirectory(dir);
    }

    public Path path() {
        return dir;
    }

    public Path config() {
        return dir.resolve(CONFIG);
    }

    public Path metrics() {
        return dir.resolve(METRICS);
    }

    public Path log() {
        return dir.resolve(LOG);
    }

    /** The final parameters, PyTorch state_dict names, safetensors. */
    public Path checkpoint() {
        return dir.resolve(CHECKPOINT);
    }

    public Path snapshot() {
        return dir.resolve(SNAPSHOT);
    }

    public Path summary() {
        return dir.resolve(SUMMARY);
    }

    /** The summary, if one was committed and can be read. */
    public Optional<RunSummary> readSummary() {
        Path file = summary();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), RunSummary.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether a previous execution finished this run (completed or diverged). */
    public boolean isFinished() {
        return readSummary().map(s -> FINISHED.contains(s.outcome())).orElse(false);
    }

    /** Empties the directory (left over from an unfinished attempt) and creates it. */
    public void reset() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
    }

    /** Removes temp files a killed attempt left mid-write (a snapshot, a cut-back CSV); before a resume. */
    public void removeStaleTempFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    public void writeProvenance(java.util.Map<String, Object> provenance) throws IOException {
        AtomicFiles.write(dir.resolve(PROVENANCE), Json.MAPPER.writeValueAsBytes(provenance));
    }

    /**
     * Whether the committed summary belongs to this run: same id, and the config.yaml beside it is the
     * one whose hash the summary records.
     */
    public boolean summaryMatches(String runId, String resolvedConfig) {
        return readSummary().map(s -> runId.equals(s.runId())
                && Provenance.sha256(resolvedConfig).equals(s.resolvedConfigSha256())).orElse(false);
    }

    /** The committed summary, when it finished this run (same id and config): such a run is never redone. */
    public Optional<RunSummary> finishedSummary(String runId, String resolvedConfig) {
        return readSummary().filter(s -> s.finished() && summaryMatches(runId, resolvedConfig));
    }

    public void writeSummary(RunSummary summary) throws IOException {
        AtomicFiles.write(summary(), Json.MAPPER.writeValueAsBytes(summary));
    }
}
