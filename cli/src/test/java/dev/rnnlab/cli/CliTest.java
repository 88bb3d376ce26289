package dev.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnlab.engine.api.EngineRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands end to end, in process, with the real native engine. */
class CliTest {

    static final String SMALL = """
            name: tiny
            seed: 3
            dataset: {kind: sine, seq_len: 12, train_size: 64, val_size: 16}
            model: {cell: rnn_tanh, hidden: 6}
            training:
              steps: 40
              batch_size: 8
              eval_every: 10
              optimizer: {kind: adam, lr: 0.01}
              clipping: {kind: global_norm, max_norm: 1.0}
            telemetry: {every: 1, detail_every: 20}
            sweep:
              grid:
                model.hidden: [4, 6]
            """;

    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    static Run rnnlab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine(EngineRegistry.discover(CliTest.class.getClassLoader()), new PrintWriter(out),
                new PrintWriter(err)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    Path file(String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    @Test
    void validateAcceptsAGoodConfig() throws Exception {
        Run r = rnnlab("validate", file("ok.yaml", SMALL).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("valid, sweep 'tiny' has 2 runs"), r.out());
    }

    @Test
    void validatePrintsEveryErrorLocatedAndExits2WithoutWritingAnything() throws Exception {
        Path f = file("bad.yaml", SMALL.replace("hidden: 6", "hiden: 6").replace("lr: 0.01", "lr: fast"));
        Run r = rnnlab("validate", f.toString(), "training.steps=-1");
        assertEquals(2, r.code());
        List<String> lines = r.err().lines().toList();
        assertTrue(lines.contains("<cli>:1:16: training.steps: must be in [1, 100000000], got -1"), r.err());
        assertTrue(lines.contains(f + ":4:25: model.hiden: unknown key; did you mean 'hidden'?"), r.err());
        assertTrue(lines.contains(f + ":9:31: training.optimizer.lr: expected a number, got 'fast'"), r.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "validate creates nothing");
        }
    }

    @Test
    void planListsRunsAsTextAndJson() throws Exception {
        Path f = file("ok.yaml", SMALL);
        Run text = rnnlab("plan", f.toString());
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().startsWith("sweep tiny: 2 runs over model.hidden"), text.out());
        Run json = rnnlab("plan", f.toString(), "--json", "seed=4");
        JsonNode plan = new ObjectMapper().readTree(json.out());
        assertEquals(2, plan.get("runs").size());
        assertEquals("4", plan.get("runs").get(1).get("swept").get("model.hidden").asText().equals("6") ? "4"
                : "mismatch");
        assertEquals(4, plan.get("runs").get(0).get("seed").asInt());
        assertTrue(text.out().contains(plan.get("runs").get(0).get("id").asText()) == false,
                "seed=4 changes the run ids");
    }

