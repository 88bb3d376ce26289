package dev.rnnlab.bench;

import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.runner.exec.LocalExecutor;
import dev.rnnlab.runner.exec.SweepListener;
import dev.rnnlab.runner.exec.SweepOutcome;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.sweep.SweepPlan;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A sweep planned once from an experiment file and run, as {@code rnnlab sweep} runs it (one thread per
 * run, run directories, metrics, {@code run.log}), into a fresh temporary directory each time, so nothing
 * is skipped as finished. The report is not written: the benchmarks time the runs.
 */
final class SweepRig {

    private final EngineRegistry engines = EngineRegistry.discover(SweepRig.class.getClassLoader());
    private final SweepPlan plan;
    private final Provenance provenance;
    private Path root;

    /** Plans {@code experiment} (relative to the working directory) with {@code key=value} overrides. */
    SweepRig(String experiment, List<String> overrides) throws Exception {
        Path file = Path.of(experiment);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file.toAbsolutePath() + ": no such experiment file "
                    + "(run the benchmarks from the project's root, as `make bench` does)");
        }
        plan = new SweepPlanner(engines).plan(file, overrides);
        provenance = Provenance.of(file, plan.sourceText());
    }

    int runs() {
        return plan.runs().size();
    }

    /**
     * Runs the whole sweep, {@code parallel} runs at a time, into a new directory. Throws unless every run
     * completed: a diverged or failed run trains for fewer steps, so its timing would mean nothing.
     */
    SweepOutcome run(int parallel) throws Exception {
        delete();
        root = Files.createTempDirectory("rnnlab-bench-");
        SweepOutcome outcome = new LocalExecutor(engines, parallel, 1, Duration.ofSeconds(30))
                .execute(plan, SweepDirectory.of(root, plan), provenance, SweepListener.NONE);
        int completed = outcome.counts().getOrDefault(Outcome.COMPLETED.configName(), 0);
        if (completed != runs()) {
            throw new IllegalStateException("sweep " + plan.name() + ": " + completed + " of " + runs()
                    + " runs completed (" + outcome.counts() + "); see the run.log files under " + root);
        }
        return outcome;
    }

    /** The results directory of the last {@link #run} (the sweep's directory is inside), or null. */
    Path directory() {
        return root;
    }

    /** Deletes the directory of the last {@link #run}, if any. */
    void delete() {
        if (root == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        root = null;
    }
}
