package dev.rnnlab.runner.exec;

import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.config.StoppingSpec;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.RunDirectory;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.store.SweepLock;
import dev.rnnlab.runner.sweep.AdaptiveSearch;
import dev.rnnlab.runner.sweep.PlannedRun;
import dev.rnnlab.runner.sweep.SweepPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's runs on a local pool of {@code parallel} threads, one run per thread, while holding
 * the sweep directory's {@link SweepLock}. Runs whose directory already holds a finished summary for the
 * same resolved config are skipped, so re-running an interrupted sweep does only the missing work; a
 * plan that differs from the one recorded in the directory is refused.
 */
public final class LocalExecutor {

    private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(
            LocalExecutor.class);

    /** How often a run's training state is saved by default, so an interruption costs at most about this much. */
    public static final Duration DEFAULT_SNAPSHOT_EVERY = Duration.ofSeconds(60);

    private final EngineRegistry engines;
    private final int parallel;
    private final int threadsPerRun;
    private final Duration lockGrace;
    private final Duration snapshotEvery;
    /** Refuse a directory that holds another plan of the sweep, instead of adding this plan's runs beside it. */
    private boolean fresh;
    private volatile ExecutorService pool;
    private volatile boolean cancelled;

    public LocalExecutor(EngineRegistry engines, int parallel) {
        this(engines, parallel, 1, SweepLock.DEFAULT_GRACE);
    }

    /**
     * @param parallel      runs trained at once
     * @param threadsPerRun threads each run may use within itself (engines give the same results for any count)
     */
    public LocalExecutor(EngineRegistry engines, int parallel, int threadsPerRun, Duration lockGrace) {
        this(engines, parallel, threadsPerRun, lockGrace, DEFAULT_SNAPSHOT_EVERY);
    }

