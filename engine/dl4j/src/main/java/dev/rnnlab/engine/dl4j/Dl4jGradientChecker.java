package dev.rnnlab.engine.dl4j;

import dev.rnnlab.engine.api.check.GradientCase;
import dev.rnnlab.engine.api.check.GradientChecker;
import dev.rnnlab.engine.api.check.GradientReport;
import dev.rnnlab.engine.api.check.Stepper;
import dev.rnnlab.engine.api.check.TrajectorySpec;
import dev.rnnlab.engine.api.checkpoint.StateDict;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.Precision;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DL4J engine's float64 evaluator: the same network, clipping and optimizer code as its training. The
 * per-timestep {@code ||dL/dh_t||} is rebuilt for RNN cells ({@link RnnGradientThroughTime}); for LSTM it is not
 * available, and {@link GradientReport#hiddenGradNormsByLayer()} is empty.
 */
final class Dl4jGradientChecker implements GradientChecker {

    @Override
    public GradientReport evaluate(GradientCase c) {
        String mismatch = StateDict.mismatch(c.parameters().entrySet().stream().map(e -> new dev.rnnlab.engine.api
                .checkpoint.Tensor(e.getKey(), dev.rnnlab.engine.api.checkpoint.Tensor.DType.F64,
                shapeOf(c, e.getKey()), e.getValue())).toList(), StateDict.shapes(c.model(), c.inputSize(), c.outputSize()));
        if (mismatch != null) {
            throw new IllegalArgumentException("the case's parameters do not fit its model: " + mismatch);
        }
        Dl4jNetwork net = new Dl4jNetwork(c.model(), c.inputSize(), c.outputSize(), c.seqLen(), c.layout(), c.loss(),
                Precision.FLOAT64);
        Map<String, double[]> params = copy(c.parameters());
        net.setParameters(params);
        Dl4jNetwork.Result r = net.forwardBackward(c.inputs(), c.targets(), c.batch());
        double[] predictions = net.predictions(c.inputs(), c.batch());
        GradientReport.TrajectoryReport trajectory = c.trajectory() == null ? null
                : trajectory(net, params, c.trajectory(), c);
        List<double[]> throughTime = c.model().cell().kind() == CellKind.LSTM ? List.of()
                : RnnGradientThroughTime.norms(c.model(), c.parameters(), c.inputs(), c.targets(), c.batch(), c.seqLen(),
                c.inputSize(), c.outputSize(), c.layout(), c.loss());
        return new GradientReport(r.loss(), predictions, r.gradients(), throughTime, trajectory);
    }

    @Override
    public Stepper stepper(ModelSpec model, int inputSize, int outputSize, Map<String, double[]> parameters) {
        if (model.cell().kind() == CellKind.GRU) {
            throw new IllegalArgumentException("the dl4j engine has no GRU (docs/engines.md)");
        }
        // An identity head (the MSE network) gives the logits for cross-entropy too; the loss is never computed.
        Dl4jNetwork net = new Dl4jNetwork(model, inputSize, outputSize, 1, TargetLayout.EVERY_STEP, LossKind.MSE,
                Precision.FLOAT64);
        net.setParameters(copy(parameters));
        return net::timeStep;
    }

    private static GradientReport.TrajectoryReport trajectory(Dl4jNetwork net, Map<String, double[]> params,
                                                              TrajectorySpec t, GradientCase c) {
        TorchOptimizer optimizer = new TorchOptimizer(t.optimizer());
        double[] losses = new double[t.steps()];
        double[] pre = new double[t.steps()];
        double[] post = new double[t.steps()];
        double[] lrs = new double[t.steps()];
        for (int s = 0; s < t.steps(); s++) {
            net.setParameters(params);
            Dl4jNetwork.Result r = net.forwardBackward(c.inputs(), c.targets(), c.batch());
            losses[s] = r.loss();
            pre[s] = GradientClipping.globalNorm(r.gradients());
            GradientClipping.apply(t.clipping(), r.gradients(), pre[s]);
            post[s] = GradientClipping.globalNorm(r.gradients());
            lrs[s] = t.schedule().lr(t.optimizer().lr(), s + 1, t.steps());
            optimizer.step(params, r.gradients(), lrs[s]);
        }
        net.setParameters(params);
        double finalLoss = net.loss(c.inputs(), c.targets(), c.batch());
        return new GradientReport.TrajectoryReport(losses, pre, post, lrs, finalLoss, copy(params));
    }

    private static int[] shapeOf(GradientCase c, String name) {
        int[] shape = StateDict.shapes(c.model(), c.inputSize(), c.outputSize()).get(name);
        return shape == null ? new int[] {c.parameters().get(name).length} : shape;
    }

    private static Map<String, double[]> copy(Map<String, double[]> m) {
        Map<String, double[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.clone()));
        return out;
    }
}
