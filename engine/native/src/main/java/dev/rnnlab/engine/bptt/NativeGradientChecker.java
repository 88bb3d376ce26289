package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.check.GradientCase;
import dev.rnnlab.engine.api.check.GradientChecker;
import dev.rnnlab.engine.api.check.GradientReport;
import dev.rnnlab.engine.api.check.Stepper;
import dev.rnnlab.engine.api.check.TrajectorySpec;
import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.bptt.layer.RecurrentLayer;
import dev.rnnlab.engine.bptt.math.F64Kernels;
import dev.rnnlab.engine.bptt.model.ModelState;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.model.TimeMajor;
import dev.rnnlab.engine.bptt.optim.Clipping;
import dev.rnnlab.engine.bptt.optim.Optimizer;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The native engine's float64 evaluator: the same model, optimizer and clipping code as training. */
final class NativeGradientChecker implements GradientChecker {

    private final F64Kernels k = new F64Kernels();

    @Override
    public GradientReport evaluate(GradientCase c) {
        SequenceModel<double[]> model = new SequenceModel<>(k, c.model(), c.inputSize(), c.outputSize(), c.layout(),
                c.loss());
        load(model, c.parameters());
        double[] x = TimeMajor.transpose(c.inputs(), c.batch(), c.seqLen(), c.inputSize());
        double[] y = c.layout() == TargetLayout.EVERY_STEP
                ? TimeMajor.transpose(c.targets(), c.batch(), c.seqLen(), Batch.targetWidth(c.loss(), c.outputSize()))
                : c.targets().clone();
        double loss = model.forwardBackward(x, y, c.seqLen(), c.batch());
        double[] predictions = c.layout() == TargetLayout.EVERY_STEP
                ? TimeMajor.transpose(model.predictions(), c.seqLen(), c.batch(), c.outputSize())
                : model.predictions().clone();
        Map<String, double[]> grads = new LinkedHashMap<>();
        model.parameters().forEach(p -> grads.put(p.name(), p.grad().clone()));
        List<double[]> norms = new ArrayList<>();
        for (RecurrentLayer<double[]> layer : model.layers()) {
            norms.add(layer.hiddenGradNorms().clone());
        }
        GradientReport.TrajectoryReport trajectory = c.trajectory() == null ? null
                : trajectory(model, c.trajectory(), x, y, c.seqLen(), c.batch());
        return new GradientReport(loss, predictions, grads, norms, trajectory);
    }

    @Override
    public Stepper stepper(ModelSpec spec, int inputSize, int outputSize, Map<String, double[]> parameters) {
        SequenceModel<double[]> model = new SequenceModel<>(k, spec, inputSize, outputSize, TargetLayout.EVERY_STEP,
                LossKind.MSE); // the loss is never computed
        load(model, parameters);
        return new Stepper() {
            private ModelState<double[]> state; // null: zero states

            @Override
            public double[] step(double[] inputs, int steps) {
                if (inputs.length != steps * inputSize) {
                    throw new IllegalArgumentException(inputs.length + " inputs for " + steps + " steps of " + inputSize);
                }
                model.forward(inputs, steps, 1, state); // batch 1: time-major and batch-first agree
                state = model.finalState(1);
                return java.util.Arrays.copyOf(model.predictions(), steps * outputSize);
            }
        };
    }

    private GradientReport.TrajectoryReport trajectory(SequenceModel<double[]> model, TrajectorySpec t, double[] x,
                                                       double[] y, int seqLen, int batch) {
        Optimizer<double[]> optimizer = Optimizer.create(t.optimizer(), k, model.parameters());
        double[] losses = new double[t.steps()];
        double[] pre = new double[t.steps()];
        double[] post = new double[t.steps()];
        double[] lrs = new double[t.steps()];
        for (int s = 0; s < t.steps(); s++) {
            losses[s] = model.forwardBackward(x, y, seqLen, batch);
            pre[s] = Clipping.globalNorm(k, model.parameters());
            Clipping.apply(t.clipping(), k, model.parameters(), pre[s]);
            post[s] = Clipping.globalNorm(k, model.parameters());
            lrs[s] = t.schedule().lr(t.optimizer().lr(), s + 1, t.steps());
            optimizer.step(lrs[s]);
        }
        double finalLoss = model.loss(x, y, seqLen, batch);
        Map<String, double[]> finals = new LinkedHashMap<>();
        model.parameters().forEach(p -> finals.put(p.name(), p.value().clone()));
        return new GradientReport.TrajectoryReport(losses, pre, post, lrs, finalLoss, finals);
    }

    private static void load(SequenceModel<double[]> model, Map<String, double[]> values) {
        List<String> expected = model.parameters().stream().map(Parameter::name).toList();
        if (!expected.equals(List.copyOf(values.keySet()))) {
            throw new IllegalArgumentException("parameters " + values.keySet() + " do not match the model's "
                    + expected);
        }
        for (Parameter<double[]> p : model.parameters()) {
            double[] v = values.get(p.name());
            if (v.length != p.size()) {
                throw new IllegalArgumentException(p.name() + " has " + v.length + " values, the model expects "
                        + p.size() + " (shape " + java.util.Arrays.toString(p.shape()) + ")");
            }
            System.arraycopy(v, 0, p.value(), 0, v.length);
        }
    }
}
