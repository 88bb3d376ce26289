package dev.rnnlab.runner.exec;

import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.runner.config.EvaluationSpec;
import dev.rnnlab.runner.config.ExperimentSpec;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.runner.data.CsvData;
import dev.rnnlab.runner.data.DatasetSpec;
import dev.rnnlab.runner.data.GeneratedData;
import dev.rnnlab.runner.store.AtomicFiles;
import dev.rnnlab.runner.store.MetricsWriter;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.RunDirectory;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.store.RunTelemetry;
import dev.rnnlab.runner.sweep.PlannedRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Executes one planned run into its directory: reset leftovers of an unfinished attempt, write the
 * resolved config and the provenance, train with telemetry streamed to the run's files (through the
 * {@link RunMonitor} that applies the stopping rules), and commit {@code summary.json} last. Every way
 * the run can end produces a summary; nothing thrown by the engine escapes.
 */
final class RunExecution {

    /** Log4j routes log events carrying this context key to the file it names (see log4j2.xml). */
    static final String RUN_LOG_KEY = "runLog";
    private static final Logger LOG = LogManager.getLogger(RunExecution.class);

    private final EngineProvider engine;
    private final String sweepName;
    private final Provenance provenance;
    private final AshaBoard asha;
    private final int threads;
    private final Duration snapshotEvery;

    RunExecution(EngineProvider engine, String sweepName, Provenance provenance, AshaBoard asha, int threads,
                 Duration snapshotEvery) {
        this.engine = engine;
        this.threads = threads;
        this.snapshotEvery = engine.resumable() ? snapshotEvery : null;
        this.sweepName = sweepName;
        this.provenance = provenance;
        this.asha = asha;
    }

