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
import java.util.Map;
import java.util.List;

/** Everything an engine reports for one run, into that run's directory: {@code metrics.csv} and the detail files. */
public final class RunTelemetry implements TelemetrySink, Closeable {

    private final MetricsWriter metrics;
    private final DetailWriter detail;

    private final RunDirectory dir;
    private final String runId;

    public RunTelemetry(RunDirectory dir, String runId) throws IOException {
        this.dir = dir;
        this.runId = runId;
        this.metrics = new MetricsWriter(dir.metrics());
        this.detail = new DetailWriter(dir);
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
