package dev.rnnlab.runner.exec;

import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.check.GradientCase;
import dev.rnnlab.engine.api.check.GradientReport;
import dev.rnnlab.engine.api.check.Stepper;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.runner.data.CsvData;
import dev.rnnlab.runner.store.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * After training: the final weights (the run's {@code model.safetensors}) on the test split, once, through the
 * engine's float64 evaluator, so the test loss and the predictions are a forward pass of exactly the saved model.
 * It gives the test loss (null without a test split) and writes {@code predictions.csv} for the test split, or the
 * validation split when there is none: long format {@code sequence,t,column,target,prediction}, one row per
 * predicted value of the first {@code cap} sequences, in the data's original units (a CSV table's targets
 * un-normalised; for classes, the target class and the most likely one).
 */
final class Evaluation {

    static final String PREDICTIONS = "predictions.csv";

    private Evaluation() {}

    /** @return the test loss, NaN when the data has no test split */
    static double run(EngineProvider engine, ModelSpec model, SequenceData data, List<Tensor> weights, int cap,
                      Path predictions) throws IOException {
        Batch test = data.test();
        Batch shown = test != null ? test : data.validation();
        GradientReport report = engine.gradientChecker().orElseThrow(() -> new IllegalStateException("engine '"
                + engine.name() + "' has no evaluator for the test split")).evaluate(gradientCase(model, shown, weights));
        AtomicFiles.write(predictions, csv(data, shown, report.predictions(), cap));
        return test == null ? Double.NaN : report.loss();
    }

    static final String ROLLOUT = "rollout.csv";

    /**
     * The autoregressive rollout of a next-step model whose inputs are its targets (one input, one output), on the
     * first sequence of the test split (or validation): the first {@code warmup} true values as inputs, then each
     * prediction appended as the next input, {@code steps} times. Each prediction is the last step's output of a
     * forward pass over the sequence so far from zero states, computed by the engine's {@link Stepper} at one step's
     * cost per step. Writes {@code t,target,prediction} (original units),
     * t counting the sequence's values from 0, for t = warmup .. warmup + steps - 1.
     */
    static void rollout(EngineProvider engine, ModelSpec model, SequenceData data, List<Tensor> weights, int warmup,
                        int steps, Path file) throws IOException {
        Batch b = data.test() != null ? data.test() : data.validation();
        int t = b.seqLen();
        double[] truth = new double[t + 1]; // x_0 .. x_T: the inputs, then the last step's target
        for (int s = 0; s < t; s++) {
            truth[s] = b.inputs()[s];
        }
        truth[t] = b.targets()[t - 1];
        Map<String, double[]> params = new LinkedHashMap<>();
        weights.forEach(w -> params.put(w.name(), w.values()));
        Stepper stepper = engine.gradientChecker().orElseThrow().stepper(model, 1, 1, params);
        StringBuilder out = new StringBuilder("t,target,prediction\n");
        double[] first = stepper.step(java.util.Arrays.copyOf(truth, warmup), warmup);
        double p = first[warmup - 1];
        for (int k = 0; k < steps; k++) {
            int len = warmup + k;
            if (k > 0) {
                p = stepper.step(new double[] {p}, 1)[0]; // the last prediction is the next input
            }
            out.append(len).append(',').append(original(data, 0, truth[len])).append(',').append(original(data, 0, p))
                    .append('\n');
        }
        AtomicFiles.write(file, out.toString());
    }

    private static GradientCase gradientCase(ModelSpec model, Batch b, List<Tensor> weights) {
        Map<String, double[]> params = new LinkedHashMap<>();
        weights.forEach(t -> params.put(t.name(), t.values()));
        return new GradientCase(model, b.inputSize(), b.outputSize(), b.seqLen(), b.size(), b.layout(), b.loss(), params,
                doubles(b.inputs()), doubles(b.targets()), null);
    }

    static String csv(SequenceData data, Batch b, double[] predictions, int cap) {
        StringBuilder out = new StringBuilder("sequence,t,column,target,prediction\n");
        int steps = b.layout() == TargetLayout.EVERY_STEP ? b.seqLen() : 1;
        int o = b.outputSize();
        boolean classes = b.loss() == LossKind.CROSS_ENTROPY;
        for (int n = 0; n < Math.min(cap, b.size()); n++) {
            for (int s = 0; s < steps; s++) {
                int pos = n * steps + s;
                int t = b.layout() == TargetLayout.EVERY_STEP ? s : b.seqLen() - 1;
                if (classes) {
                    int best = 0;
                    for (int c = 1; c < o; c++) {
                        if (predictions[pos * o + c] > predictions[pos * o + best]) {
                            best = c;
                        }
                    }
                    out.append(String.format(Locale.ROOT, "%d,%d,class,%d,%d%n", n, t, (int) b.targets()[pos], best));
                    continue;
                }
                for (int c = 0; c < o; c++) {
                    out.append(n).append(',').append(t).append(',').append(column(data, c, o)).append(',')
                            .append(original(data, c, b.targets()[pos * o + c])).append(',')
                            .append(original(data, c, predictions[pos * o + c])).append('\n');
                }
            }
        }
        return out.toString();
    }

    private static String column(SequenceData data, int c, int outputs) {
        return data instanceof CsvData csv ? csv.targetNames().get(c) : outputs == 1 ? "y" : "y" + c;
    }

    private static double original(SequenceData data, int c, double v) {
        return data instanceof CsvData csv ? csv.original(c, v) : v;
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