    RunSummary execute(PlannedRun run, RunDirectory dir) throws IOException {
        Instant start = Instant.now();
        Map<String, Object> prov = provenance(run, start);
        Resumable from = Resumable.find(dir, run, engine, prov);
        if (from == null) {
            dir.reset();
            AtomicFiles.write(dir.config(), run.resolvedConfig());
        } else {
            Files.deleteIfExists(dir.summary()); // an interrupted attempt's: the run is under way again
            dir.removeStaleTempFiles();
            prov.put("started_at", from.startedAt());
            prov.put("resumed_at", start.toString());
            prov.put("resumed_from_step", from.snapshot().step());
        }
        dir.writeProvenance(prov);
        RunResult result;
        double bestVal = Double.NaN;
        long bestStep = -1;
        double testLoss = Double.NaN;
        double elapsed;
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put(RUN_LOG_KEY, dir.log().toString())) {
            if (from == null) {
                LOG.info("run {} ({} of sweep {}) starting: {}", run.id(), run.index(), sweepName, run.swept());
            } else {
                LOG.info("run {} ({} of sweep {}) resuming after step {} from its snapshot: {}", run.id(), run.index(),
                        sweepName, from.snapshot().step(), run.swept());
            }
            ExperimentSpec spec = run.spec();
            RunSpec runSpec = spec.toRunSpec(run.id()).withThreads(threads);
            try (RunTelemetry telemetry = new RunTelemetry(dir, run.id(), from == null ? -1 : from.snapshot().step(),
                    snapshotEvery)) {
                MetricsWriter metrics = telemetry.metrics();
                RunMonitor monitor = new RunMonitor(telemetry, spec.stopping(), asha, spec.training().steps());
                try {
                    SequenceData data = open(spec, dir);
                    if (from == null) {
                        result = engine.create().train(runSpec, data, monitor);
                    } else {
                        monitor.restore(from.meta());
                        result = engine.create().resume(runSpec, data, monitor, from.snapshot());
                    }
                    testLoss = evaluate(run, result, data, monitor.finalParameters(), dir);
                } catch (RuntimeException | Error e) {
                    LOG.error("run {} failed", run.id(), e);
                    result = new RunResult(Outcome.FAILED, 0, Double.NaN, Double.NaN, e.toString());
                }
                elapsed = monitor.elapsedSeconds();
                bestVal = metrics.bestValidationLoss();
                bestStep = metrics.bestValidationStep();
            }
            LOG.info("run {} ended: {} after {} steps{}", run.id(), result.outcome().configName(), result.stepsDone(),
                    result.detail().isEmpty() ? "" : " (" + result.detail() + ")");
        }
        // A cancelled run has its thread's interrupt flag set; clear it while the outcome is written, and
        // restore it after, so the pool still sees the interruption.
        boolean interrupted = Thread.interrupted();
        try {
            RunSummary summary = commit(run, dir, result, from == null ? start.toString() : from.startedAt(), elapsed,
                    prov, bestVal, bestStep, testLoss);
            // The snapshot is for continuing an interrupted run. Once the run has any other outcome, committed
            // first, so a crash in between loses nothing, it goes: a failed resume is not retried from it.
            if (result.outcome() != Outcome.INTERRUPTED) {
                Files.deleteIfExists(dir.snapshot());
            }
            return summary;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private RunSummary commit(PlannedRun run, RunDirectory dir, RunResult result, String startedAt, double elapsed,
                              Map<String, Object> prov, double bestVal, long bestStep, double testLoss)
            throws IOException {
        Instant end = Instant.now();
        prov.put("finished_at", end.toString());
        dir.writeProvenance(prov);
        SummaryLosses losses = SummaryLosses.of(result, bestVal, bestStep);
        Double test = losses.finalVal() != null && Double.isFinite(testLoss) ? testLoss : null;
        RunSummary summary = new RunSummary(RunSummary.FORMAT, run.id(), sweepName, run.index(),
                result.outcome().configName(), result.detail(), result.stepsDone(), losses.finalTrain(),
                losses.finalVal(), losses.bestVal(), losses.bestValStep(), test, elapsed, startedAt, end.toString(), engine.name(),
                engine.version(), run.spec().seed(), run.swept(), Provenance.sha256(run.resolvedConfig()), prov);
        dir.writeSummary(summary);
        return summary;
    }

    /**
     * The final weights on the test split (and predictions.csv) when the run ended with weights training produced
     * and the engine saved them; NaN otherwise. Logged, never fatal to a run that trained.
     */
    private double evaluate(PlannedRun run, RunResult result, SequenceData data, List<Tensor> weights, RunDirectory dir) {
        boolean trained = switch (result.outcome()) {
            case COMPLETED, STOPPED, TIMED_OUT -> true;
            case DIVERGED, FAILED, INTERRUPTED -> false;
        };
        if (!trained || weights == null || engine.gradientChecker().isEmpty()) {
            return Double.NaN; // nothing to evaluate, or no evaluator to do it with
        }
        try {
            double loss = Evaluation.run(engine, run.spec().model(), data, weights, run.spec().evaluation().predictions(),
                    dir.path().resolve(Evaluation.PREDICTIONS));
            if (!Double.isNaN(loss)) {
                LOG.info("run {}: test loss {} on the final weights", run.id(), loss);
            }
            EvaluationSpec e = run.spec().evaluation();
            if (e.rolloutSteps() > 0) {
                Evaluation.rollout(engine, run.spec().model(), data, weights, e.rolloutWarmup(), e.rolloutSteps(),
                        dir.path().resolve(Evaluation.ROLLOUT));
            }
            return loss;
        } catch (IOException | RuntimeException e) {
            LOG.warn("run {}: could not evaluate the final weights: {}", run.id(), e.toString());
            return Double.NaN;
        }
    }

    /** The run's data; a CSV table's normalisation and splits go to {@code data.json}. */
    private static SequenceData open(ExperimentSpec spec, RunDirectory dir) {
        if (spec.dataset() instanceof DatasetSpec.Csv csv) {
            CsvData data = new CsvData(csv, spec.seed(), spec.training().batchSize());
            try {
                AtomicFiles.write(dir.path().resolve("data.json"), new com.fasterxml.jackson.databind.ObjectMapper()
                        .writerWithDefaultPrettyPrinter().writeValueAsBytes(data.dataJson()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return data;
        }
        return new GeneratedData(spec.dataset(), spec.seed(), spec.training().batchSize());
    }

    private Map<String, Object> provenance(PlannedRun run, Instant start) {
        Map<String, Object> p = new LinkedHashMap<>(provenance.toMap());
        p.put("engine", engine.name());
        p.put("engine_version", engine.version());
        p.put("engine_numerics", engine.numerics());
        if (!engine.recordsTimeProfile(run.spec().model().cell().kind())) {
            // what reports say instead of an empty chart
            p.put("time_profile", "not available on " + engine.name() + " for " + run.spec().model().cell().kind()
                    .configName());
        }
        p.put("threads", threads);
        p.put("seed", run.spec().seed());
        p.put("dataset_seed", run.spec().dataset().seed());
        if (run.spec().dataset() instanceof DatasetSpec.Csv csv) {
            p.put("data_file", csv.path());
            p.put("data_sha256", csv.sha256());
        }
        p.put("started_at", start.toString());
        return p;
    }
}
