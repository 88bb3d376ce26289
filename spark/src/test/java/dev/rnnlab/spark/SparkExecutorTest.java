package dev.rnnlab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.exec.LocalExecutor;
import dev.rnnlab.runner.exec.SweepListener;
import dev.rnnlab.runner.exec.SweepOutcome;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.store.SweepLock;
import dev.rnnlab.runner.sweep.SweepPlan;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep on Spark in local mode ({@code local[2,2]}: two task slots, a failed task retried once): every run
 * gives the bits the local executor gives, finished runs are skipped, an unfinished run is redone in its own
 * directory and nowhere else, and what Spark cannot run is refused before anything starts.
 */
class SparkExecutorTest {

    static JavaSparkContext spark;

    @TempDir Path dir;

    static final String SWEEP = """
            name: on-spark
            dataset: {kind: sine, seq_len: 12, train_size: 64, val_size: 16}
            model: {cell: gru, hidden: 6}
            training:
              steps: 60
              batch_size: 8
              eval_every: 20
              optimizer: {kind: adam, lr: 0.01}
            telemetry: {every: 1, detail_every: 30}
            sweep:
              grid:
                model.hidden: [6, 10]
                seed: [1, 2]
            """;

    @BeforeAll
    static void start() {
        spark = new JavaSparkContext(new SparkConf().setMaster("local[2,2]").setAppName("rnnlab-test")
                .set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    SweepPlan plan(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("sweep.yaml"), yaml);
        return new SweepPlanner(EngineRegistry.discover(getClass().getClassLoader())).plan(file, List.of());
    }

    SweepOutcome onSpark(SweepPlan plan, Path out) throws Exception {
        return new SparkExecutor(spark, 1, Duration.ofSeconds(60), SweepLock.DEFAULT_GRACE)
                .execute(plan, SweepDirectory.of(out, plan), Provenance.of(dir.resolve("sweep.yaml"), plan.sourceText()));
    }

    @Test
    void runsGiveTheLocalBitsFinishedOnesAreSkippedAndAnUnfinishedOneIsRedoneInPlace() throws Exception {
        SweepPlan plan = plan(SWEEP);
        SweepOutcome first = onSpark(plan, dir.resolve("spark"));
        assertEquals(Map.of("completed", 4), first.counts());
        new LocalExecutor(EngineRegistry.discover(getClass().getClassLoader()), 1).execute(plan,
                SweepDirectory.of(dir.resolve("local"), plan), Provenance.of(dir.resolve("sweep.yaml"), plan.sourceText()),
                SweepListener.NONE);
        for (RunSummary s : first.runs()) {
            for (String f : List.of("metrics.csv", "time_profile.csv", "model.safetensors")) {
                assertEquals(bytes(dir.resolve("local/on-spark/runs/" + s.runId() + "/" + f)),
                        bytes(dir.resolve("spark/on-spark/runs/" + s.runId() + "/" + f)), s.runId() + " " + f);
            }
        }

        SweepOutcome again = onSpark(plan, dir.resolve("spark"));
        assertEquals(4, again.skipped(), "all finished: nothing runs");

        // As a task killed part-way leaves it: no summary, a torn metrics file. It is redone in place.
        String id = first.runs().get(2).runId();
        Path run = dir.resolve("spark/on-spark/runs/" + id);
        Files.delete(run.resolve("summary.json"));
        Files.writeString(run.resolve("metrics.csv"), "step,train_loss\n1,0.5");
        SweepOutcome redone = onSpark(plan, dir.resolve("spark"));
        assertEquals(3, redone.skipped());
        assertEquals("completed", redone.runs().get(2).outcome());
        assertEquals(bytes(dir.resolve("local/on-spark/runs/" + id + "/metrics.csv")), bytes(run.resolve("metrics.csv")));
        try (Stream<Path> runs = Files.list(dir.resolve("spark/on-spark/runs"))) {
            assertEquals(4, runs.count(), "one directory per run, whatever the attempts");
        }
    }

    @Test
    void aDeeplearning4jSweepRunsOnSparkToTheLocalBits() throws Exception {
        SweepPlan plan = plan(SWEEP.replace("model: {cell: gru, hidden: 6}", "engine: dl4j\nmodel: {cell: lstm, hidden: 6}")
                .replace("steps: 60", "steps: 20").replace("seed: [1, 2]", "seed: [1]"));
        SweepOutcome spark = onSpark(plan, dir.resolve("spark-dl4j"));
        assertEquals(Map.of("completed", 2), spark.counts());
        new LocalExecutor(EngineRegistry.discover(getClass().getClassLoader()), 1).execute(plan,
                SweepDirectory.of(dir.resolve("local-dl4j"), plan), Provenance.of(dir.resolve("sweep.yaml"),
                        plan.sourceText()), SweepListener.NONE);
        for (RunSummary s : spark.runs()) {
            assertEquals("dl4j", s.engine());
            for (String f : List.of("metrics.csv", "model.safetensors")) {
                assertEquals(bytes(dir.resolve("local-dl4j/on-spark/runs/" + s.runId() + "/" + f)),
                        bytes(dir.resolve("spark-dl4j/on-spark/runs/" + s.runId() + "/" + f)), s.runId() + " " + f);
            }
        }
    }

    @Test
    void whatDecidesFromResultsAsRunsFinishIsRefusedBeforeAnythingRuns() throws Exception {
        SweepPlan asha = plan(SWEEP.replace("sweep:", "stopping: {asha: {min_steps: 20}}\nsweep:"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> onSpark(asha, dir.resolve("x")));
        assertTrue(e.getMessage().contains("ASHA"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("x/on-spark/runs")), "nothing written");
    }

    @Test
    void theSparkSubmitEntryPointRunsTheSweepAndWritesTheReport() throws Exception {
        Files.writeString(dir.resolve("sweep.yaml"), SWEEP);
        int code = SparkSweep.run(new String[] {dir.resolve("sweep.yaml").toString(), "training.steps=10",
                "--out", dir.resolve("cli").toString()}, spark);
        assertEquals(0, code);
        assertTrue(Files.exists(dir.resolve("cli/on-spark/report.html")));
        assertEquals(2, SparkSweep.run(new String[] {dir.resolve("sweep.yaml").toString(), "model.hiden=3"}, spark),
                "a config error exits 2");
    }

    private static String bytes(Path p) throws Exception {
        return java.util.Arrays.toString(Files.readAllBytes(p));
    }
}
