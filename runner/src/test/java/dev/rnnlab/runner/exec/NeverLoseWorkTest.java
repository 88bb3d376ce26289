package dev.rnnlab.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnlab.runner.Configs;
import dev.rnnlab.runner.FakeEngine;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.store.SweepLock;
import dev.rnnlab.runner.sweep.PlannedRun;
import dev.rnnlab.runner.sweep.SweepPlan;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locking, plan changes, provenance, stopping rules, time limits and cancellation, with a scripted engine. */
class NeverLoseWorkTest {

    @TempDir Path dir;
    final FakeEngine engine = new FakeEngine();

    SweepPlan plan(String hidden, String extra) throws Exception {
        String yaml = Configs.VALID.replace("[8, 16, 32]", hidden).replace("steps: 2000", "steps: 20")
                .replace("eval_every: 100", "eval_every: 5").replace("training.optimizer.lr: [0.01, 0.001]\n", "")
                .replace("sweep:", extra + "sweep:");
        return new SweepPlanner(FakeEngine.registry(engine)).plan(Configs.write(dir, "x.yaml", yaml), List.of());
    }

    SweepOutcome execute(SweepPlan plan, int parallel) throws Exception {
        return new LocalExecutor(FakeEngine.registry(engine), parallel)
                .execute(plan, SweepDirectory.of(dir.resolve("results"), plan), LocalExecutorTest.PROVENANCE,
                        SweepListener.NONE);
    }

    Map<String, String> outcomes(SweepOutcome o) {
        Map<String, String> m = new java.util.TreeMap<>();
        o.runs().forEach(r -> m.put(r.swept().get("model.hidden"), r.outcome()));
        return m;
    }

    @Test
    void aLiveLockMakesASecondSweepExitNamingTheHolder() throws Exception {
        SweepPlan plan = plan("[8]", "");
        try (SweepLock held = SweepLock.acquire(dir.resolve("results/sine-quickstart"), SweepLock.DEFAULT_GRACE)) {
            SweepLock.HeldException e = assertThrows(SweepLock.HeldException.class, () -> execute(plan, 1));
            assertTrue(e.getMessage().contains("is being written by pid " + ProcessHandle.current().pid() + "@"),
                    e.getMessage());
        }
        assertEquals("completed", execute(plan, 1).runs().get(0).outcome(), "released: the sweep runs");
        assertFalse(Files.exists(dir.resolve("results/sine-quickstart/lock")), "released after the sweep");
    }

