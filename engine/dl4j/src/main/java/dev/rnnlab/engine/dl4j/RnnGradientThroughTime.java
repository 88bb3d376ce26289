package dev.rnnlab.engine.dl4j;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The gradient through time {@code ||dL/dh_t||} of a stack of {@code SimpleRnn} layers, which DL4J does not
 * expose (its layers return only the direct part, from the layer above): rebuilt exactly from the parameters
 * and the batch by the recursion of ../shared/notes/dl4j.md section 7,
 * <pre>
 *   delta_t = e_t + (delta_{t+1} * f'(a_{t+1})) W_hh,      e_t = dL/dh_t through the output (top layer)
 *                                                           or through the layer above's input (others)
 * </pre>
 * with {@code h_t = f(a_t)}, {@code a_t = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh}, {@code f' = 1 - h^2} (tanh)
 * or {@code [h > 0]} (relu). The norm is L2 over batch and hidden units, as the native engine reports it
 * (checked against PyTorch's fixtures by {@code rnnlab gradcheck --engine dl4j}). LSTM has no such rebuild
 * from DL4J's arrays, so its runs record none.
 */
final class RnnGradientThroughTime {

    private RnnGradientThroughTime() {}

    /**
     * Per layer, {@code ||dL/dh_t||} for t = 1..T.
     *
     * @param x {@code [B, T, I]}; {@code y} as {@link dev.rnnlab.engine.api.data.Batch} targets
     */
    static List<double[]> norms(ModelSpec spec, Map<String, double[]> params, double[] x, double[] y, int batch,
                                int seqLen, int inputSize, int outputSize, TargetLayout layout, LossKind loss) {
        boolean relu = ((CellSpec.Rnn) spec.cell()).nonlinearity() == CellSpec.Nonlinearity.RELU;
        int h = spec.hidden();
        int layers = spec.layers();
        // Forward: h[l][(b * T + t) * H + j]
        List<double[]> hs = new ArrayList<>();
        double[] in = x;
        int width = inputSize;
        for (int l = 0; l < layers; l++) {
            double[] wih = params.get("rnn.weight_ih_l" + l);
            double[] whh = params.get("rnn.weight_hh_l" + l);
            double[] bih = params.get("rnn.bias_ih_l" + l);
            double[] bhh = params.get("rnn.bias_hh_l" + l);
            double[] out = new double[batch * seqLen * h];
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < seqLen; t++) {
                    for (int j = 0; j < h; j++) {
                        double a = bih[j] + bhh[j];
                        for (int i = 0; i < width; i++) {
                            a += wih[j * width + i] * in[(b * seqLen + t) * width + i];
                        }
                        if (t > 0) {
                            for (int i = 0; i < h; i++) {
                                a += whh[j * h + i] * out[(b * seqLen + t - 1) * h + i];
                            }
                        }
                        out[(b * seqLen + t) * h + j] = relu ? Math.max(0, a) : Math.tanh(a);
                    }
                }
            }
            hs.add(out);
            in = out;
            width = h;
        }
        // dL/d(head output), then the direct part for the top layer.
        double[] top = hs.get(layers - 1);
        double[] hw = params.get("head.weight");
        double[] hb = params.get("head.bias");
        boolean every = layout == TargetLayout.EVERY_STEP;
        int positions = every ? batch * seqLen : batch;
        double[] e = new double[batch * seqLen * h];
        for (int b = 0; b < batch; b++) {
            for (int t = every ? 0 : seqLen - 1; t < seqLen; t++) {
                int pos = every ? b * seqLen + t : b;
                double[] logits = new double[outputSize];
                for (int o = 0; o < outputSize; o++) {
                    double v = hb[o];
                    for (int j = 0; j < h; j++) {
                        v += hw[o * h + j] * top[(b * seqLen + t) * h + j];
                    }
                    logits[o] = v;
                }
                double[] d = dLoss(logits, y, pos, outputSize, positions, loss);
                for (int j = 0; j < h; j++) {
                    double s = 0;
                    for (int o = 0; o < outputSize; o++) {
                        s += d[o] * hw[o * h + j];
                    }
                    e[(b * seqLen + t) * h + j] = s;
                }
            }
        }
        // Backward through time, layer by layer from the top.
        double[][] norms = new double[layers][seqLen];
        for (int l = layers - 1; l >= 0; l--) {
            double[] hl = hs.get(l);
            double[] whh = params.get("rnn.weight_hh_l" + l);
            double[] wih = params.get("rnn.weight_ih_l" + l);
            int below = l == 0 ? inputSize : h;
            double[] eBelow = new double[batch * seqLen * below];
            double[] sq = new double[seqLen];
            for (int b = 0; b < batch; b++) {
                double[] next = new double[h]; // delta_{t+1} * f'(a_{t+1})
                for (int t = seqLen - 1; t >= 0; t--) {
                    double[] delta = new double[h];
                    for (int i = 0; i < h; i++) {
                        double v = e[(b * seqLen + t) * h + i];
                        for (int j = 0; j < h; j++) {
                            v += next[j] * whh[j * h + i];
                        }
                        delta[i] = v;
                        sq[t] += v * v;
                    }
                    for (int j = 0; j < h; j++) {
                        double hv = hl[(b * seqLen + t) * h + j];
                        next[j] = delta[j] * (relu ? (hv > 0 ? 1 : 0) : 1 - hv * hv);
                    }
                    for (int i = 0; i < below; i++) {
                        double v = 0;
                        for (int j = 0; j < h; j++) {
                            v += next[j] * wih[j * below + i];
                        }
                        eBelow[(b * seqLen + t) * below + i] = v;
                    }
                }
            }
            for (int t = 0; t < seqLen; t++) {
                norms[l][t] = Math.sqrt(sq[t]);
            }
            e = eBelow;
        }
        List<double[]> out = new ArrayList<>();
        for (double[] n : norms) {
            out.add(n);
        }
        return out;
    }

    /** dL/dlogits at one position: MSE mean over every element, or softmax cross-entropy mean over positions. */
    private static double[] dLoss(double[] logits, double[] y, int pos, int outputSize, int positions, LossKind loss) {
        double[] d = new double[outputSize];
        if (loss == LossKind.MSE) {
            for (int o = 0; o < outputSize; o++) {
                d[o] = 2 * (logits[o] - y[pos * outputSize + o]) / ((double) positions * outputSize);
            }
            return d;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logits) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logits) {
            sum += Math.exp(v - max);
        }
        int target = (int) y[pos];
        for (int o = 0; o < outputSize; o++) {
            d[o] = (Math.exp(logits[o] - max) / sum - (o == target ? 1 : 0)) / positions;
        }
        return d;
    }
}
