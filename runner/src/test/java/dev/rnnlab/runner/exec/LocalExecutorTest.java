package dev.rnnlab.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.runner.Configs;
import dev.rnnlab.runner.FakeEngine;
import dev.rnnlab.runner.config.ConfigNode;
import dev.rnnlab.runner.config.ExperimentBinder;
import dev.rnnlab.runner.config.YamlLoader;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.RunDirectory;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.sweep.PlannedRun;
import dev.rnnlab.runner.sweep.SweepPlan;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalExecutorTest {

    static final Provenance PROVENANCE = new Provenance("abc123", false, "cafe", "dev", "jvm", "os", "arch", "host");

    @TempDir Path dir;
    final FakeEngine engine = new FakeEngine();

    SweepPlan plan(String hiddenValues) throws Exception {
        String yaml = Configs.VALID.replace("[8, 16, 32]", hiddenValues).replace("steps: 2000", "steps: 20")
                .replace("eval_every: 100", "eval_every: 5");
        return new SweepPlanner(FakeEngine.registry(engine)).plan(Configs.write(dir, "x.yaml", yaml), List.of());
    }

    SweepOutcome execute(SweepPlan plan, int parallel) throws Exception {
        return new LocalExecutor(FakeEngine.registry(engine), parallel)
                .execute(plan, SweepDirectory.of(dir.resolve("results"), plan), PROVENANCE, SweepListener.NONE);
    }

    @Test
    void everyRunGetsItsDirectoryWithConfigMetricsAndSummary() throws Exception {
        SweepPlan plan = plan("[8, 16]");
        SweepOutcome outcome = execute(plan, 2);
        assertEquals(Map.of("completed", 4), outcome.counts());
        Path sweepDir = dir.resolve("results/sine-quickstart");
        assertTrue(Files.isRegularFile(sweepDir.resolve("plan.json")));
        assertTrue(Files.readString(sweepDir.resolve("sweep.yaml")).contains("name: sine-quickstart"));
        for (PlannedRun run : plan.runs()) {
            Path runDir = sweepDir.resolve("runs").resolve(run.id());
            String config = Files.readString(runDir.resolve("config.yaml"));
            assertEquals(run.resolvedConfig(), config);
            assertEquals(run.spec(), ExperimentBinder.bind((ConfigNode.Mapping) YamlLoader.load("c", config)),
                    "config.yaml re-runs as is");
            List<String> metrics = Files.readAllLines(runDir.resolve("metrics.csv"));
            assertEquals(1 + 20 + 1, metrics.size(), "header, step 0 validation, 20 steps");
            double scale = run.spec().model().hidden() / 8.0;
            assertTrue(metrics.get(6).startsWith("5," + scale / 5 + "," + 1.5 * scale / 5 + ","), metrics.get(6));
            RunSummary s = outcome.runs().get(run.index());
            assertEquals(run.id(), s.runId());
            assertEquals("completed", s.outcome());
            assertEquals(scale / 20, s.finalTrainLoss(), 1e-12);
            assertEquals(1.5 * scale / 20, s.bestValLoss(), 1e-12);
            assertEquals(run.swept(), s.swept());
        }
    }

    @Test
    void aRunThatThrowsOrDivergesIsRecordedAndTheSweepGoesOn() throws Exception {
        SweepPlan plan = plan("[" + FakeEngine.THROWS + ", " + FakeEngine.DIVERGES + ", 8]");
        SweepOutcome outcome = execute(plan, 1);
        assertEquals(Map.of("completed", 2, "diverged", 2, "failed", 2), outcome.counts());
        assertTrue(outcome.anyFailed());
        RunSummary failed = outcome.runs().get(0);
        assertEquals("failed", failed.outcome());
        assertTrue(failed.detail().contains("scripted failure"), failed.detail());
        RunSummary diverged = outcome.runs().get(2);
        assertEquals("diverged", diverged.outcome());
        assertEquals(2, diverged.stepsDone());
        assertEquals(null, diverged.finalTrainLoss(), "NaN is written as null");
        assertEquals(null, diverged.finalValLoss(), "the engine's last validation loss is the one at step 0");
        assertEquals(null, diverged.bestValLoss(), "no evaluation after step 0");
        assertEquals(null, diverged.bestValStep());
    }

    @Test
    void finishedRunsAreSkippedWhenTheSweepRunsAgain() throws Exception {
        SweepPlan plan = plan("[" + FakeEngine.THROWS + ", 8]");
        execute(plan, 2);
        assertEquals(4, engine.trained.get());
        SweepOutcome again = execute(plan, 2);
        assertEquals(2, again.skipped(), "completed runs are not redone");
        assertEquals(6, engine.trained.get(), "only the failed runs ran again");
        assertEquals(Map.of("completed", 2, "failed", 2), again.counts());
    }

    @Test
    void anUnfinishedRunDirectoryIsResetBeforeTheRunStartsAgain() throws Exception {
        SweepPlan plan = plan("[8]");
        SweepDirectory sweepDir = SweepDirectory.of(dir.resolve("results"), plan);
        RunDirectory runDir = sweepDir.run(plan.runs().get(0));
        Files.createDirectories(runDir.path());
        Files.writeString(runDir.metrics(), "step,train_loss\n1,9.9\n2,9.");
        Files.writeString(runDir.path().resolve("stale.txt"), "left over");
        execute(plan, 1);
        assertFalse(Files.exists(runDir.path().resolve("stale.txt")));
        List<String> lines = Files.readAllLines(runDir.metrics());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("1,")).count(), "no duplicated steps");
        assertEquals(22, lines.size());
        assertEquals("completed", runDir.readSummary().orElseThrow().outcome());
    }

    @Test
    void runsExecuteInParallel() throws Exception {
        SweepPlan plan = plan("[8, 16, 32]");
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        new LocalExecutor(FakeEngine.registry(engine), 3).execute(plan, SweepDirectory.of(dir.resolve("r"), plan),
                PROVENANCE, new SweepListener() {
                    @Override
                    public void runStarted(PlannedRun run) {
                        threads.add(Thread.currentThread().getName());
                    }
                });
        assertEquals(6, threads.size());
        assertEquals(3, threads.stream().collect(Collectors.toSet()).size(), "3 pool threads used: " + threads);
    }
}
