package dev.rnnlab.engine.dl4j;

import dev.rnnlab.engine.api.Capabilities;
import dev.rnnlab.engine.api.Engine;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.check.GradientChecker;
import dev.rnnlab.engine.api.spec.BpttSpec;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.ClippingKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerKind;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Registers the Deeplearning4j engine under the name {@code dl4j}: DL4J 1.0.0-M2.1's {@code SimpleRnn} and
 * {@code LSTM} layers compute the forward pass and BPTT; clipping and the optimizers are {@code torch.optim}'s,
 * on the same state_dict tensors as the native engine (see {@link Dl4jNetwork}). What DL4J cannot do exactly is
 * refused before any run starts, at the config key, with the reason ({@link #unsupported}). Looking at
 * capabilities never loads ND4J's native libraries; only training does.
 */
public final class Dl4jEngineProvider implements EngineProvider {

    public static final String NAME = "dl4j";
    static final String DL4J_VERSION = "1.0.0-M2.1";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        String v = Dl4jEngineProvider.class.getPackage().getImplementationVersion();
        return "deeplearning4j " + DL4J_VERSION + ", rnnlab " + (v != null ? v : "dev");
    }

    /** The ND4J backend, its BLAS and data types: what decides the bits besides the config. */
    @Override
    public String numerics() {
        return Nd4jRuntime.describe();
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(EnumSet.of(CellKind.RNN_TANH, CellKind.RNN_RELU, CellKind.LSTM),
                EnumSet.allOf(OptimizerKind.class), EnumSet.allOf(ClippingKind.class), EnumSet.allOf(Precision.class),
                ModelSpec.MAX_LAYERS);
    }

    /** The capability checks, with the reason for each refusal that DL4J's limits explain. */
    @Override
    public List<Capabilities.Unsupported> unsupported(RunSpec spec) {
        List<Capabilities.Unsupported> out = new ArrayList<>();
        for (Capabilities.Unsupported u : capabilities().check(NAME, spec)) {
            out.add(u.keyPath().equals("model.cell") && spec.model().cell().kind() == CellKind.GRU
                    ? new Capabilities.Unsupported(u.keyPath(), u.message() + ": Deeplearning4j " + DL4J_VERSION
                    + " has no GRU layer, and SameDiff's fused gru op computes a wrong backward pass whenever the "
                    + "previous state is not zero; use engine: native for GRU")
                    : u);
        }
        if (spec.training().bptt() instanceof BpttSpec.Truncated) {
            out.add(new Capabilities.Unsupported("training.bptt", "engine 'dl4j' does not support truncated BPTT: "
                    + "Deeplearning4j " + DL4J_VERSION + " ignores its tBPTTBackwardLength and takes one update per "
                    + "forward segment, which is not what training.bptt means here; use engine: native"));
        }
        if (spec.training().stateful()) {
            // Tried: DL4J carries states only under its truncated BPTT, and configured so with one segment per batch
            // its forward pass starts from the carried state but its backward pass recomputes the forward from zero
            // states (SimpleRnn and LSTM alike): the losses matched the native engine's, the gradients did not.
            out.add(new Capabilities.Unsupported("training.stateful", "engine 'dl4j' does not support stateful "
                    + "training: Deeplearning4j " + DL4J_VERSION + " carries states only under its truncated BPTT, and "
                    + "there its backward pass starts from zero states, so the gradient is not that of the loss; use "
                    + "engine: native"));
        }
        return out;
    }

    /**
     * DL4J exposes only the direct part of dL/dh_t. For {@code SimpleRnn} stacks the gradient through time is
     * rebuilt exactly ({@link RnnGradientThroughTime}); for LSTM it is not available.
     */
    @Override
    public boolean recordsTimeProfile(CellKind cell) {
        return cell == CellKind.RNN_TANH || cell == CellKind.RNN_RELU;
    }

    @Override
    public Engine create() {
        return new Dl4jEngine();
    }

    @Override
    public Optional<GradientChecker> gradientChecker() {
        return Optional.of(new Dl4jGradientChecker());
    }
}
