package dev.rnnlab.runner.exec;

import dev.rnnlab.engine.api.checkpoint.Snapshot;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.engine.api.telemetry.ParameterRecord;
import dev.rnnlab.engine.api.telemetry.RecurrentRecord;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import dev.rnnlab.engine.api.telemetry.StopRequest;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import dev.rnnlab.engine.api.telemetry.TimeProfileRecord;
import dev.rnnlab.runner.config.StoppingSpec;
import dev.rnnlab.runner.store.RunTelemetry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Sits between an engine and the run's files: passes every record on, logs progress at each
 * evaluation, and applies the sweep's {@link StoppingSpec} (time limit, divergence guard, plateau rule,
 * ASHA) through {@link #stopRequest()}.
 */
final class RunMonitor implements TelemetrySink {

    private static final Logger LOG = LogManager.getLogger(RunMonitor.class);

    private final RunTelemetry out;
    private final StoppingSpec stopping;
    private final AshaBoard asha;
    private final long totalSteps;
    private long startNanos = System.nanoTime();
    private double firstLoss = Double.NaN;
    private long lastStep;
    private double lastLoss = Double.NaN;
    private double bestVal = Double.POSITIVE_INFINITY;
    private long bestValStep = -1;
    private int evalsWithoutImprovement;
    private long lastEvalStep;
    private StopRequest stop;
    private List<Tensor> finalParameters;

    RunMonitor(RunTelemetry out, StoppingSpec stopping, AshaBoard asha, long totalSteps) {
        this.out = out;
        this.stopping = stopping;
        this.asha = asha;
        this.totalSteps = totalSteps;
    }

    @Override
    public void step(StepRecord r) {
        out.step(r);
        lastStep = r.step();
        lastLoss = r.loss();
        if (Double.isNaN(firstLoss) && Double.isFinite(r.loss())) {
            firstLoss = r.loss();
        }
        if (stop == null && stopping.divergenceFactor() != null && Double.isFinite(firstLoss)
                && r.loss() > stopping.divergenceFactor() * firstLoss) {
            stop = new StopRequest(Outcome.STOPPED, String.format(Locale.ROOT,
                    "stopped by the divergence guard at step %d: training loss %.6g > %s x the first loss %.6g",
                    r.step(), r.loss(), stopping.divergenceFactor(), firstLoss));
        }
    }

    @Override
    public void validation(EvalRecord r) {
        out.validation(r);
        LOG.info(String.format(Locale.ROOT, "step %d/%d: train_loss=%.6g val_loss=%.6g", r.step(), totalSteps,
                lastLoss, r.validationLoss()));
        if (r.step() == 0) {
            return;
        }
        StoppingSpec.Plateau plateau = stopping.plateau();
        if (Double.isFinite(r.validationLoss()) && r.validationLoss() < bestVal - (plateau == null ? 0 : plateau.minDelta())) {
            bestVal = r.validationLoss();
            bestValStep = r.step();
            evalsWithoutImprovement = 0;
        } else {
            evalsWithoutImprovement++;
        }
        if (stop == null && plateau != null && evalsWithoutImprovement >= plateau.patience()) {
            stop = new StopRequest(Outcome.STOPPED, String.format(Locale.ROOT, "stopped by the plateau rule at step %d: "
                    + "no val-loss improvement of more than %s in %d evaluations (best %.6g at step %d)", r.step(),
                    plateau.minDelta(), evalsWithoutImprovement, bestVal, bestValStep));
        }
        if (stop == null && asha != null) {
            long rung = asha.rungAt(r.step(), lastEvalStep);
            if (rung > 0 && r.step() < totalSteps) {
                String why = asha.decide(rung, r.validationLoss());
                if (why != null) {
                    stop = new StopRequest(Outcome.STOPPED, "stopped by " + why);
                }
            }
        }
        lastEvalStep = r.step();
    }

    @Override
    public StopRequest stopRequest() {
        if (stop == null && stopping.timeoutSeconds() > 0
                && (System.nanoTime() - startNanos) / 1e9 > stopping.timeoutSeconds()) {
            stop = new StopRequest(Outcome.TIMED_OUT, "exceeded the time limit of " + stopping.timeoutSeconds()
                    + " s at step " + lastStep);
        }
        if (stop != null) {
            LOG.info(stop.reason());
        }
        return stop;
    }

    /**
     * Snapshots are taken unless the run is under ASHA, whose board lives in the sweep's memory: a resumed
     * run could not report the rungs it passed before, so such runs restart from step 0.
     */
    @Override
    public boolean snapshotDue(long step) {
        return asha == null && out.snapshotDue(step);
    }

    @Override
    public void snapshot(Snapshot snapshot) {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("monitor.elapsed_s", Double.toString(elapsedSeconds()));
        state.put("monitor.first_loss", Double.toString(firstLoss));
        state.put("monitor.last_step", Long.toString(lastStep));
        state.put("monitor.last_loss", Double.toString(lastLoss));
        state.put("monitor.best_val", Double.toString(bestVal));
        state.put("monitor.best_val_step", Long.toString(bestValStep));
        state.put("monitor.evals_without_improvement", Integer.toString(evalsWithoutImprovement));
        state.put("monitor.last_eval_step", Long.toString(lastEvalStep));
        out.writeSnapshot(snapshot, state);
    }

    /** Continues from a snapshot's metadata, as written by {@link #snapshot}: the rules see the run as one. */
    void restore(Map<String, String> meta) {
        startNanos = System.nanoTime() - (long) (Double.parseDouble(meta.get("monitor.elapsed_s")) * 1e9);
        firstLoss = Double.parseDouble(meta.get("monitor.first_loss"));
        lastStep = Long.parseLong(meta.get("monitor.last_step"));
        lastLoss = Double.parseDouble(meta.get("monitor.last_loss"));
        bestVal = Double.parseDouble(meta.get("monitor.best_val"));
        bestValStep = Long.parseLong(meta.get("monitor.best_val_step"));
        evalsWithoutImprovement = Integer.parseInt(meta.get("monitor.evals_without_improvement"));
        lastEvalStep = Long.parseLong(meta.get("monitor.last_eval_step"));
    }

    /** Seconds of training so far, attempts before a resume included. */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    @Override
    public void parameters(List<ParameterRecord> records) {
        out.parameters(records);
    }

    @Override
    public void timeProfile(TimeProfileRecord record) {
        out.timeProfile(record);
    }

    @Override
    public void recurrent(RecurrentRecord record) {
        out.recurrent(record);
    }

    @Override
    public void checkpoint(long step, List<Tensor> parameters) {
        out.checkpoint(step, parameters);
        finalParameters = List.copyOf(parameters);
    }

    /** The parameters the engine saved at the end of the run (model.safetensors), or null. */
    List<Tensor> finalParameters() {
        return finalParameters;
    }
}
