package dev.rnnlab.engine.dl4j;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.Precision;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/**
 * A Deeplearning4j {@link MultiLayerNetwork} for one model and sequence length, driven with parameters and
 * gradients in PyTorch's state_dict layout (dev.rnnlab.engine.api.checkpoint.StateDict). DL4J computes the
 * forward pass, the loss and backpropagation through time; what happens to the gradient after that (clipping,
 * the optimizer) is the engine's, so that it has {@code torch.optim}'s semantics.
 *
 * <p>Layers: {@code SimpleRnn} (tanh or relu) or {@code LSTM} (no peepholes), then {@code RnnOutputLayer} for a
 * head on every step, or {@code LastTimeStep} around the top recurrent layer and an {@code OutputLayer} for a
 * head on the last step. Data is NCW ({@code [B, features, T]}). Conversions (../shared/notes/dl4j.md section 3):
 * <ul>
 *   <li>{@code W = weight_ih^T}, {@code RW = weight_hh^T}, one bias {@code b = bias_ih + bias_hh}; so the
 *       gradient of {@code b} is the gradient of each of PyTorch's two biases;</li>
 *   <li>LSTM column blocks of W, RW and b are [g, f, o, i] against PyTorch's row blocks [i, f, g, o]: DL4J block
 *       d holds PyTorch block {@link #LSTM_BLOCKS}[d];</li>
 *   <li>the head: {@code W = head.weight^T}, {@code b = head.bias}.</li>
 * </ul>
 * Loss: DL4J's score is a mean over the batch and, for outputs on every step, a <em>sum</em> over time; weights
 * of 1/T per output make it the mean over time as well, i.e. {@code F.mse_loss} (mean over every element) and
 * {@code F.cross_entropy} (mean over positions). Gradients DL4J hands back are summed over the batch, not
 * averaged: they are divided by B here.
 */
final class Dl4jNetwork {

    /** For DL4J's LSTM column block d (g, f, o, i), the PyTorch row block (i=0, f=1, g=2, o=3). */
    static final int[] LSTM_BLOCKS = {2, 1, 3, 0};

    private final ModelSpec spec;
    private final int inputSize;
    private final int outputSize;
    private final int seqLen;
    private final TargetLayout layout;
    private final LossKind loss;
    private final DataType dtype;
    private final MultiLayerNetwork net;
    private final int gates;
    private double[] headWeight;
    private double[] headBias;

    Dl4jNetwork(ModelSpec spec, int inputSize, int outputSize, int seqLen, TargetLayout layout, LossKind loss,
                Precision precision) {
        this.spec = spec;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        this.seqLen = seqLen;
        this.layout = layout;
        this.loss = loss;
        this.dtype = precision == Precision.FLOAT64 ? DataType.DOUBLE : DataType.FLOAT;
        this.gates = spec.cell().kind() == CellKind.LSTM ? 4 : 1;
        NeuralNetConfiguration.ListBuilder b = new NeuralNetConfiguration.Builder()
                .dataType(dtype)
                .seed(0)
                .updater(new NoOp())
                .weightInit(WeightInit.ZERO) // every value is set from the state_dict before use
                .list();
        for (int l = 0; l < spec.layers(); l++) {
            Layer layer = recurrent(l == 0 ? inputSize : spec.hidden());
            b.layer(layout == TargetLayout.LAST_STEP && l == spec.layers() - 1 ? new LastTimeStep(layer) : layer);
        }
        b.layer(head());
        b.setInputType(InputType.recurrent(inputSize, seqLen, RNNFormat.NCW));
        MultiLayerConfiguration conf = b.build();
        this.net = new MultiLayerNetwork(conf);
        net.init();
    }

    private Layer recurrent(int in) {
        int h = spec.hidden();
        if (spec.cell().kind() == CellKind.LSTM) {
            return new LSTM.Builder().nIn(in).nOut(h).activation(Activation.TANH)
                    .gateActivationFunction(Activation.SIGMOID).forgetGateBiasInit(0).dataFormat(RNNFormat.NCW).build();
        }
        Activation act = ((CellSpec.Rnn) spec.cell()).nonlinearity() == CellSpec.Nonlinearity.TANH
                ? Activation.TANH : Activation.RELU;
        return new SimpleRnn.Builder().nIn(in).nOut(h).activation(act).dataFormat(RNNFormat.NCW).build();
    }

