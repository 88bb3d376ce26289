package dev.rnnlab.engine.dl4j;

import dev.rnnlab.engine.api.Engine;
import dev.rnnlab.engine.api.checkpoint.Safetensors;
import dev.rnnlab.engine.api.checkpoint.StateDict;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.Outcome;
import dev.rnnlab.engine.api.telemetry.ParameterRecord;
import dev.rnnlab.engine.api.telemetry.RecurrentRecord;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import dev.rnnlab.engine.api.telemetry.StopRequest;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import dev.rnnlab.engine.api.telemetry.TimeProfileRecord;
import dev.rnnlab.engine.shared.InitialParameters;
import dev.rnnlab.engine.shared.Spectra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One run on Deeplearning4j, step for step the native engine's loop: validation before the first step, every
 * {@code eval_every} steps and after the last; for each step the batch {@code data.trainBatch(step - 1)},
 * forward and full BPTT in DL4J, the global gradient norm, a divergence check (a non-finite loss or gradient
 * ends the run as diverged with the weights of the last finite step), clipping and the {@code torch.optim}
 * update on the state_dict tensors, telemetry. The parameters live here, in PyTorch's layout, and are written
 * into the network before each step; in a float32 run they are rounded to float32 after each update, as the
 * network holds them. Detail steps record parameter norms, W_hh spectra and, for RNN cells, the gradient through
 * time (rebuilt, {@link RnnGradientThroughTime}); the LSTM's gradient through time and gate saturation are not
 * available from DL4J and are not recorded.
 */
final class Dl4jEngine implements Engine {

    @Override
    public RunResult train(RunSpec spec, SequenceData data, TelemetrySink sink) {
        Nd4jRuntime.load();
        Dl4jNetwork net = new Dl4jNetwork(spec.model(), data.inputSize(), data.outputSize(), data.seqLen(),
                data.layout(), data.loss(), spec.precision());
        Map<String, double[]> params = initial(spec, data);
        boolean float32 = spec.precision() == Precision.FLOAT32;
        if (float32) {
            roundToFloat(params);
        }
        TrainingSpec training = spec.training();
        TorchOptimizer optimizer = new TorchOptimizer(training.optimizer());
        Batch validation = data.validation();
        double[] valX = doubles(validation.inputs());
        double[] valY = doubles(validation.targets());
        net.setParameters(params);
        double lastVal = validate(net, 0, valX, valY, validation.size(), sink);
        double lastLoss = Double.NaN;
        for (long step = 1; step <= training.steps(); step++) {
            if (Thread.currentThread().isInterrupted()) {
                return new RunResult(Outcome.INTERRUPTED, step - 1, lastLoss, lastVal, "interrupted before step " + step);
            }
            double lr = training.schedule().lr(training.optimizer().lr(), step, training.steps());
            Batch batch = data.trainBatch(step - 1);
            net.setParameters(params);
            Dl4jNetwork.Result r = net.forwardBackward(doubles(batch.inputs()), doubles(batch.targets()), batch.size());
            Map<String, double[]> grads = r.gradients();
            double norm = GradientClipping.globalNorm(grads);
            if (!Double.isFinite(r.loss()) || !Double.isFinite(norm)) {
                sink.step(new StepRecord(step, r.loss(), norm, norm, false, lr));
                return new RunResult(Outcome.DIVERGED, step - 1, r.loss(), lastVal, divergence(step, r.loss(), grads));
            }
            if (spec.telemetry().detailAt(step, training.steps())) {
                detail(spec, params, grads, step, sink);
                if (spec.model().cell().kind() != CellKind.LSTM) {
                    List<double[]> norms = RnnGradientThroughTime.norms(spec.model(), params, doubles(batch.inputs()),
                            doubles(batch.targets()), batch.size(), data.seqLen(), data.inputSize(), data.outputSize(),
                            data.layout(), data.loss());
                    for (int l = 0; l < norms.size(); l++) {
                        sink.timeProfile(new TimeProfileRecord(step, l, norms.get(l)));
                    }
                }
            }
            boolean clipped = GradientClipping.apply(training.clipping(), grads, norm);
            double post = clipped ? GradientClipping.globalNorm(grads) : norm;
            optimizer.step(params, grads, lr);
            if (float32) {
                roundToFloat(params);
            }
            lastLoss = r.loss();
            if (spec.telemetry().scalarsAt(step, training.steps())) {
                sink.step(new StepRecord(step, r.loss(), norm, post, clipped, lr));
            }
            if (step % training.evalEvery() == 0 || step == training.steps()) {
                net.setParameters(params);
                lastVal = validate(net, step, valX, valY, validation.size(), sink);
            }
            StopRequest stop = sink.stopRequest();
            if (stop != null) {
                checkpoint(spec, data, params, step, sink);
                return new RunResult(stop.outcome(), step, lastLoss, lastVal, stop.reason());
            }
        }
        checkpoint(spec, data, params, training.steps(), sink);
        return new RunResult(Outcome.COMPLETED, training.steps(), lastLoss, lastVal, "");
    }

