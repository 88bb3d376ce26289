package dev.rnnlab.spark;

import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.exec.RunTask;
import dev.rnnlab.runner.exec.SweepOutcome;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.RunDirectory;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.store.SweepLock;
import dev.rnnlab.runner.sweep.PlannedRun;
import dev.rnnlab.runner.sweep.SweepPlan;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;

/**
 * Runs a sweep on Spark: one run per task, each a {@link RunTask} that executes exactly as a local run does,
 * into the sweep directory on storage every worker sees (a shared file system). The driver holds the sweep's
 * lock, checks and records the plan, and skips finished runs, as {@link dev.rnnlab.runner.exec.LocalExecutor}
 * does; a task that Spark retries continues its run from the last snapshot, or redoes it, in the same
 * directory, so no run is ever duplicated; two attempts at once take turns on the run's lock ({@link RunTask}).
 *
 * <p>Not here (they decide from results as runs finish, in the driver's memory): model-based search and ASHA;
 * both are refused before anything runs.
 */
public final class SparkExecutor {

    private final JavaSparkContext spark;
    private final int threadsPerRun;
    private final Duration snapshotEvery;
    private final Duration lockGrace;

    public SparkExecutor(JavaSparkContext spark, int threadsPerRun, Duration snapshotEvery, Duration lockGrace) {
        this.spark = spark;
        this.threadsPerRun = threadsPerRun;
        this.snapshotEvery = snapshotEvery;
        this.lockGrace = lockGrace;
    }

    public SweepOutcome execute(SweepPlan plan, SweepDirectory dir, Provenance provenance)
            throws IOException, SweepLock.HeldException, SweepDirectory.PlanChangedException {
        if (plan.adaptive() != null) {
            throw new IllegalArgumentException("sweep '" + plan.name() + "' proposes runs from results as they "
                    + "arrive (model-based search); run it with `rnnlab sweep`");
        }
        for (PlannedRun run : plan.runs()) {
            if (run.spec().stopping().asha() != null) {
                throw new IllegalArgumentException("sweep '" + plan.name() + "' stops runs by ASHA, whose rungs "
                        + "compare runs as they finish; run it with `rnnlab sweep`");
            }
        }
        try (SweepLock lock = SweepLock.acquire(dir.path(), lockGrace)) {
            dir.checkPlan(plan, false);
            dir.removeStaleTempFiles();
            dir.writePlan(plan);
            Map<String, RunSummary> finished = new HashMap<>();
            List<RunTask> tasks = new ArrayList<>();
            for (PlannedRun run : plan.runs()) {
                RunDirectory runDir = dir.run(run);
                RunSummary previous = runDir.finishedSummary(run.id(), run.resolvedConfig()).orElse(null);
                if (previous != null) {
                    finished.put(run.id(), previous);
                } else {
                    tasks.add(new RunTask(run, runDir.path().toAbsolutePath().toString(), plan.name(), provenance,
                            threadsPerRun, snapshotEvery.toMillis()));
                }
            }
            // One partition per run: a retry then redoes only that run.
            List<RunSummary> done = tasks.isEmpty() ? List.of()
                    : spark.parallelize(tasks, tasks.size()).map(new Execute()).collect();
            Map<String, RunSummary> byId = new HashMap<>(finished);
            done.forEach(s -> byId.put(s.runId(), s));
            List<RunSummary> inPlanOrder = new ArrayList<>();
            for (PlannedRun run : plan.runs()) {
                inPlanOrder.add(byId.get(run.id()));
            }
            return new SweepOutcome(inPlanOrder, finished.size(), 0);
        }
    }

    /** On the executor: the engines of its own class path, then the run. */
    static final class Execute implements Function<RunTask, RunSummary> {
        @Override
        public RunSummary call(RunTask task) throws IOException {
            return task.execute(EngineRegistry.discover(Execute.class.getClassLoader()));
        }
    }
}
