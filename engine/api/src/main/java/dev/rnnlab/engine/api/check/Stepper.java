package dev.rnnlab.engine.api.check;

/**
 * A model with fixed parameters run forward in float64 a stretch of steps at a time, its recurrent states
 * (every layer's {@code h}, and {@code c} for LSTM) carried from one call to the next and zero before the first:
 * stepping a network by hand as a PyTorch user does with {@code out, h = rnn(x, h)}. Because the model is causal,
 * the outputs of {@code step(x[0..k))} then {@code step(x[k..n))} equal those of one {@code step(x[0..n))}; what it
 * is for is generation, where each input is the previous output, at one step's cost per step.
 */
public interface Stepper {

    /**
     * Feeds {@code steps} steps of one sequence, {@code [steps, I]} row-major, from the carried state.
     *
     * @return the head's outputs at each of those steps, {@code [steps, O]}: values for MSE, logits for
     *         cross-entropy
     */
    double[] step(double[] inputs, int steps);
}
