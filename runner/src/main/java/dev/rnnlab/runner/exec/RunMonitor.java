package dev.rnnlab.runner.exec;

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
import java.util.List;
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

    private final TelemetrySink out;
    private final StoppingSpec stopping;
    private final AshaBoard asha;
    private final long totalSteps;
    private final long startNanos = System.nanoTime();
    private double firstLoss = Double.NaN;
    private long lastStep;
    private double lastLoss = Double.NaN;
    private double bestVal = Double.POSITIVE_INFINITY;
    private long bestValStep = -1;
    private int evalsWithoutImprovement;
    private long lastEvalStep;
    private StopRequest stop;

    RunMonitor(TelemetrySink out, StoppingSpec stopping, AshaBoard asha, long totalSteps) {
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
    }
}