    /**
     * @param snapshotEvery how often each run of a resumable engine saves its training state (at the next step
     *                      boundary), so that a rerun after an interruption continues it; zero: never
     */
    public LocalExecutor(EngineRegistry engines, int parallel, int threadsPerRun, Duration lockGrace,
                         Duration snapshotEvery) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be >= 1, got " + parallel);
        }
        if (threadsPerRun < 1) {
            throw new IllegalArgumentException("threadsPerRun must be >= 1, got " + threadsPerRun);
        }
        this.engines = engines;
        this.parallel = parallel;
        this.threadsPerRun = threadsPerRun;
        this.lockGrace = lockGrace;
        if (snapshotEvery.isNegative()) {
            throw new IllegalArgumentException("snapshotEvery must be >= 0, got " + snapshotEvery);
        }
        this.snapshotEvery = snapshotEvery;
    }

    /**
     * Makes {@link #execute} refuse a sweep directory that holds a different plan of the sweep (the CLI's
     * {@code --fresh}); by default the changed plan runs there, beside the earlier runs.
     */
    public LocalExecutor refusingChangedPlans() {
        this.fresh = true;
        return this;
    }

    public SweepOutcome execute(SweepPlan plan, SweepDirectory dir, Provenance provenance, SweepListener listener)
            throws IOException, InterruptedException, SweepLock.HeldException, SweepDirectory.PlanChangedException {
        try (SweepLock lock = SweepLock.acquire(dir.path(), lockGrace)) {
            SweepDirectory.PlanChange change = dir.checkPlan(plan, fresh);
            if (change != null) {
                LOG.warn("sweep {} changed since its last plan: {}; plan.json keeps the earlier plan", plan.name(),
                        change.describe());
            }
            dir.removeStaleTempFiles();
            dir.writePlan(plan);
            return run(plan, dir, provenance, listener);
        }
    }

    /**
     * Interrupts the runs in progress (each ends as {@code interrupted}, with its summary written) and
     * starts no more; {@link #execute} then returns what was done. Safe to call from a shutdown hook.
     */
    public void cancel() {
        cancelled = true;
        ExecutorService p = pool;
        if (p != null) {
            for (Runnable queued : p.shutdownNow()) {
                if (queued instanceof Future<?> f) {
                    f.cancel(false); // never started: its caller must not wait for it
                }
            }
        }
    }

    /** Waits up to {@code timeout} for the runs interrupted by {@link #cancel()} to record their outcome. */
    public boolean awaitCancelled(Duration timeout) throws InterruptedException {
        ExecutorService p = pool;
        return p == null || p.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * An unfinished attempt either left a snapshot, which the run continues from (rows after it are cut), or
     * is discarded whole (a torn last line with it): the run restarts from step 0.
     */
    private static void warnIfDiscarding(PlannedRun run, RunDirectory runDir, RunSummary previous, EngineProvider engine) {
        if (!java.nio.file.Files.exists(runDir.metrics())) {
            return;
        }
        if (engine.resumable() && java.nio.file.Files.exists(runDir.snapshot())) {
            LOG.warn("run {}: continuing an unfinished attempt{} from its last snapshot", run.id(),
                    previous == null ? "" : " (" + previous.outcome() + ")");
            return;
        }
        long lines;
        try (java.util.stream.Stream<String> s = java.nio.file.Files.lines(runDir.metrics())) {
            lines = s.count();
        } catch (IOException | java.io.UncheckedIOException e) {
            lines = -1;
        }
        LOG.warn("run {}: discarding {} metric line(s) of an unfinished attempt{}; it restarts from step 0", run.id(),
                lines < 0 ? "unreadable" : Math.max(0, lines - 1), previous == null ? "" : " (" + previous.outcome() + ")");
    }

    private SweepOutcome run(SweepPlan plan, SweepDirectory dir, Provenance provenance, SweepListener listener)
            throws IOException, InterruptedException {
        AtomicInteger threadIndex = new AtomicInteger();
        int threads = Math.min(parallel, plan.adaptive() == null ? plan.runs().size()
                : Math.max(plan.runs().size(), plan.adaptive().batch()));
        pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "run-" + threadIndex.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Map<StoppingSpec.Asha, AshaBoard> boards = new HashMap<>();
        Batch total = new Batch();
        try {
            List<PlannedRun> all = new ArrayList<>(plan.runs());
            total.add(runBatch(plan, plan.runs(), dir, provenance, listener, boards));
            AdaptiveSearch adaptive = plan.adaptive();
            while (adaptive != null && !cancelled && all.size() < adaptive.budget()) {
                List<AdaptiveSearch.Finished> history = new ArrayList<>();
                for (int i = 0; i < total.done.size(); i++) {
                    history.add(new AdaptiveSearch.Finished(total.runs.get(i), metric(total.done.get(i), adaptive.metric())));
                }
                List<PlannedRun> next;
                try {
                    next = adaptive.propose(history, all.size(), Math.min(adaptive.batch(), adaptive.budget() - all.size()));
                } catch (dev.rnnlab.runner.config.ConfigException e) {
                    throw new IllegalStateException("a proposal of the search does not bind: " + e.getMessage(), e);
                }
                all.addAll(next);
                dir.writePlan(plan, all);
                total.add(runBatch(plan, next, dir, provenance, listener, boards));
            }
        } finally {
            pool.shutdownNow();
        }
        int planned = plan.adaptive() == null ? plan.runs().size() : plan.adaptive().budget();
        return new SweepOutcome(total.done, total.skipped, cancelled ? planned - total.done.size() : 0);
    }

    /** Runs (and summaries) finished so far, in the order they were planned. */
    private static final class Batch {
        final List<PlannedRun> runs = new ArrayList<>();
        final List<RunSummary> done = new ArrayList<>();
        int skipped;

        void add(Batch other) {
            runs.addAll(other.runs);
            done.addAll(other.done);
            skipped += other.skipped;
        }
    }

    private static double metric(RunSummary s, String metric) {
        Double v = switch (metric) {
            case "final_val_loss" -> s.finalValLoss();
            case "final_train_loss" -> s.finalTrainLoss();
            case "test_loss" -> s.testLoss();
            default -> s.bestValLoss();
        };
        return v == null || !Double.isFinite(v) ? Double.POSITIVE_INFINITY : v;
    }

    private Batch runBatch(SweepPlan plan, List<PlannedRun> runs, SweepDirectory dir, Provenance provenance,
                           SweepListener listener, Map<StoppingSpec.Asha, AshaBoard> boards)
            throws IOException, InterruptedException {
        List<Future<RunSummary>> futures = new ArrayList<>();
        List<PlannedRun> submitted = new ArrayList<>();
        Batch batch = new Batch();
        try {
            for (PlannedRun run : runs) {
                RunDirectory runDir = dir.run(run);
                RunSummary previous = runDir.readSummary().orElse(null);
                if (runDir.finishedSummary(run.id(), run.resolvedConfig()).isPresent()) {
                    batch.skipped++;
                    listener.runSkipped(run, previous);
                    futures.add(CompletableFuture.completedFuture(previous));
                    submitted.add(run);
                    continue;
                }
                EngineProvider engine = engines.find(run.spec().engine()).orElseThrow(
                        () -> new IllegalStateException("engine '" + run.spec().engine() + "' vanished after planning"));
                warnIfDiscarding(run, runDir, previous, engine);
                StoppingSpec.Asha ashaSpec = run.spec().stopping().asha();
                AshaBoard asha = ashaSpec == null ? null : boards.computeIfAbsent(ashaSpec, AshaBoard::new);
                if (cancelled) {
                    break;
                }
                futures.add(pool.submit(() -> {
                    listener.runStarted(run);
                    RunSummary s = new RunExecution(engine, plan.name(), provenance, asha, threadsPerRun, snapshotEvery)
                            .execute(run, runDir);
                    listener.runFinished(run, s);
                    return s;
                }));
                submitted.add(run);
            }
            for (int i = 0; i < futures.size(); i++) {
                try {
                    batch.done.add(futures.get(i).get());
                    batch.runs.add(submitted.get(i));
                } catch (CancellationException e) {
                    // never started: cancelled before its turn
                }
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
        }
        return batch;
    }
}
