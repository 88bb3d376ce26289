package dev.rnnlab.runner.exec;

import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.store.RunDirectory;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.sweep.PlannedRun;
import dev.rnnlab.runner.sweep.SweepPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's runs on a local pool of {@code parallel} threads, one run per thread. Runs whose
 * directory already holds a finished summary are skipped, so re-running an interrupted sweep does only
 * the work that is missing.
 */
public final class LocalExecutor {

    private final EngineRegistry engines;
    private final int parallel;

    public LocalExecutor(EngineRegistry engines, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
        }
        this.engines = engines;
        this.parallel = parallel;
    }

    public SweepOutcome execute(SweepPlan plan, SweepDirectory dir, SweepListener listener)
            throws IOException, InterruptedException {
        dir.writePlan(plan);
        AtomicInteger threadIndex = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallel, plan.runs().size()), r -> {
            Thread t = new Thread(r, "run-" + threadIndex.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<RunSummary>> futures = new ArrayList<>();
        int skipped = 0;
        List<RunSummary> done = new ArrayList<>();
        try {
            for (PlannedRun run : plan.runs()) {
                RunDirectory runDir = dir.run(run);
                Optional<RunSummary> previous = runDir.readSummary().filter(s -> runDir.isFinished());
                if (previous.isPresent()) {
                    skipped++;
                    listener.runSkipped(run, previous.get());
                    futures.add(java.util.concurrent.CompletableFuture.completedFuture(previous.get()));
                    continue;
                }
                EngineProvider engine = engines.find(run.spec().engine()).orElseThrow(
                        () -> new IllegalStateException("engine '" + run.spec().engine() + "' vanished after planning"));
                futures.add(pool.submit(() -> {
                    listener.runStarted(run);
                    RunSummary s = new RunExecution(engine, plan.name()).execute(run, runDir);
                    listener.runFinished(run, s);
                    return s;
                }));
            }
            for (Future<RunSummary> f : futures) {
                done.add(f.get());
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("a run's executor failed outside the run", cause);
        } finally {
            pool.shutdownNow();
        }
        return new SweepOutcome(done, skipped);
    }
}
