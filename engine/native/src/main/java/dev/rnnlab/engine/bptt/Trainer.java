package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.checkpoint.Snapshot;
import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.engine.api.spec.BpttSpec;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import dev.rnnlab.engine.api.telemetry.StopRequest;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import dev.rnnlab.engine.bptt.layer.Truncation;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.model.ModelState;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.model.TimeMajor;
import dev.rnnlab.engine.bptt.optim.Clipping;
import dev.rnnlab.engine.bptt.optim.Optimizer;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.SplittableRandom;

/**
 * The training loop of one run: for each step, forward and full BPTT on the step's batch, the global
 * gradient norm, a divergence check, clipping, the optimizer update, telemetry; validation before the
 * first step, every {@code eval_every} steps and after the last.
 */
final class Trainer<A> {

    private final Kernels<A> k;
    private final RunSpec spec;
    private final SequenceData data;
    private final SequenceModel<A> model;
    private final Optimizer<A> optimizer;
    private final A valInputs;
    private final A valTargets;
    private final Batch validation;

    Trainer(Kernels<A> k, RunSpec spec, SequenceData data) {
        this.k = k;
        this.spec = spec;
        this.data = data;
        this.model = new SequenceModel<>(k, spec.model(), data.inputSize(), data.outputSize(), data.layout(),
                data.loss());
        model.initialize(new SplittableRandom(spec.seed()));
        if (spec.model().init().from() != null) {
            Checkpoints.load(k, model.parameters(), java.nio.file.Path.of(spec.model().init().from()));
        }
        this.optimizer = Optimizer.create(spec.training().optimizer(), k, model.parameters());
        this.validation = data.validation();
        this.valInputs = TimeMajor.inputs(k, validation);
        this.valTargets = TimeMajor.targets(k, validation);
    }

    RunResult run(TelemetrySink sink) {
        return finish(train(sink, null), sink);
    }

    /** Continues from a snapshot this trainer's kind made of the same spec and data (see {@link Snapshots}). */
    RunResult resume(TelemetrySink sink, Snapshot from) {
        return finish(train(sink, from), sink);
    }

    private RunResult finish(RunResult result, TelemetrySink sink) {
        if (spec.telemetry().checkpoint() && result.outcome() != Outcome.INTERRUPTED) {
            sink.checkpoint(result.stepsDone(), Checkpoints.tensors(k, model.parameters()));
        }
        return result;
    }

    private RunResult train(TelemetrySink sink, Snapshot from) {
        TrainingSpec training = spec.training();
        double lastLoss = Double.NaN;
        double lastVal;
        ModelState<A> carried = null;
        long first = 1;
        if (from == null) {
            lastVal = validate(0, sink);
        } else {
            Snapshots.Restored<A> restored = Snapshots.restore(k, model, optimizer, from);
            carried = restored.carried();
            lastLoss = restored.lastLoss();
            lastVal = restored.lastValidationLoss();
            first = from.step() + 1;
        }
        Truncation truncation = training.bptt() instanceof BpttSpec.Truncated t
                ? new Truncation(t.window(), t.backward()) : Truncation.NONE;
        for (long step = first; step <= training.steps(); step++) {
            if (Thread.currentThread().isInterrupted()) {
                return new RunResult(Outcome.INTERRUPTED, step - 1, lastLoss, lastVal,
                        "interrupted before step " + step);
            }
            double lr = training.schedule().lr(training.optimizer().lr(), step, training.steps());
            Batch batch = data.trainBatch(step - 1);
            double loss = model.forwardBackward(batch, carried, truncation);
            if (training.stateful()) {
                carried = model.finalState(batch.size());
            }
            double norm = Clipping.globalNorm(k, model.parameters());
            if (!Double.isFinite(loss) || !Double.isFinite(norm)) {
                sink.step(new StepRecord(step, loss, norm, norm, false, lr));
                return new RunResult(Outcome.DIVERGED, step - 1, loss, lastVal, divergence(step, loss, norm));
            }
            if (spec.telemetry().detailAt(step, training.steps())) {
                Telemetry.detail(k, model, step, sink);
            }
            boolean clipped = Clipping.apply(training.clipping(), k, model.parameters(), norm);
            double post = clipped ? Clipping.globalNorm(k, model.parameters()) : norm;
            optimizer.step(lr);
            lastLoss = loss;
            if (spec.telemetry().scalarsAt(step, training.steps())) {
                sink.step(new StepRecord(step, loss, norm, post, clipped, lr));
            }
            if (step % training.evalEvery() == 0 || step == training.steps()) {
                lastVal = validate(step, sink);
            }
            StopRequest stop = sink.stopRequest();
            if (stop != null) {
                return new RunResult(stop.outcome(), step, lastLoss, lastVal, stop.reason());
            }
            if (step < training.steps() && sink.snapshotDue(step)) {
                sink.snapshot(Snapshots.take(k, model, optimizer, carried, step, lastLoss, lastVal));
            }
        }
        return new RunResult(Outcome.COMPLETED, training.steps(), lastLoss, lastVal, "");
    }

    /**
     * Where a run diverged: the loss, or the first parameter (in state_dict order) whose gradient has a
     * NaN or infinity, or, when every gradient is finite but their sum of squares overflowed, the norm.
     */
    private String divergence(long step, double loss, double norm) {
        String where;
        if (!Double.isFinite(loss)) {
            where = "loss " + loss;
        } else {
            where = "global gradient norm " + norm + " (overflow)";
            for (Parameter<A> p : model.parameters()) {
                double ss = k.sumOfSquares(p.grad(), 0, p.size());
                if (Double.isNaN(ss) || !isFiniteArray(p)) {
                    where = "gradient of " + p.name() + " (" + layerOf(p.name()) + ")";
                    break;
                }
            }
        }
        return "diverged at step " + step + ": non-finite " + where + "; weights kept from step " + (step - 1);
    }

    private boolean isFiniteArray(Parameter<A> p) {
        for (int i = 0; i < p.size(); i++) {
            if (!Double.isFinite(k.get(p.grad(), i))) {
                return false;
            }
        }
        return true;
    }

    private static String layerOf(String name) {
        int l = name.lastIndexOf("_l");
        return name.startsWith("head.") ? "head" : l >= 0 ? "layer " + name.substring(l + 2) : name;
    }

    /** The model being trained, for tests. */
    SequenceModel<A> model() {
        return model;
    }

    private double validate(long step, TelemetrySink sink) {
        double val = model.loss(valInputs, valTargets, validation.seqLen(), validation.size());
        sink.validation(new EvalRecord(step, val));
        return val;
    }
}