    private BaseOutputLayer head() {
        boolean everyStep = layout == TargetLayout.EVERY_STEP;
        double weight = everyStep ? 1.0 / seqLen : 1.0;
        double[] w = new double[outputSize];
        java.util.Arrays.fill(w, weight);
        // Built in double and then cast: a float32 1/T would scale a float64 loss by 1 + 3e-8.
        INDArray weights = Nd4j.create(w, new long[] {1, outputSize}, 'c').castTo(dtype);
        ILossFunction fn = loss == LossKind.MSE ? new LossMSE(weights) : new LossMCXENT(weights);
        Activation act = loss == LossKind.MSE ? Activation.IDENTITY : Activation.SOFTMAX;
        if (everyStep) {
            return new RnnOutputLayer.Builder(fn).nIn(spec.hidden()).nOut(outputSize).activation(act)
                    .dataFormat(RNNFormat.NCW).build();
        }
        return new OutputLayer.Builder(fn).nIn(spec.hidden()).nOut(outputSize).activation(act).build();
    }

    /** Sets every parameter from the state_dict (row-major, PyTorch layout). */
    void setParameters(Map<String, double[]> torch) {
        int h = spec.hidden();
        for (int l = 0; l < spec.layers(); l++) {
            int in = l == 0 ? inputSize : h;
            double[] wih = torch.get("rnn.weight_ih_l" + l);
            double[] whh = torch.get("rnn.weight_hh_l" + l);
            double[] bih = torch.get("rnn.bias_ih_l" + l);
            double[] bhh = torch.get("rnn.bias_hh_l" + l);
            int cols = gates * h;
            double[] w = new double[in * cols];
            double[] rw = new double[h * cols];
            double[] bias = new double[cols];
            for (int d = 0; d < gates; d++) {
                int p = gates == 4 ? LSTM_BLOCKS[d] : 0;
                for (int j = 0; j < h; j++) {
                    int dc = d * h + j;
                    int pr = p * h + j;
                    for (int i = 0; i < in; i++) {
                        w[i * cols + dc] = wih[pr * in + i];
                    }
                    for (int i = 0; i < h; i++) {
                        rw[i * cols + dc] = whh[pr * h + i];
                    }
                    bias[dc] = bih[pr] + bhh[pr];
                }
            }
            set(l + "_W", w, in, cols);
            set(l + "_RW", rw, h, cols);
            set(l + "_b", bias, 1, cols);
        }
        int head = spec.layers();
        double[] hw = torch.get("head.weight");
        headWeight = hw.clone();
        headBias = torch.get("head.bias").clone();
        double[] w = new double[h * outputSize];
        for (int o = 0; o < outputSize; o++) {
            for (int j = 0; j < h; j++) {
                w[j * outputSize + o] = hw[o * h + j];
            }
        }
        set(head + "_W", w, h, outputSize);
        set(head + "_b", torch.get("head.bias"), 1, outputSize);
    }

    private void set(String key, double[] rowMajor, int rows, int cols) {
        INDArray target = net.getParam(key);
        if (target == null) {
            throw new IllegalStateException("DL4J network has no parameter " + key + "; it has " + net.paramTable().keySet());
        }
        INDArray value = Nd4j.create(rowMajor, new long[] {rows, cols}, 'c').castTo(dtype);
        target.assign(value.reshape(target.shape()));
    }

