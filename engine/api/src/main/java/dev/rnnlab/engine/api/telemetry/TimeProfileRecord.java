package dev.rnnlab.engine.api.telemetry;

/**
 * The gradient through time of one layer at a detail step: {@code gradNorms[t-1] = ||dL/dh_t||} for
 * t = 1..T, full BPTT (recurrent path included), L2 over batch and hidden units, on that step's batch.
 * A vanishing gradient shows as norms falling toward t = 1; an exploding one as norms rising.
 */
public record TimeProfileRecord(long step, int layer, double[] gradNorms) {}
