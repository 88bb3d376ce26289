package dev.rnnlab.runner.exec;

import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.RunDirectory;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.store.SweepLock;
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
 * by the run's id, and never adds a second copy of the run; two attempts at once take turns (see {@link #execute}).
 *
 * @param snapshotEveryMillis how often the run saves its training state; 0: never
 */
public record RunTask(PlannedRun run, String runDir, String sweepName, Provenance provenance, int threads,
                      long snapshotEveryMillis) implements Serializable {

    /**
     * Trains the run with the engine its config names, found among {@code engines} in this JVM. Waits while
     * another attempt of the same run holds the run's lock ({@code runs/.<id>.lock}, with a heartbeat; taken
     * over once stale): then returns that attempt's summary if it finished the run, else continues from where
     * it stopped.
     */
    public RunSummary execute(EngineRegistry engines) throws IOException {
        EngineProvider engine = engines.find(run.spec().engine()).orElseThrow(() -> new IllegalStateException(
                "engine '" + run.spec().engine() + "' is not on this JVM's class path"));
        Path dir = Path.of(runDir);
        try (SweepLock lock = waitForLock(dir.getParent(), "." + run.id() + ".lock")) {
            RunDirectory runDirectory = RunDirectory.at(dir);
            RunSummary previous = runDirectory.finishedSummary(run.id(), run.resolvedConfig()).orElse(null);
            if (previous != null) {
                return previous;
            }
            return new RunExecution(engine, sweepName, provenance, null, threads,
                    Duration.ofMillis(snapshotEveryMillis)).execute(run, runDirectory);
        }
    }

    private static SweepLock waitForLock(Path dir, String name) throws IOException {
        while (true) {
            try {
                return SweepLock.acquire(dir, name, SweepLock.DEFAULT_GRACE);
            } catch (SweepLock.HeldException e) {
                try {
                    Thread.sleep(SweepLock.HEARTBEAT.toMillis());
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while waiting for " + dir.resolve(name));
                }
            }
        }
    }
}