    @Test
    void aStaleLockIsTakenOver() throws Exception {
        Path lock = dir.resolve("results/sine-quickstart/lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "pid 999999@gone since 2020-01-01T00:00:00Z\n");
        Files.setLastModifiedTime(lock, FileTime.from(Instant.now().minus(Duration.ofMinutes(5))));
        assertEquals("completed", execute(plan("[8]", ""), 1).runs().get(0).outcome());
    }

    @Test
    void aChangedPlanRunsUnderTheSameNameBesideTheOldRunsAndPlanJsonKeepsTheEarlierPlan() throws Exception {
        execute(plan("[8, 16]", ""), 1);
        SweepOutcome changed = execute(plan("[8, 24]", ""), 1);
        assertEquals(1, changed.skipped(), "hidden 8 is in both plans: content-addressed, not rerun");
        assertEquals(2, changed.runs().size());
        try (var runs = Files.list(dir.resolve("results/sine-quickstart/runs"))) {
            assertEquals(3, runs.count(), "the run only the first plan had stays on disk");
        }
        JsonNode planJson = new ObjectMapper().readTree(dir.resolve("results/sine-quickstart/plan.json").toFile());
        assertEquals(List.of("8", "24"), values(planJson.get("runs")));
        assertEquals(1, planJson.get("history").size());
        assertEquals(List.of("8", "16"), values(planJson.get("history").get(0).get("runs")));
        assertFalse(planJson.get("history").get(0).has("history"), "each earlier plan once, not nested");
        assertEquals(2, execute(plan("[24, 8]", ""), 1).skipped(), "the same runs in another order are the same plan");
        assertEquals(1, new ObjectMapper().readTree(dir.resolve("results/sine-quickstart/plan.json").toFile())
                .get("history").size(), "the same plan again adds no history");
        execute(plan("[32]", ""), 1);
        JsonNode third = new ObjectMapper().readTree(dir.resolve("results/sine-quickstart/plan.json").toFile());
        assertEquals(List.of("8", "16"), values(third.get("history").get(0).get("runs")), "oldest first");
        assertEquals(List.of("24", "8"), values(third.get("history").get(1).get("runs")), "as last written");
    }

    @Test
    void withFreshAChangedPlanIsRefusedAndNothingIsWritten() throws Exception {
        execute(plan("[8, 16]", ""), 1);
        SweepDirectory.PlanChangedException e = assertThrows(SweepDirectory.PlanChangedException.class,
                () -> new LocalExecutor(FakeEngine.registry(engine), 1).refusingChangedPlans().execute(plan("[8, 24]", ""),
                        SweepDirectory.of(dir.resolve("results"), plan("[8, 24]", "")), LocalExecutorTest.PROVENANCE,
                        SweepListener.NONE));
        assertTrue(e.getMessage().contains("1 run(s) new, 1 gone) and --fresh refuses"), e.getMessage());
        try (var runs = Files.list(dir.resolve("results/sine-quickstart/runs"))) {
            assertEquals(2, runs.count(), "no run of the changed plan was written");
        }
        assertFalse(new ObjectMapper().readTree(dir.resolve("results/sine-quickstart/plan.json").toFile()).has("history"));
    }

    private static List<String> values(JsonNode runs) {
        List<String> out = new java.util.ArrayList<>();
        runs.forEach(r -> out.add(r.get("swept").get("model.hidden").asText()));
        return out;
    }

    @Test
    void everyRunRecordsItsProvenance() throws Exception {
        SweepOutcome o = execute(plan("[8]", ""), 1);
        RunSummary s = o.runs().get(0);
        assertEquals("abc123", s.provenance().get("git_commit"));
        assertEquals(false, s.provenance().get("git_dirty"));
        assertEquals("native", s.provenance().get("engine"));
        assertEquals("fake-1", s.provenance().get("engine_version"));
        assertEquals(1L, ((Number) s.provenance().get("seed")).longValue());
        assertEquals(1, s.provenance().get("threads"));
        JsonNode file = new ObjectMapper().readTree(dir.resolve("results/sine-quickstart/runs/" + s.runId()
                + "/provenance.json").toFile());
        assertEquals("host", file.get("host").asText());
        assertTrue(file.has("started_at") && file.has("finished_at"));
    }

    @Test
    void provenanceReadsTheGitCommitAndDirtyFlagOfTheConfigsRepository() throws Exception {
        Path repo = dir.resolve("repo");
        Files.createDirectories(repo);
        Path config = Files.writeString(repo.resolve("x.yaml"), "name: x\n");
        assertEquals(Provenance.UNKNOWN, Provenance.of(config, "name: x\n").gitCommit(), "not a repository");
        git(repo, "init", "-q");
        git(repo, "add", "x.yaml");
        git(repo, "-c", "user.email=t@t", "-c", "user.name=t", "commit", "-q", "-m", "x");
        Provenance clean = Provenance.of(config, "name: x\n");
        assertEquals(40, clean.gitCommit().length());
        assertEquals(false, clean.gitDirty());
        Files.writeString(config, "name: y\n");
        assertEquals(true, Provenance.of(config, "name: y\n").gitDirty());
        assertEquals(Provenance.sha256("name: y\n"), Provenance.of(config, "name: y\n").configSha256());
    }

    @Test
    void stoppingRulesEndRunsAndSayWhy() throws Exception {
        SweepOutcome guard = execute(plan("[" + FakeEngine.RISES + ", 8]", "stopping: {divergence: {factor: 3}}\n"), 1);
        RunSummary rising = guard.runs().get(0);
        assertEquals("stopped", rising.outcome());
        assertEquals(4, rising.stepsDone(), "loss 4 > 3 x 1 at step 4");
        assertTrue(rising.detail().startsWith("stopped by the divergence guard at step 4"), rising.detail());
        assertEquals("completed", guard.runs().get(1).outcome());

        SweepOutcome plateau = execute2("[" + FakeEngine.FLAT + "]", "stopping: {plateau: {patience: 2}}\n");
        RunSummary flat = plateau.runs().get(0);
        assertEquals("stopped", flat.outcome());
        assertEquals(15, flat.stepsDone(), "best at step 5, no improvement at 10 and 15");
        assertTrue(flat.detail().contains("plateau rule at step 15"), flat.detail());
    }

    @Test
    void ashaKeepsTheBestFractionAtEachRung() throws Exception {
        SweepOutcome o = execute(plan("[8, 16, 24, 32]", "stopping: {asha: {min_steps: 5, reduction: 2}}\n"), 1);
        assertEquals(Map.of("8", "completed", "16", "stopped", "24", "stopped", "32", "stopped"), outcomes(o));
        RunSummary second = o.runs().get(1);
        assertEquals(5, second.stepsDone());
        assertTrue(second.detail().contains("ASHA at rung 5 steps") && second.detail().contains("best 1 of the 2"),
                second.detail());
        assertEquals(4, execute(plan("[8, 16, 24, 32]", "stopping: {asha: {min_steps: 5, reduction: 2}}\n"), 1)
                .skipped(), "stopped runs are finished: not run again");
    }

    @Test
    void aRunOverItsTimeLimitEndsAsTimedOutWithItsMetricsKept() throws Exception {
        SweepOutcome o = execute(plan("[" + FakeEngine.SLOW + "]", "stopping: {timeout_s: 0.3}\n"), 1);
        RunSummary s = o.runs().get(0);
        assertEquals("timed_out", s.outcome());
        assertTrue(s.stepsDone() >= 4 && s.stepsDone() < 20, "steps done: " + s.stepsDone());
        assertTrue(o.anyFailed());
        long rows = Files.readAllLines(dir.resolve("results/sine-quickstart/runs/" + s.runId() + "/metrics.csv")).size();
        assertTrue(rows >= s.stepsDone(), "metrics so far are kept");
    }

    @Test
    void cancellingInterruptsRunningRunsStartsNoMoreAndTheNextExecutionFinishesThem() throws Exception {
        SweepPlan plan = plan("[" + FakeEngine.SLOW + ", 8, 16]", "");
        LocalExecutor executor = new LocalExecutor(FakeEngine.registry(engine), 1);
        CountDownLatch started = new CountDownLatch(1);
        var background = Executors.newSingleThreadExecutor();
        Future<SweepOutcome> f = background.submit(() -> executor.execute(plan,
                SweepDirectory.of(dir.resolve("results"), plan), LocalExecutorTest.PROVENANCE, new SweepListener() {
                    @Override
                    public void runStarted(PlannedRun run) {
                        started.countDown();
                    }
                }));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        Thread.sleep(150);
        executor.cancel();
        SweepOutcome o = f.get(10, TimeUnit.SECONDS);
        background.shutdown();
        assertEquals(List.of("interrupted"), o.runs().stream().map(RunSummary::outcome).toList());
        assertEquals(2, o.notStarted());
        assertFalse(Files.exists(dir.resolve("results/sine-quickstart/lock")), "the lock is released");
        SweepOutcome resumed = execute(plan, 1);
        assertEquals(Map.of("completed", 3), resumed.counts());
        assertEquals(0, resumed.skipped(), "an interrupted run is not finished: it runs again");
    }

    /**
     * An interrupted run continues from its last snapshot, and its stopping rules continue with it: a plateau
     * rule that counted evaluations before the interruption stops the run at the step an uninterrupted run
     * stops at, with the same metrics.
     */
    @Test
    void anInterruptedRunContinuesFromItsSnapshotWithItsStoppingRulesState() throws Exception {
        SweepPlan plan = plan("[" + FakeEngine.FLAT_SLOW + "]", "stopping: {plateau: {patience: 2}}\n");
        SweepPlan reference = plan;
        SweepOutcome whole = new LocalExecutor(FakeEngine.registry(new FakeEngine()), 1, 1, SweepLock.DEFAULT_GRACE,
                Duration.ZERO).execute(reference, SweepDirectory.of(dir.resolve("reference"), reference),
                LocalExecutorTest.PROVENANCE, SweepListener.NONE);
        assertEquals(15, whole.runs().get(0).stepsDone(), "best at 5, none better at 10 and 15");

        // Snapshots only when interrupted (the interval is an hour): the run must lose no step.
        LocalExecutor executor = new LocalExecutor(FakeEngine.registry(engine), 1, 1, SweepLock.DEFAULT_GRACE,
                Duration.ofHours(1));
        var background = Executors.newSingleThreadExecutor();
        Future<SweepOutcome> f = background.submit(() -> executor.execute(plan,
                SweepDirectory.of(dir.resolve("results"), plan), LocalExecutorTest.PROVENANCE, SweepListener.NONE));
        Thread.sleep(600); // about 12 of the 15 steps
        executor.cancel();
        SweepOutcome first = f.get(10, TimeUnit.SECONDS);
        background.shutdown();
        RunSummary interrupted = first.runs().get(0);
        assertEquals("interrupted", interrupted.outcome());
        assertTrue(interrupted.stepsDone() > 10 && interrupted.stepsDone() < 15, "steps: " + interrupted.stepsDone());
        Path run = dir.resolve("results/sine-quickstart/runs/" + interrupted.runId());
        assertTrue(Files.exists(run.resolve("resume.safetensors")), "an interrupted run keeps its snapshot");

        RunSummary resumed = execute(plan, 1).runs().get(0);
        assertEquals(1, engine.resumed.get(), "continued, not restarted");
        assertEquals(interrupted.stepsDone(), new ObjectMapper().readTree(run.resolve("provenance.json").toFile())
                .get("resumed_from_step").asLong(), "from the step it was interrupted at: nothing lost");
        assertEquals("stopped", resumed.outcome());
        assertEquals(15, resumed.stepsDone(), "the plateau count survived the interruption");
        assertEquals(whole.runs().get(0).detail(), resumed.detail());
        assertEquals(Files.readString(dir.resolve("reference/sine-quickstart/runs/" + resumed.runId() + "/metrics.csv")),
                Files.readString(run.resolve("metrics.csv")));
        assertFalse(Files.exists(run.resolve("resume.safetensors")), "the snapshot goes once the run has ended");
    }

    private SweepOutcome execute2(String hidden, String extra) throws Exception {
        SweepPlan p = plan(hidden, extra.replace("stopping", "stopping").replace("sine-quickstart", "x"));
        return new LocalExecutor(FakeEngine.registry(engine), 1).execute(p, SweepDirectory.of(dir.resolve("results2"), p),
                LocalExecutorTest.PROVENANCE, SweepListener.NONE);
    }

    private static void git(Path repo, String... args) throws Exception {
        String[] cmd = new String[args.length + 3];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = repo.toString();
        System.arraycopy(args, 0, cmd, 3, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }
}
