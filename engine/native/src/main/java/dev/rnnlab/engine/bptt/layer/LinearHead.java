package dev.rnnlab.engine.bptt.layer;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/**
 * The linear read-out {@code y_t = W h_t + b} ({@code head.weight [O, H]}, {@code head.bias [O]}),
 * applied to the top layer's {@code h_t} at every step ({@link TargetLayout#EVERY_STEP}, output
 * {@code [T, B, O]}) or at the last step only ({@link TargetLayout#LAST_STEP}, output {@code [B, O]}).
 */
public final class LinearHead<A> {

    private final Kernels<A> k;
    private final TargetLayout layout;
    private final int hidden;
    private final int out;
    private final Parameter<A> weight;
    private final Parameter<A> bias;
    private A predictions;
    private A dHidden;
    private A hiddenStates;
    private int hiddenOffset;
    private int rows;
    private int firstRow;

    public LinearHead(Kernels<A> k, TargetLayout layout, int hiddenSize, int outputSize) {
        this.k = k;
        this.layout = layout;
        this.hidden = hiddenSize;
        this.out = outputSize;
        this.weight = Parameter.zeros(k, "head.weight", outputSize, hiddenSize);
        this.bias = Parameter.zeros(k, "head.bias", outputSize);
    }

    public List<Parameter<A>> parameters() {
        return List.of(weight, bias);
    }

    /** Reads {@code h} ({@code [T, B, H]} from {@code offset}) and returns the predictions. */
    public A forward(A h, int offset, int seqLen, int batch) {
        rows = layout == TargetLayout.EVERY_STEP ? seqLen * batch : batch;
        firstRow = layout == TargetLayout.EVERY_STEP ? 0 : (seqLen - 1) * batch;
        hiddenStates = h;
        hiddenOffset = offset + firstRow * hidden;
        if (predictions == null || k.length(predictions) != rows * out) {
            predictions = k.allocate(rows * out);
        }
        int need = seqLen * batch * hidden;
        if (dHidden == null || k.length(dHidden) != need) {
            dHidden = k.allocate(need);
        }
        k.gemmNT(rows, out, hidden, h, hiddenOffset, weight.value(), 0, predictions, 0, false);
        k.addRowVector(rows, out, predictions, 0, bias.value());
        return predictions;
    }

    /** Takes dL/dy and returns dL/dh for every step ({@code [T, B, H]}, zero where the head did not read). */
    public A backward(A dPredictions) {
        k.gemmTNAccumulate(rows, out, hidden, dPredictions, 0, hiddenStates, hiddenOffset, weight.grad(), 0);
        k.sumRowsAccumulate(rows, out, dPredictions, 0, bias.grad());
        // the product writes the rows the head read; the steps before them (last-step targets) get zeros
        k.fill(dHidden, 0, firstRow * hidden, 0.0);
        k.gemmNN(rows, out, hidden, dPredictions, 0, weight.value(), 0, dHidden, firstRow * hidden, false);
        return dHidden;
    }
}
