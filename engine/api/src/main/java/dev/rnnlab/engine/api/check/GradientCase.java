package dev.rnnlab.engine.api.check;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One batch through a model with fixed parameters, in float64, from zero initial states.
 *
 * @param parameters by PyTorch state_dict name ({@code rnn.weight_ih_l0}, ..., {@code head.bias}), row-major
 * @param inputs     {@code [B, T, I]}, batch-first
 * @param targets    {@code [B, T, W]} or, for {@link TargetLayout#LAST_STEP}, {@code [B, W]}; W as in
 *                   {@link dev.rnnlab.engine.api.data.Batch}
 * @param trajectory optimizer steps to take on this same batch afterwards, or null
 */
public record GradientCase(ModelSpec model, int inputSize, int outputSize, int seqLen, int batch, TargetLayout layout,
                           LossKind loss,
                           Map<String, double[]> parameters, double[] inputs, double[] targets,
                           TrajectorySpec trajectory) {

    public GradientCase {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(loss, "loss");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        if (inputs.length != batch * seqLen * inputSize) {
            throw new IllegalArgumentException("inputs has " + inputs.length + " values, expected B*T*I = "
                    + batch * seqLen * inputSize);
        }
        int expected = (layout == TargetLayout.EVERY_STEP ? seqLen : 1) * batch
                * dev.rnnlab.engine.api.data.Batch.targetWidth(loss, outputSize);
        if (targets.length != expected) {
            throw new IllegalArgumentException("targets has " + targets.length + " values, expected " + expected);
        }
    }
}