    /** The gradient of every state_dict parameter after {@link #forwardBackward}, divided by B. */
    private Map<String, double[]> gradients(Gradient g, int batch) {
        int h = spec.hidden();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int l = 0; l < spec.layers(); l++) {
            int in = l == 0 ? inputSize : h;
            int cols = gates * h;
            double[] w = rowMajor(g.getGradientFor(l + "_W"));
            double[] rw = rowMajor(g.getGradientFor(l + "_RW"));
            double[] bias = rowMajor(g.getGradientFor(l + "_b"));
            double[] wih = new double[cols * in];
            double[] whh = new double[cols * h];
            double[] b = new double[cols];
            for (int d = 0; d < gates; d++) {
                int p = gates == 4 ? LSTM_BLOCKS[d] : 0;
                for (int j = 0; j < h; j++) {
                    int dc = d * h + j;
                    int pr = p * h + j;
                    for (int i = 0; i < in; i++) {
                        wih[pr * in + i] = w[i * cols + dc] / batch;
                    }
                    for (int i = 0; i < h; i++) {
                        whh[pr * h + i] = rw[i * cols + dc] / batch;
                    }
                    b[pr] = bias[dc] / batch;
                }
            }
            out.put("rnn.weight_ih_l" + l, wih);
            out.put("rnn.weight_hh_l" + l, whh);
            out.put("rnn.bias_ih_l" + l, b);
            out.put("rnn.bias_hh_l" + l, b.clone());
        }
        int head = spec.layers();
        double[] w = rowMajor(g.getGradientFor(head + "_W"));
        double[] hw = new double[outputSize * h];
        for (int o = 0; o < outputSize; o++) {
            for (int j = 0; j < h; j++) {
                hw[o * h + j] = w[j * outputSize + o] / batch;
            }
        }
        double[] hb = rowMajor(g.getGradientFor(head + "_b"));
        for (int o = 0; o < hb.length; o++) {
            hb[o] /= batch;
        }
        out.put("head.weight", hw);
        out.put("head.bias", hb);
        return out;
    }

    private static double[] rowMajor(INDArray a) {
        return a.dup('c').castTo(DataType.DOUBLE).data().asDouble();
    }

    /** Loss and gradients (state_dict layout, averaged) of one batch, from zero initial states. */
    record Result(double loss, Map<String, double[]> gradients) {}

    /**
     * @param inputs  {@code [B, T, I]}, batch-first
     * @param targets {@code [B, T, W]} or, for a head on the last step, {@code [B, W]} (W as in
     *                {@link dev.rnnlab.engine.api.data.Batch})
     */
    Result forwardBackward(double[] inputs, double[] targets, int batch) {
        net.setInput(features(inputs, batch));
        net.setLabels(labels(targets, batch));
        net.computeGradientAndScore();
        return new Result(net.score(), gradients(net.gradient(), batch));
    }

    /** The loss of one batch, without gradients. */
    double loss(double[] inputs, double[] targets, int batch) {
        return net.score(new DataSet(features(inputs, batch), labels(targets, batch)), false);
    }

    /**
     * The head's outputs before any softmax (logits for cross-entropy, as the native engine and PyTorch report
     * them), batch-first like the targets: the top recurrent layer's states from DL4J, then the linear head with
     * the parameters last set.
     */
    double[] predictions(double[] inputs, int batch) {
        java.util.List<INDArray> acts = net.feedForward(features(inputs, batch), false);
        double[] top = rowMajor(acts.get(spec.layers())); // [B, H, T], or [B, H] after LastTimeStep
        int h = spec.hidden();
        int steps = layout == TargetLayout.LAST_STEP ? 1 : seqLen;
        double[] out = new double[batch * steps * outputSize];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int o = 0; o < outputSize; o++) {
                    double v = headBias[o];
                    for (int j = 0; j < h; j++) {
                        v += headWeight[o * h + j] * top[(b * h + j) * steps + t];
                    }
                    out[(b * steps + t) * outputSize + o] = v;
                }
            }
        }
        return out;
    }

    /**
     * One sequence's next {@code steps} steps ({@code [steps, I]}) through {@link MultiLayerNetwork#rnnTimeStep}, which
     * carries every layer's state from call to call; returns the head's outputs {@code [steps, O]}. For a network
     * built with an MSE head (identity activation), as {@link Dl4jGradientChecker#stepper} builds it, these are the
     * logits too.
     */
    double[] timeStep(double[] inputs, int steps) {
        double[] ncw = new double[inputSize * steps];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < inputSize; i++) {
                ncw[i * steps + t] = inputs[t * inputSize + i];
            }
        }
        double[] out = rowMajor(net.rnnTimeStep(Nd4j.create(ncw, new long[] {1, inputSize, steps}, 'c').castTo(dtype)));
        if (out.length != outputSize * steps) {
            throw new IllegalStateException("rnnTimeStep gave " + out.length + " values for " + steps + " steps");
        }
        double[] rows = new double[steps * outputSize];
        for (int t = 0; t < steps; t++) {
            for (int o = 0; o < outputSize; o++) {
                rows[t * outputSize + o] = out[o * steps + t]; // [1, O, steps] to [steps, O]
            }
        }
        return rows;
    }

    private INDArray features(double[] x, int batch) {
        double[] ncw = new double[batch * inputSize * seqLen];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < seqLen; t++) {
                for (int i = 0; i < inputSize; i++) {
                    ncw[(b * inputSize + i) * seqLen + t] = x[(b * seqLen + t) * inputSize + i];
                }
            }
        }
        return Nd4j.create(ncw, new long[] {batch, inputSize, seqLen}, 'c').castTo(dtype);
    }

    private INDArray labels(double[] y, int batch) {
        boolean everyStep = layout == TargetLayout.EVERY_STEP;
        int steps = everyStep ? seqLen : 1;
        double[] out = new double[batch * outputSize * steps];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                for (int o = 0; o < outputSize; o++) {
                    double v;
                    if (loss == LossKind.MSE) {
                        v = y[(b * steps + t) * outputSize + o];
                    } else {
                        v = (int) y[b * steps + t] == o ? 1 : 0; // one-hot of the class index
                    }
                    out[(b * outputSize + o) * steps + t] = v;
                }
            }
        }
        long[] shape = everyStep ? new long[] {batch, outputSize, seqLen} : new long[] {batch, outputSize};
        return Nd4j.create(out, shape, 'c').castTo(dtype);
    }
}
