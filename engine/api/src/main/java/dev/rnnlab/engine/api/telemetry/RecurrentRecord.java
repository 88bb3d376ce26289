package dev.rnnlab.engine.api.telemetry;

/**
 * One gate block {@code W_h<gate>} ({@code H x H}) of a layer's recurrent weights at a detail step.
 *
 * @param gate             gate name ({@code i, f, g, o} for LSTM; {@code r, z, n} for GRU; {@code h} for RNN)
 * @param spectralRadius   largest eigenvalue modulus
 * @param maxSingularValue largest singular value (the spectral norm)
 * @param saturation       fraction of the gate's activations on the step's batch that are saturated:
 *                         sigmoid below 0.1 or above 0.9, tanh beyond +-0.9 (as Karpathy et al. 2015);
 *                         NaN for a plain RNN
 */
public record RecurrentRecord(long step, int layer, String gate, double spectralRadius, double maxSingularValue,
                              double saturation) {}
