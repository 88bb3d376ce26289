package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.Capabilities;
import dev.rnnlab.engine.api.Engine;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.check.GradientChecker;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.ClippingKind;
import dev.rnnlab.engine.api.spec.OptimizerKind;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.ModelSpec;
import java.util.EnumSet;
import java.util.Optional;

/** Registers the native engine under the name {@code native}. */
public final class NativeEngineProvider implements EngineProvider {

    public static final String NAME = "native";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        String v = NativeEngineProvider.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    @Override
    public boolean resumable() {
        return true;
    }

    /**
     * The arithmetic, not the kernels that run it: with the Vector API or without, on any vector width and any
     * thread count, float32 runs give the same bits (GEMM elements as FMA chains per k panel of 256, Cephes
     * exp and tanh with the same operations in every lane and tail). A change to any of that changes this.
     */
    @Override
    public String numerics() {
        return "float32: fma chains per k panel of 256, cephes expf/tanhf; float64: plain loops";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(
                EnumSet.allOf(CellKind.class),
                EnumSet.allOf(OptimizerKind.class),
                EnumSet.allOf(ClippingKind.class),
                EnumSet.allOf(Precision.class),
                ModelSpec.MAX_LAYERS);
    }

    @Override
    public Engine create() {
        return new NativeEngine();
    }

    @Override
    public Optional<GradientChecker> gradientChecker() {
        return Optional.of(new NativeGradientChecker());
    }
}
