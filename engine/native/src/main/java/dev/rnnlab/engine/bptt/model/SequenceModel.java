package dev.rnnlab.engine.bptt.model;

import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.InitSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.bptt.layer.GruLayer;
import dev.rnnlab.engine.bptt.layer.LinearHead;
import dev.rnnlab.engine.bptt.layer.LstmLayer;
import dev.rnnlab.engine.bptt.layer.Loss;
import dev.rnnlab.engine.bptt.layer.RecurrentLayer;
import dev.rnnlab.engine.bptt.layer.RnnLayer;
import dev.rnnlab.engine.bptt.layer.Truncation;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.shared.InitialParameters;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code layers} stacked recurrent layers (layer k > 0 reads layer k-1's {@code h_t}), a linear head
 * and a loss (MSE or cross-entropy). Inputs and targets are time-major ({@link TimeMajor} converts batches).
 */
public final class SequenceModel<A> {

    private final Kernels<A> k;
    private final ModelSpec spec;
    private final int inputSize;
    private final int outputSize;
    private final List<RecurrentLayer<A>> layers;
    private final LinearHead<A> head;
    private final TargetLayout layout;
    private final Loss<A> loss;
    private final List<Parameter<A>> parameters;
    private final List<A> layerInputGrads = new ArrayList<>();
    private A predictions;

    public SequenceModel(Kernels<A> k, ModelSpec spec, int inputSize, int outputSize, TargetLayout layout,
                         LossKind lossKind) {
        this.k = k;
        this.spec = spec;
        this.inputSize = inputSize;
        this.outputSize = outputSize;
        List<RecurrentLayer<A>> built = new ArrayList<>();
        for (int l = 0; l < spec.layers(); l++) {
            int in = l == 0 ? inputSize : spec.hidden();
            built.add(layer(k, spec.cell(), l, in, spec.hidden()));
        }
        this.layers = List.copyOf(built);
        this.head = new LinearHead<>(k, layout, spec.hidden(), outputSize);
        this.layout = layout;
        this.loss = Loss.of(lossKind, k, outputSize);
        List<Parameter<A>> all = new ArrayList<>();
        layers.forEach(layer -> all.addAll(layer.parameters()));
        all.addAll(head.parameters());
        this.parameters = List.copyOf(all);
    }

    private static <A> RecurrentLayer<A> layer(Kernels<A> k, CellSpec cell, int index, int in, int hidden) {
        return switch (cell.kind()) {
            case RNN_TANH, RNN_RELU -> new RnnLayer<>(k, ((CellSpec.Rnn) cell).nonlinearity(), index, in, hidden);
            case LSTM -> new LstmLayer<>(k, index, in, hidden);
            case GRU -> new GruLayer<>(k, index, in, hidden);
        };
    }

    /**
     * Initialises every parameter from the spec's {@link InitSpec} as {@link InitialParameters} draws them from
     * {@code rng} (the values every engine starts from), in this model's precision.
     */
    public void initialize(SplittableRandom rng) {
        Map<String, double[]> values = InitialParameters.draw(spec, inputSize, outputSize, rng);
        for (Parameter<A> p : parameters) {
            double[] v = values.get(p.name());
            for (int i = 0; i < v.length; i++) {
                k.set(p.value(), i, v[i]);
            }
        }
    }

    /** Parameters in PyTorch {@code state_dict} order. */
    public List<Parameter<A>> parameters() {
        return parameters;
    }

    /** The head's parameters: {@code head.weight}, {@code head.bias}. */
    public List<Parameter<A>> headParameters() {
        return head.parameters();
    }

    public List<RecurrentLayer<A>> layers() {
        return layers;
    }

    /** Forward pass only, from zero states; returns the loss. */
    public double loss(A inputs, A targets, int seqLen, int batch) {
        forward(inputs, seqLen, batch, null);
        return loss.loss(predictions, targets);
    }

    /** The loss of the predictions of the last forward pass against {@code targets}. */
    public double lossOfLastForward(A targets) {
        return loss.loss(predictions, targets);
    }

    /** Zeroes the gradients, then runs forward from zero states and full BPTT; returns the loss. */
    public double forwardBackward(A inputs, A targets, int seqLen, int batch) {
        return forwardBackward(inputs, targets, seqLen, batch, null, Truncation.NONE);
    }

    /**
     * Zeroes the gradients, runs forward from {@code initial} (null: zero states) and BPTT truncated as
     * {@code truncation} says; returns the loss over every step (also the truncated-away ones).
     */
    public double forwardBackward(A inputs, A targets, int seqLen, int batch, ModelState<A> initial,
                                  Truncation truncation) {
        for (Parameter<A> p : parameters) {
            k.fill(p.grad(), 0.0);
        }
        forward(inputs, seqLen, batch, initial);
        double value = loss.loss(predictions, targets);
        A dPredictions = loss.gradient(predictions, targets);
        if (layout == TargetLayout.EVERY_STEP && truncation != Truncation.NONE) {
            int width = k.length(dPredictions) / (seqLen * batch);
            for (int t = 0; t < seqLen; t++) {
                if (!truncation.active(t, seqLen)) {
                    for (int i = t * batch * width; i < (t + 1) * batch * width; i++) {
                        k.set(dPredictions, i, 0.0);
                    }
                }
            }
        }
        A dOut = head.backward(dPredictions);
        for (int l = layers.size() - 1; l >= 0; l--) {
            A dx = l == 0 ? null : inputGradBuffer(l, seqLen * batch * layers.get(l).inputSize());
            layers.get(l).backward(dOut, dx, truncation);
            dOut = dx;
        }
        return value;
    }

    /** Copies of every layer's final state after the last forward pass (batch {@code batch}). */
    public ModelState<A> finalState(int batch) {
        List<A> h = new ArrayList<>();
        List<A> c = new ArrayList<>();
        for (RecurrentLayer<A> layer : layers) {
            A hl = k.allocate(batch * layer.hiddenSize());
            A cl = k.allocate(batch * layer.hiddenSize());
            layer.finalState(hl, cl);
            h.add(hl);
            c.add(cl);
        }
        return new ModelState<>(batch, h, c);
    }

    /** Predictions of the last forward pass, time-major {@code [T, B, O]} or {@code [B, O]}. */
    public A predictions() {
        return predictions;
    }

    public double forwardBackward(Batch batch, ModelState<A> initial, Truncation truncation) {
        return forwardBackward(TimeMajor.inputs(k, batch), TimeMajor.targets(k, batch), batch.seqLen(),
                batch.size(), initial, truncation);
    }

    public double loss(Batch batch) {
        return loss(TimeMajor.inputs(k, batch), TimeMajor.targets(k, batch), batch.seqLen(), batch.size());
    }

    /** Forward pass only, from {@code initial} (null: zero states); predictions in {@link #predictions()}. */
    public void forward(A inputs, int seqLen, int batch, ModelState<A> initial) {
        if (initial != null && initial.batch() != batch) {
            throw new IllegalArgumentException("carried state is for batch " + initial.batch() + ", not " + batch);
        }
        A x = inputs;
        int offset = 0;
        for (int l = 0; l < layers.size(); l++) {
            RecurrentLayer<A> layer = layers.get(l);
            layer.forward(x, offset, seqLen, batch, initial == null ? null : initial.h().get(l),
                    initial == null ? null : initial.c().get(l));
            x = layer.outputs();
            offset = layer.outputOffset();
        }
        predictions = head.forward(x, offset, seqLen, batch);
    }

    private A inputGradBuffer(int layerIndex, int length) {
        while (layerInputGrads.size() <= layerIndex) {
            layerInputGrads.add(null);
        }
        A buf = layerInputGrads.get(layerIndex);
        if (buf == null || k.length(buf) != length) {
            buf = k.allocate(length);
            layerInputGrads.set(layerIndex, buf);
        }
        return buf;
    }
}
