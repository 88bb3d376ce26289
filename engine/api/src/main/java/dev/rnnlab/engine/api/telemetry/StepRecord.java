package dev.rnnlab.engine.api.telemetry;

/**
 * One optimizer step.
 *
 * @param step           1-based index of the update this record describes
 * @param loss           training loss of the step's batch, before the update
 * @param gradNormPre    L2 norm of all gradients concatenated, before clipping
 * @param gradNormPost   the same after clipping (equal to {@code gradNormPre} when nothing was clipped)
 * @param clipped        whether clipping changed any gradient
 * @param lr             learning rate used for this update
 */
public record StepRecord(long step, double loss, double gradNormPre, double gradNormPost, boolean clipped,
                         double lr) {}
