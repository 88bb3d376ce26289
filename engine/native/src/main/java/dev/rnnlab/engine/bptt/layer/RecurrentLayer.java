package dev.rnnlab.engine.bptt.layer;

import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.List;

/**
 * One recurrent layer: a cell scanned over {@code T} steps of a batch of {@code B} sequences.
 * Inputs and outputs are time-major, {@code [T, B, width]}; the initial state is zero.
 */
public interface RecurrentLayer<A> {

    int inputSize();

    int hiddenSize();

    /** Parameters in PyTorch order: weight_ih, weight_hh, bias_ih, bias_hh. */
    List<Parameter<A>> parameters();

    /**
     * Runs the scan over {@code x} ({@code [T, B, I]} starting at {@code xOffset}) from the initial state
     * {@code h0} (and, for LSTM, {@code c0}), each {@code [B, H]} or null for zeros, keeping what backward
     * needs; {@code x} must stay unchanged until {@link #backward}.
     */
    void forward(A x, int xOffset, int seqLen, int batch, A h0, A c0);

    /** Copies the final state h_T (and c_T, for cells that have one; else {@code c} is left alone) into {@code h}, {@code c}. */
    void finalState(A h, A c);

    /** The outputs {@code h_1..h_T}, {@code [T, B, H]}, starting at {@link #outputOffset()}. */
    A outputs();

    int outputOffset();

    /**
     * Back-propagates through time, truncated as {@code truncation} says ({@link Truncation#NONE}: full
     * BPTT). {@code dOut} ({@code [T, B, H]}) is dL/dh_t arriving from above (the head or the next layer).
     * Accumulates parameter gradients and, when {@code dx} is not null, writes dL/dx ({@code [T, B, I]})
     * into it. Uses the input of the last {@link #forward}.
     */
    void backward(A dOut, A dx, Truncation truncation);

    /**
     * {@code ||dL/dh_t||} for t = 1..T from the last backward: the full BPTT gradient, recurrent path
     * included, L2 over batch and hidden units. The returned array is owned by the layer.
     */
    double[] hiddenGradNorms();

    /** Names of the gate blocks of {@code weight_hh}, in row order ({@code h}; {@code i f g o}; {@code r z n}). */
    List<String> gateNames();

    /**
     * Per gate, the fraction of its activations in the last forward pass that are saturated (sigmoid
     * below 0.1 or above 0.9, tanh beyond +-0.9); NaN for cells without gates.
     */
    double[] gateSaturation();
}
