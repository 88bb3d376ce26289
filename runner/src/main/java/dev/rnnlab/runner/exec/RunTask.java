package dev.rnnlab.runner.exec;

import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.RunDirectory;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.sweep.PlannedRun;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * One run as a plain serialisable value, for executors that ship runs to other JVMs (Spark): the planned
 * run, its directory (on storage every worker sees), and how to execute it. {@link #execute} does for it what
 * {@link LocalExecutor} does for each of its runs: continue it from its snapshot or start it afresh, stream its
 * telemetry, and commit its summary last. A retried task therefore continues or redoes the same directory, keyed
 * by the run's id, and never adds a second copy of the run.
 *
 * @param snapshotEveryMillis how often the run saves its training state; 0: never
 */
public record RunTask(PlannedRun run, String runDir, String sweepName, Provenance provenance, int threads,
                      long snapshotEveryMillis) implements Serializable {

    /** Trains the run with the engine its config names, found among {@code engines} in this JVM. */
    public RunSummary execute(EngineRegistry engines) throws IOException {
        EngineProvider engine = engines.find(run.spec().engine()).orElseThrow(() -> new IllegalStateException(
                "engine '" + run.spec().engine() + "' is not on this JVM's class path"));
        return new RunExecution(engine, sweepName, provenance, null, threads, Duration.ofMillis(snapshotEveryMillis))
                .execute(run, RunDirectory.at(Path.of(runDir)));
    }
}
