package dev.rnnlab.runner.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.rnnlab.runner.Configs;
import dev.rnnlab.runner.FakeEngine;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.sweep.PlannedRun;
import dev.rnnlab.runner.sweep.SweepPlan;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run as a serialisable task, as Spark ships it: it survives Java serialisation, two attempts of one run
 * at once take turns (one trains, the other returns its summary), and a finished run is not trained again.
 */
class RunTaskTest {

    @TempDir Path dir;
    final FakeEngine engine = new FakeEngine();

    RunTask task() throws Exception {
        String yaml = Configs.VALID.replace("[8, 16, 32]", "[" + FakeEngine.SLOW + "]").replace("steps: 2000", "steps: 20")
                .replace("eval_every: 100", "eval_every: 5").replace("training.optimizer.lr: [0.01, 0.001]\n", "");
        SweepPlan plan = new SweepPlanner(FakeEngine.registry(engine)).plan(Configs.write(dir, "x.yaml", yaml), List.of());
        PlannedRun run = plan.runs().get(0);
        SweepDirectory sweep = SweepDirectory.of(dir.resolve("results"), plan);
        return new RunTask(run, sweep.run(run).path().toString(), plan.name(), LocalExecutorTest.PROVENANCE, 1, 0);
    }

    @Test
    void survivesJavaSerialisationAsSparkShipsIt() throws Exception {
        RunTask t = task();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(t);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            RunTask back = (RunTask) in.readObject();
            assertEquals(t.run().id(), back.run().id());
            assertEquals(t.run().resolvedConfig(), back.run().resolvedConfig());
            assertEquals("completed", back.execute(FakeEngine.registry(engine)).outcome());
        }
    }

    @Test
    void twoAttemptsAtOnceTakeTurnsAndTheRunIsTrainedOnce() throws Exception {
        RunTask t = task();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Future<RunSummary> a = two.submit(() -> t.execute(FakeEngine.registry(engine)));
            Future<RunSummary> b = two.submit(() -> t.execute(FakeEngine.registry(engine)));
            RunSummary sa = a.get();
            RunSummary sb = b.get();
            assertEquals("completed", sa.outcome());
            assertEquals(List.of(sa.runId(), sa.startedAt(), sa.finishedAt()), List.of(sb.runId(), sb.startedAt(),
                    sb.finishedAt()), "the second attempt returns the first one's summary");
        } finally {
            two.shutdown();
        }
        assertEquals(1, engine.trained.get(), "trained once");
        Path run = Path.of(t.runDir());
        assertEquals(1 + 21, Files.readAllLines(run.resolve("metrics.csv")).size(), "header, step 0, steps 1..20");
        try (Stream<Path> files = Files.list(run.getParent())) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".lock")), "the lock is released");
        }
        assertEquals("completed", t.execute(FakeEngine.registry(engine)).outcome());
        assertEquals(1, engine.trained.get(), "a finished run is not trained again");
    }
}
