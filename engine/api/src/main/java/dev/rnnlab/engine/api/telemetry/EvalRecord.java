package dev.rnnlab.engine.api.telemetry;

/**
 * Validation loss after {@code step} updates ({@code step = 0}: at initialisation).
 */
public record EvalRecord(long step, double validationLoss) {}