    /** The initial parameters every engine starts from, or those of {@code model.init.from}. */
    private static Map<String, double[]> initial(RunSpec spec, SequenceData data) {
        Map<String, double[]> params = InitialParameters.of(spec.model(), data.inputSize(), data.outputSize(),
                spec.seed());
        if (spec.model().init().from() == null) {
            return params;
        }
        Path file = Path.of(spec.model().init().from());
        List<Tensor> tensors;
        try {
            tensors = Safetensors.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load initial parameters from " + file + ": " + e.getMessage(), e);
        }
        String mismatch = StateDict.mismatch(tensors, StateDict.shapes(spec.model(), data.inputSize(), data.outputSize()));
        if (mismatch != null) {
            throw new IllegalArgumentException(file + " " + mismatch);
        }
        tensors.forEach(t -> params.put(t.name(), t.values().clone()));
        return params;
    }

    private static double validate(Dl4jNetwork net, long step, double[] x, double[] y, int batch, TelemetrySink sink) {
        double val = net.loss(x, y, batch);
        sink.validation(new EvalRecord(step, val));
        return val;
    }

    /** Norms of every parameter and its gradient (before clipping), and the spectra of each W_hh gate block. */
    private static void detail(RunSpec spec, Map<String, double[]> params, Map<String, double[]> grads, long step,
                               TelemetrySink sink) {
        List<ParameterRecord> records = new ArrayList<>();
        for (Map.Entry<String, double[]> e : params.entrySet()) {
            String name = e.getKey();
            int layer = name.startsWith("head.") ? -1 : Integer.parseInt(name.substring(name.lastIndexOf("_l") + 2));
            records.add(new ParameterRecord(step, name, layer, Math.sqrt(GradientClipping.sumOfSquares(grads.get(name))),
                    Math.sqrt(GradientClipping.sumOfSquares(e.getValue()))));
        }
        sink.parameters(records);
        int h = spec.model().hidden();
        List<String> gates = spec.model().cell().kind() == CellKind.LSTM ? List.of("i", "f", "g", "o") : List.of("h");
        for (int l = 0; l < spec.model().layers(); l++) {
            double[] whh = params.get("rnn.weight_hh_l" + l);
            for (int g = 0; g < gates.size(); g++) {
                double[][] block = new double[h][h];
                for (int r = 0; r < h; r++) {
                    System.arraycopy(whh, (g * h + r) * h, block[r], 0, h);
                }
                sink.recurrent(new RecurrentRecord(step, l, gates.get(g), Spectra.spectralRadius(block),
                        Spectra.maxSingularValue(block), Double.NaN));
            }
        }
    }

    private static void checkpoint(RunSpec spec, SequenceData data, Map<String, double[]> params, long step,
                                   TelemetrySink sink) {
        if (!spec.telemetry().checkpoint()) {
            return;
        }
        Map<String, int[]> shapes = StateDict.shapes(spec.model(), data.inputSize(), data.outputSize());
        Tensor.DType dtype = spec.precision() == Precision.FLOAT32 ? Tensor.DType.F32 : Tensor.DType.F64;
        List<Tensor> tensors = new ArrayList<>();
        params.forEach((name, v) -> tensors.add(new Tensor(name, dtype, shapes.get(name), v.clone())));
        sink.checkpoint(step, tensors);
    }

    /** The loss, or the first parameter (state_dict order) whose gradient is not finite. */
    private static String divergence(long step, double loss, Map<String, double[]> grads) {
        String where = Double.isFinite(loss) ? "global gradient norm (overflow)" : "loss " + loss;
        if (Double.isFinite(loss)) {
            for (Map.Entry<String, double[]> e : grads.entrySet()) {
                for (double v : e.getValue()) {
                    if (!Double.isFinite(v)) {
                        String n = e.getKey();
                        int l = n.lastIndexOf("_l");
                        where = "gradient of " + n + " (" + (n.startsWith("head.") ? "head" : "layer " + n.substring(l + 2))
                                + ")";
                        return "diverged at step " + step + ": non-finite " + where + "; weights kept from step "
                                + (step - 1);
                    }
                }
            }
        }
        return "diverged at step " + step + ": non-finite " + where + "; weights kept from step " + (step - 1);
    }

    private static void roundToFloat(Map<String, double[]> params) {
        for (double[] v : params.values()) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) v[i];
            }
        }
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