    @Test
    void sweepRunsEveryRunAndWritesTheReportAndOneLogPerRun() throws Exception {
        Path f = file("ok.yaml", SMALL);
        Path out = dir.resolve("results");
        Run r = rnnlab("sweep", f.toString(), "--out", out.toString(), "--parallel", "2");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("done: 2 completed"), r.out());
        Path sweep = out.resolve("tiny");
        assertTrue(Files.size(sweep.resolve("report.html")) > 50_000, "report with inlined uPlot");
        try (Stream<Path> runs = Files.list(sweep.resolve("runs"))) {
            for (Path run : runs.toList()) {
                for (String name : new String[] {"config.yaml", "metrics.csv", "summary.json", "run.log"}) {
                    assertTrue(Files.isRegularFile(run.resolve(name)), run + "/" + name);
                }
                String log = Files.readString(run.resolve("run.log"));
                assertTrue(log.contains("run " + run.getFileName() + " ") && log.contains("ended: completed"), log);
                assertEquals(1, log.lines().filter(l -> l.contains("starting")).count(), "one run per log: " + log);
                assertEquals(42, Files.readAllLines(run.resolve("metrics.csv")).size());
                List<String> profile = Files.readAllLines(run.resolve("time_profile.csv"));
                assertEquals("step,layer,t,grad_norm", profile.get(0));
                assertEquals(1 + 2 * 12, profile.size(), "steps 20 and 40, one layer, T = 12");
                assertTrue(profile.get(1).startsWith("20,0,1,"), profile.get(1));
                assertEquals(1 + 2 * 6, Files.readAllLines(run.resolve("parameters.csv")).size());
                assertEquals(1 + 2, Files.readAllLines(run.resolve("layers.csv")).size());
                assertEquals(1 + 2, Files.readAllLines(run.resolve("recurrent.csv")).size());
            }
        }
        Run again = rnnlab("sweep", f.toString(), "--out", out.toString());
        assertEquals(0, again.code());
        assertTrue(again.out().contains("(2 finished earlier, skipped)"), again.out());
    }

    @Test
    void whatDeeplearning4jCannotDoIsRefusedAtItsKeyWithTheReason() throws Exception {
        Path f = file("dl4j.yaml", SMALL.replace("seed: 3\n", "seed: 3\nengine: dl4j\n")
                .replace("model: {cell: rnn_tanh, hidden: 6}", "model: {cell: gru, hidden: 6}")
                .replace("  steps: 40\n", "  steps: 40\n  stateful: true\n  bptt: {kind: truncated, window: 6}\n"));
        Run r = rnnlab("validate", f.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(f + ":5:15: model.cell: engine 'dl4j' does not support cell 'gru' (it supports [lstm, "
                + "rnn_relu, rnn_tanh]): Deeplearning4j 1.0.0-M2.1 has no GRU layer"), r.err());
        assertTrue(r.err().contains(": training.bptt: engine 'dl4j' does not support truncated BPTT"), r.err());
        assertTrue(r.err().contains(": training.stateful: engine 'dl4j' does not support stateful training: "
                + "Deeplearning4j 1.0.0-M2.1 carries states only under its truncated BPTT"), r.err());
        Path lstm = file("dl4j-lstm.yaml", SMALL.replace("seed: 3\n", "seed: 3\nengine: dl4j\n")
                .replace("model: {cell: rnn_tanh, hidden: 6}", "model: {cell: lstm, hidden: 6}"));
        Run ok = rnnlab("sweep", lstm.toString(), "--out", dir.resolve("results").toString(), "--quiet");
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("done: 2 completed"), ok.out());
        String provenance = Files.readString(Files.list(dir.resolve("results/tiny/runs")).findFirst().orElseThrow()
                .resolve("provenance.json"));
        assertTrue(provenance.contains("\"engine\" : \"dl4j\"") && provenance.contains("nd4j-native 1.0.0-M2.1")
                && provenance.contains("\"time_profile\" : \"not available on dl4j for lstm\""), provenance);
    }

    @Test
    void aChangedValueRunsUnderTheSameNameAndFreshRefusesIt() throws Exception {
        Path f = file("ok.yaml", SMALL);
        Path out = dir.resolve("results");
        assertEquals(0, rnnlab("sweep", f.toString(), "--out", out.toString(), "--quiet").code());
        Run changed = rnnlab("sweep", f.toString(), "sweep.grid.model.hidden=[6, 8]", "--out", out.toString(), "--quiet");
        assertEquals(0, changed.code(), changed.out() + changed.err());
        assertTrue(changed.out().contains("done: 2 completed (1 finished earlier, skipped)"), changed.out());
        Run fresh = rnnlab("sweep", f.toString(), "sweep.grid.model.hidden=[8, 10]", "--out", out.toString(), "--fresh");
        assertEquals(1, fresh.code(), fresh.out() + fresh.err());
        assertTrue(fresh.err().contains("--fresh refuses to add to it"), fresh.err());
        String html = Files.readString(out.resolve("tiny/report.html"));
        assertTrue(html.contains("\"older\":[{\"id\":"), "the run only the first plan had is listed as older");
    }

    /**
     * Threads within a run change nothing but speed: the same metrics, bit for bit, and the count in the
     * provenance. The model is large enough for the kernels to split their work.
     */
    @Test
    void threadsWithinARunGiveBitIdenticalMetrics() throws Exception {
        String yaml = """
                name: wide
                seed: 5
                dataset: {kind: sine, seq_len: 10, train_size: 128, val_size: 16}
                model: {cell: lstm, hidden: 40}
                training:
                  steps: 12
                  batch_size: 64
                  eval_every: 6
                  optimizer: {kind: adam, lr: 0.01}
                telemetry: {every: 1, detail_every: 6}
                """;
        Path f = file("wide.yaml", yaml);
        Path one = dir.resolve("one");
        Path two = dir.resolve("two");
        assertEquals(0, rnnlab("sweep", f.toString(), "--out", one.toString(), "--threads", "1").code());
        Run r = rnnlab("sweep", f.toString(), "--out", two.toString(), "--threads", "2", "--parallel", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        boolean oversubscribed = Runtime.getRuntime().availableProcessors() < 2;
        assertEquals(oversubscribed, r.err().contains("threads on"), r.err());
        Path runOne;
        try (Stream<Path> runs = Files.list(one.resolve("wide/runs"))) {
            runOne = runs.findFirst().orElseThrow();
        }
        Path runTwo = two.resolve("wide/runs").resolve(runOne.getFileName());
        assertTrue(Files.isDirectory(runTwo), "the thread count is not part of the run id");
        assertEquals(Files.readString(runOne.resolve("metrics.csv")), Files.readString(runTwo.resolve("metrics.csv")));
        assertEquals(Files.readString(runOne.resolve("time_profile.csv")),
                Files.readString(runTwo.resolve("time_profile.csv")));
        String summary = Files.readString(runTwo.resolve("summary.json"));
        assertTrue(java.util.regex.Pattern.compile("\"threads\"\\s*:\\s*2\\b").matcher(summary).find(), summary);
        assertEquals(2, rnnlab("sweep", f.toString(), "--out", two.toString(), "--threads", "0").code());
        Run many = rnnlab("sweep", f.toString(), "--out", dir.resolve("many").toString(), "--threads", "64",
                "--parallel", "1");
        assertEquals(0, many.code(), many.err());
        assertTrue(many.err().contains("1 run(s) at a time x --threads 64 = 64 threads on"), many.err());
    }

    @Test
    void aResolvedRunConfigReproducesItsRun() throws Exception {
        Path out = dir.resolve("results");
        assertEquals(0, rnnlab("sweep", file("ok.yaml", SMALL).toString(), "--out", out.toString()).code());
        Path runDir;
        try (Stream<Path> runs = Files.list(out.resolve("tiny/runs"))) {
            runDir = runs.sorted().findFirst().orElseThrow();
        }
        Path again = dir.resolve("again");
        assertEquals(0, rnnlab("sweep", runDir.resolve("config.yaml").toString(), "--out", again.toString()).code());
        Path rerun = again.resolve("tiny/runs").resolve(runDir.getFileName());
        assertTrue(Files.isDirectory(rerun), "same run id");
        assertEquals(Files.readString(runDir.resolve("metrics.csv")), Files.readString(rerun.resolve("metrics.csv")),
                "bit-identical metrics");
    }

    @Test
    void reportRegeneratesFromDiskAndRefusesOtherDirectories() throws Exception {
        Path out = dir.resolve("results");
        assertEquals(0, rnnlab("sweep", file("ok.yaml", SMALL).toString(), "--out", out.toString()).code());
        Files.delete(out.resolve("tiny/report.html"));
        Run r = rnnlab("report", out.resolve("tiny").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(out.resolve("tiny/report.html")));
        assertEquals(0, rnnlab("sweep", file("ok2.yaml", SMALL.replace("name: tiny", "name: other")
                .replace("[4, 6]", "[6, 8]")).toString(), "--out", out.toString()).code());
        Run compare = rnnlab("report", out.resolve("tiny").toString(), out.resolve("other").toString());
        assertEquals(0, compare.code(), compare.err());
        String html = Files.readString(out.resolve("compare-tiny-vs-other.html"));
        assertTrue(html.contains("rnnlab: tiny vs other"), "a comparison report");
        assertTrue(html.contains("tiny/") && html.contains("other/"), "runs of both sweeps, ids prefixed");
        Run bad = rnnlab("report", dir.toString());
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("is not a sweep directory"), bad.err());
    }

    @Test
    void verifyRerunsARunAndComparesItsMetrics() throws Exception {
        Path out = dir.resolve("results");
        assertEquals(0, rnnlab("sweep", file("ok.yaml", SMALL).toString(), "--out", out.toString()).code());
        Path run;
        try (Stream<Path> runs = Files.list(out.resolve("tiny/runs"))) {
            run = runs.sorted().findFirst().orElseThrow();
        }
        Run same = rnnlab("verify", run.toString());
        assertEquals(0, same.code(), same.out() + same.err());
        assertTrue(same.out().contains("bit-identical: 41 metric rows"), same.out());
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(run.resolve("metrics.csv")));
        String[] cells = lines.get(10).split(",", -1);
        cells[1] = Double.toString(Double.parseDouble(cells[1]) + 0.25);
        lines.set(10, String.join(",", cells));
        Files.write(run.resolve("metrics.csv"), lines);
        Run differs = rnnlab("verify", run.toString());
        assertEquals(1, differs.code(), differs.out());
        assertTrue(differs.out().contains("train_loss       max |deviation| = 2.500e-01"), differs.out());
        assertFalse(differs.out().contains(" differs: recorded"), "nothing in the provenance differs: " + differs.out());
        // As if recorded by another version of the kernels: verify names that as the likely cause.
        Path provenance = run.resolve("provenance.json");
        String recorded = Files.readString(provenance);
        assertTrue(recorded.contains("\"engine_numerics\" : \"float32: "), recorded);
        Files.writeString(provenance, recorded.replaceFirst("\"engine_numerics\" : \"[^\"]*\"",
                "\"engine_numerics\" : \"float32: another kernel\""));
        Run explained = rnnlab("verify", run.toString());
        assertEquals(1, explained.code(), explained.out());
        assertTrue(explained.out().contains("  engine_numerics differs: recorded 'float32: another kernel', now "
                + "'float32: fma chains per k panel of 256"), explained.out());
    }

    @Test
    void usageErrorsExit2() {
        assertEquals(2, rnnlab("sweep").code());
        assertEquals(2, rnnlab("frobnicate").code());
        Run missing = rnnlab("validate", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.yaml:1:1: cannot read file"), missing.err());
        assertFalse(missing.err().contains("Exception"), missing.err());
    }

    @Test
    void benchPrintsTheHandoffRoundTripBeforeAndAfterTheRuns() {
        Run r = rnnlab("bench", "--preset", "a", "--cell", "rnn_tanh", "--threads", "1", "--seconds", "0.05",
                "--reps", "1", "--handoff");
        assertEquals(0, r.code(), r.err());
        String[] lines = r.out().strip().split("\\R");
        assertEquals(3, lines.length, r.out());
        assertTrue(lines[0].matches("handoff_round_trip_ns=(\\d+\\.\\d|unavailable\\(one-cpu\\)) threads=2 when=before"), lines[0]);
        assertTrue(lines[1].startsWith("cell=rnn_tanh I=1 H=16 B=1 T=50 threads=1 engine=native iters_per_s="), lines[1]);
        assertTrue(lines[2].matches("handoff_round_trip_ns=(\\d+\\.\\d|unavailable\\(one-cpu\\)) threads=2 when=after"), lines[2]);
    }
}
