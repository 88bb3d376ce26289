package dev.rnnlab.engine.api.check;

import java.util.List;
import java.util.Map;

/**
 * What an engine computed for a {@link GradientCase}.
 *
 * @param predictions               batch-first, as the targets
 * @param gradients                 dL/dparameter by state_dict name
 * @param hiddenGradNormsByLayer    per layer, {@code ||dL/dh_t||} for t = 1..T (full BPTT, L2 over batch and units)
 * @param trajectory                null when the case asked for none
 */
public record GradientReport(double loss, double[] predictions, Map<String, double[]> gradients,
                             List<double[]> hiddenGradNormsByLayer, TrajectoryReport trajectory) {

    /**
     * @param losses         loss before each update
     * @param gradNormPre    global gradient norm before clipping, per update
     * @param gradNormPost   the same after clipping
     * @param lrs            learning rate of each update
     * @param finalLoss      loss after the last update
     * @param finalParameters parameters after the last update
     */
    public record TrajectoryReport(double[] losses, double[] gradNormPre, double[] gradNormPost, double[] lrs,
                                   double finalLoss, Map<String, double[]> finalParameters) {}
}
