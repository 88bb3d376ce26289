package dev.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults for real: a sweep in a child JVM is killed with SIGKILL at several points, then resumed;
 * no run may be lost or duplicated, no step duplicated, and the results must equal an uninterrupted
 * sweep's bit for bit. Also: a second sweep on a directory in use exits at once, naming the holder.
 */
class CrashResumeTest {

    static final String CONFIG = """
            name: crash
            dataset: {kind: sine, seq_len: 20, train_size: 64, val_size: 16}
            model: {cell: rnn_tanh, hidden: 16}
            training:
              steps: 2000
              batch_size: 8
              eval_every: 50
              optimizer: {kind: adam, lr: 0.01}
            sweep:
              grid:
                seed: [1, 2, 3, 4, 5, 6]
            """;

    @TempDir Path dir;

    /** The sweep in a child JVM with this JVM's options, so its engine (Vector API or not) gives the same bits. */
    static Process child(Path config, Path out, String... extra) throws IOException {
        return child(ProcessBuilder.Redirect.DISCARD, config, out, extra);
    }

    static Process child(ProcessBuilder.Redirect output, Path config, Path out, String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.rnnlab.cli.Main", "sweep", config.toString(),
                "--out", out.toString(), "--parallel", "1", "--quiet"));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output).start();
    }

    static long summaries(Path sweep) throws IOException {
        Path runs = sweep.resolve("runs");
        if (!Files.isDirectory(runs)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.filter(r -> Files.exists(r.resolve("summary.json"))).count();
        }
    }

    @Test
    void sigkillAtSeveralPointsThenResumeLosesAndDuplicatesNothing() throws Exception {
        Path config = Files.writeString(dir.resolve("crash.yaml"), CONFIG);
        Path reference = dir.resolve("reference");
        assertEquals(0, CliTest.rnnlab("sweep", config.toString(), "--out", reference.toString(), "--parallel", "1",
                "--quiet").code());

        Path out = dir.resolve("results");
        Path sweep = out.resolve("crash");
        // Kill points: during start-up; right after the first run committed; in the middle of a later run.
        long[][] killAt = {{0, 300}, {1, 0}, {3, 200}};
        for (long[] k : killAt) {
            // The previous child was killed holding the lock: with grace 0 its stale lock is taken over.
            Process p = child(config, out, "--lock-grace", "0");
            long deadline = System.currentTimeMillis() + 60_000;
            while (summaries(sweep) < k[0] && p.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(k[1]);
            assertTrue(p.isAlive(), "the sweep must still be running when killed");
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertTrue(summaries(sweep) < 6, "killed before the end");
            checkInvariants(sweep, false);
        }
        CliTest.Run resumed = CliTest.rnnlab("sweep", config.toString(), "--out", out.toString(), "--parallel", "1",
                "--lock-grace", "0");
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());
        checkInvariants(sweep, true);
        try (Stream<Path> runs = Files.list(reference.resolve("crash/runs"))) {
            for (Path ref : runs.toList()) {
                Path got = sweep.resolve("runs").resolve(ref.getFileName());
                assertEquals(Files.readString(ref.resolve("metrics.csv")), Files.readString(got.resolve("metrics.csv")),
                        "bit-identical to the uninterrupted sweep: " + ref.getFileName());
            }
        }
    }

    static final String LONG_RUN = """
            name: long
            dataset: {kind: sine, seq_len: 20, train_size: 64, val_size: 16}
            model: {cell: lstm, hidden: 16}
            training:
              steps: 30000
              batch_size: 8
              eval_every: 50
              optimizer: {kind: adam, lr: 0.01}
            telemetry: {every: 1, detail_every: 700}
            """;

    /**
     * A run killed part-way continues from its last snapshot, not from step 0, and ends bit for bit as the
     * uninterrupted run: metrics, detail telemetry and final weights. Killed twice, so a resumed attempt's
     * own snapshots are used too.
     */
    @Test
    void aRunKilledPartWayContinuesFromItsSnapshotBitForBit() throws Exception {
        Path config = Files.writeString(dir.resolve("long.yaml"), LONG_RUN);
        Path reference = dir.resolve("reference");
        assertEquals(0, CliTest.rnnlab("sweep", config.toString(), "--out", reference.toString(), "--quiet",
                "--snapshot-every", "0").code());
        Path refRun;
        try (Stream<Path> runs = Files.list(reference.resolve("long/runs"))) {
            refRun = runs.findFirst().orElseThrow();
        }
        Path out = dir.resolve("results");
        Path run = out.resolve("long/runs").resolve(refRun.getFileName());
        Path snapshot = run.resolve("resume.safetensors");
        long previous = 0;
        for (int kill = 0; kill < 2; kill++) {
            Process p = child(config, out, "--lock-grace", "0", "--snapshot-every", "0.3");
            long deadline = System.currentTimeMillis() + 60_000;
            while (snapshotStep(snapshot) <= previous && p.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            Thread.sleep(150); // rows after the snapshot, which the resume must cut
            assertTrue(p.isAlive(), "the run must still be going when killed");
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertFalse(Files.exists(run.resolve("summary.json")), "killed before the end");
            assertTrue(snapshotStep(snapshot) > previous, "a newer snapshot than the last attempt's");
            previous = snapshotStep(snapshot);
        }
        CliTest.Run resumed = CliTest.rnnlab("sweep", config.toString(), "--out", out.toString(), "--quiet",
                "--lock-grace", "0");
        assertEquals(0, resumed.code(), resumed.out() + resumed.err());

        JsonNode provenance = new ObjectMapper().readTree(run.resolve("provenance.json").toFile());
        assertEquals(previous, provenance.get("resumed_from_step").asLong(), "continued from the last snapshot");
        assertTrue(Files.readString(run.resolve("run.log")).contains("resuming after step " + previous),
                Files.readString(run.resolve("run.log")));
        for (String file : List.of("metrics.csv", "layers.csv", "parameters.csv", "time_profile.csv", "recurrent.csv")) {
            assertEquals(Files.readString(refRun.resolve(file)), Files.readString(run.resolve(file)),
                    file + " bit-identical to the uninterrupted run");
        }
        assertEquals(java.util.Arrays.toString(Files.readAllBytes(refRun.resolve("model.safetensors"))),
                java.util.Arrays.toString(Files.readAllBytes(run.resolve("model.safetensors"))), "the final weights");
        assertFalse(Files.exists(snapshot), "the snapshot goes when the run completes");
        checkNoTempFiles(out);
    }

    /** A snapshot made with other numerics (other kernels' arithmetic) is not used: the run restarts from step 0. */
    @Test
    void aSnapshotFromOtherNumericsIsNotUsed() throws Exception {
        Path config = Files.writeString(dir.resolve("long.yaml"), LONG_RUN);
        Path out = dir.resolve("results");
        Process p = child(config, out, "--lock-grace", "0", "--snapshot-every", "0.2");
        Path runs = out.resolve("long/runs");
        long deadline = System.currentTimeMillis() + 60_000;
        Path snapshot = null;
        while (snapshot == null && p.isAlive() && System.currentTimeMillis() < deadline) {
            if (Files.isDirectory(runs)) {
                try (Stream<Path> s = Files.list(runs)) {
                    snapshot = s.map(r -> r.resolve("resume.safetensors")).filter(Files::exists).findFirst().orElse(null);
                }
            }
            Thread.sleep(5);
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertTrue(snapshot != null, "a snapshot was written");
        Path provenance = snapshot.resolveSibling("provenance.json");
        Files.writeString(provenance, Files.readString(provenance).replaceFirst("\"engine_numerics\" : \"[^\"]*\"",
                "\"engine_numerics\" : \"float32: another kernel\""));
        CliTest.Run again = CliTest.rnnlab("sweep", config.toString(), "--out", out.toString(), "--quiet",
                "--lock-grace", "0", "--snapshot-every", "0");
        assertEquals(0, again.code(), again.out() + again.err());
        JsonNode prov = new ObjectMapper().readTree(provenance.toFile());
        assertTrue(prov.get("resumed_from_step") == null, "restarted, not resumed: " + prov);
        assertEquals(1 + 30001, Files.readAllLines(snapshot.resolveSibling("metrics.csv")).size());
    }

    private static long snapshotStep(Path snapshot) {
        try {
            return Long.parseLong(dev.rnnlab.engine.api.checkpoint.Safetensors.metadata(snapshot).get("step"));
        } catch (IOException | RuntimeException e) {
            return 0; // not there yet (or being replaced)
        }
    }

    private static void checkNoTempFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    /** Every committed run is one of the plan's, parses, and has each step once, in order. */
    private static void checkInvariants(Path sweep, boolean allDone) throws IOException {
        if (!Files.exists(sweep.resolve("plan.json"))) {
            return; // killed before anything was written
        }
        ObjectMapper json = new ObjectMapper();
        Set<String> planned = new TreeSet<>();
        json.readTree(sweep.resolve("plan.json").toFile()).get("runs").forEach(r -> planned.add(r.get("id").asText()));
        assertEquals(6, planned.size());
        Set<String> dirs = new TreeSet<>();
        try (Stream<Path> runs = Files.list(sweep.resolve("runs"))) {
            for (Path run : runs.toList()) {
                dirs.add(run.getFileName().toString());
                Path summary = run.resolve("summary.json");
                if (Files.exists(summary)) {
                    try (Stream<Path> files = Files.list(run)) {
                        assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")),
                                "a committed run has no temp files");
                    }
                    JsonNode s = json.readTree(summary.toFile());
                    assertEquals(run.getFileName().toString(), s.get("run_id").asText());
                    assertEquals("completed", s.get("outcome").asText());
                    List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
                    assertEquals(1 + 2001, lines.size(), "header, step 0, steps 1..2000");
                    for (int i = 1; i < lines.size(); i++) {
                        assertEquals(i - 1, Long.parseLong(lines.get(i).substring(0, lines.get(i).indexOf(','))));
                    }
                } else {
                    assertFalse(allDone, run + " has no summary after resume");
                }
            }
        }
        assertTrue(planned.containsAll(dirs), "no run directory outside the plan: " + dirs);
        if (allDone) {
            assertEquals(planned, dirs, "no run lost");
            try (Stream<Path> files = Files.walk(sweep)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")), "no temp files left");
            }
            assertFalse(Files.exists(sweep.resolve("lock")), "lock released");
        }
    }

    @Test
    void sigtermRecordsTheRunningRunAsInterruptedReleasesTheLockAndWritesTheReport() throws Exception {
        Path config = Files.writeString(dir.resolve("crash.yaml"), CONFIG.replace("steps: 2000", "steps: 20000"));
        Path out = dir.resolve("results");
        Path console = dir.resolve("console.txt");
        Process p = child(ProcessBuilder.Redirect.to(console.toFile()), config, out);
        Path runs = out.resolve("crash/runs");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!(Files.isDirectory(runs) && Files.list(runs).findAny().isPresent()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, p.exitValue(), "128 + SIGTERM");
        List<JsonNode> summaries = new ArrayList<>();
        try (Stream<Path> s = Files.list(runs)) {
            for (Path run : s.toList()) {
                if (Files.exists(run.resolve("summary.json"))) {
                    summaries.add(new ObjectMapper().readTree(run.resolve("summary.json").toFile()));
                }
            }
        }
        assertEquals(1, summaries.size());
        assertEquals("interrupted", summaries.get(0).get("outcome").asText());
        assertFalse(Files.exists(out.resolve("crash/lock")), "the lock is released");
        assertTrue(Files.exists(out.resolve("crash/report.html")), "the report is written");
        List<String> lines = Files.readAllLines(console).stream().filter(l -> !l.isBlank()).toList();
        assertEquals("interrupted: rerun the same command to continue 6 unfinished runs (finished runs are skipped; "
                + "interrupted ones continue from their snapshot)", lines.get(lines.size() - 1), "the last line says how");
    }

    @Test
    void aSecondSweepOnADirectoryInUseExitsAtOnceNamingTheHolder() throws Exception {
        Path config = Files.writeString(dir.resolve("crash.yaml"), CONFIG.replace("steps: 2000", "steps: 20000"));
        Path out = dir.resolve("results");
        Process p = child(config, out);
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.exists(out.resolve("crash/lock")) && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            long start = System.nanoTime();
            CliTest.Run second = CliTest.rnnlab("sweep", config.toString(), "--out", out.toString());
            assertEquals(1, second.code(), second.out() + second.err());
            assertTrue(second.err().contains("is being written by pid " + p.pid() + "@"), second.err());
            // Well inside the 30 s a stale heartbeat takes: the second sweep did not wait for the lock (a bound
            // against waiting, not a speed target; a busy machine is still far below it).
            assertTrue((System.nanoTime() - start) / 1e9 < 25, "exits at once, without waiting for the lock");
        } finally {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
