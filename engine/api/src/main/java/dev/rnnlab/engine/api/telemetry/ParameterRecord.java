package dev.rnnlab.engine.api.telemetry;

/**
 * One parameter tensor at a detail step.
 *
 * @param name       PyTorch state_dict name
 * @param layer      recurrent layer index, or -1 for the head
 * @param gradNorm   L2 norm of its gradient before clipping
 * @param weightNorm L2 norm of its values before the update
 */
public record ParameterRecord(long step, String name, int layer, double gradNorm, double weightNorm) {}
