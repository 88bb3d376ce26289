package dev.rnnlab.runner.store;

import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.ParameterRecord;
import dev.rnnlab.engine.api.telemetry.RecurrentRecord;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import dev.rnnlab.engine.api.telemetry.TimeProfileRecord;
import java.io.Closeable;
import dev.rnnlab.engine.api.checkpoint.Safetensors;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import dev.rnnlab.engine.api.checkpoint.Snapshot;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** Everything an engine reports for one run, into that run's directory: {@code metrics.csv} and the detail files. */
public final class RunTelemetry implements TelemetrySink, Closeable {

    private static final Logger LOG = LogManager.getLogger(RunTelemetry.class);

    private final MetricsWriter metrics;
    private final DetailWriter detail;

    private final RunDirectory dir;
    private final String runId;
    private final long snapshotEveryNanos;
    private long lastSnapshotNanos = System.nanoTime();

    public RunTelemetry(RunDirectory dir, String runId) throws IOException {
        this(dir, runId, -1, null);
    }

    /**
     * @param resumeFrom    the step of the snapshot a resumed run continues from (its files are cut back to it
     *                      and appended to), or -1 for a fresh run
     * @param snapshotEvery how often to take a snapshot (at the next step boundary); null or zero: never
     */
    public RunTelemetry(RunDirectory dir, String runId, long resumeFrom, Duration snapshotEvery) throws IOException {
        this.dir = dir;
        this.runId = runId;
        this.snapshotEveryNanos = snapshotEvery == null || snapshotEvery.isZero() ? -1 : snapshotEvery.toNanos();
        if (resumeFrom >= 0) {
            this.metrics = MetricsWriter.continuing(dir.metrics(), resumeFrom);
            DetailWriter.keepThrough(dir, resumeFrom);
            this.detail = new DetailWriter(dir, true);
        } else {
            this.metrics = new MetricsWriter(dir.metrics());
            this.detail = new DetailWriter(dir);
        }
    }

    /**
     * Every {@code snapshotEvery}, and at once when the run is being interrupted (Ctrl-C, SIGTERM): the engine
     * asks at the end of a step and stops before the next, so an interrupted run loses no step at all.
     */
    @Override
    public boolean snapshotDue(long step) {
        return snapshotEveryNanos >= 0 && (Thread.currentThread().isInterrupted()
                || System.nanoTime() - lastSnapshotNanos >= snapshotEveryNanos);
    }

    @Override
    public void snapshot(Snapshot snapshot) {
        writeSnapshot(snapshot, Map.of());
    }

    /**
     * Commits a snapshot after the rows it covers: every metric and detail row through its step is on disk
     * first, then the file replaces the previous snapshot atomically, so a crash at any point leaves a
     * snapshot whose rows are all there (rows after it are cut on resume). {@code state} is the runner's own
     * (stopping rules, elapsed time), kept in the file's metadata. A snapshot that cannot be written is
     * logged and skipped: the run goes on, and the previous snapshot stays.
     */
    public void writeSnapshot(Snapshot snapshot, Map<String, String> state) {
        lastSnapshotNanos = System.nanoTime();
        Map<String, String> meta = new LinkedHashMap<>(state);
        meta.put("format", "rnnlab-snapshot-1");
        meta.put("run_id", runId);
        meta.put("step", Long.toString(snapshot.step()));
        // An interrupt (the reason for a last snapshot) must not abort its writing; it is restored after.
        boolean interrupted = Thread.interrupted();
        try {
            metrics.flush();
            AtomicFiles.write(dir.snapshot(), Safetensors.encode(snapshot.tensors(), meta));
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("run {}: snapshot at step {} not written ({}); the run goes on", runId, snapshot.step(),
                    e.getMessage());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void checkpoint(long step, List<Tensor> parameters) {
        try {
            Safetensors.write(dir.checkpoint(), parameters, Map.of("format", "pt", "run_id", runId,
                    "step", Long.toString(step), "producer", "rnnlab"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public MetricsWriter metrics() {
        return metrics;
    }

    @Override
    public void step(StepRecord record) {
        metrics.step(record);
    }

    @Override
    public void validation(EvalRecord record) {
        metrics.validation(record);
    }

    @Override
    public void parameters(List<ParameterRecord> records) {
        detail.parameters(records);
    }

    @Override
    public void timeProfile(TimeProfileRecord record) {
        detail.timeProfile(record);
    }

    @Override
    public void recurrent(RecurrentRecord record) {
        detail.recurrent(record);
    }

    @Override
    public void close() throws IOException {
        try (metrics; detail) {
            // closes both
        }
    }
}
