package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.Engine;
import dev.rnnlab.engine.api.checkpoint.Snapshot;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import dev.rnnlab.engine.bptt.math.F32Kernels;
import dev.rnnlab.engine.bptt.math.F64Kernels;

/**
 * The native engine: picks the kernels for the run's precision and hands over to a {@link Trainer}.
 * Float32 kernels use the run's {@link RunSpec#threads()}; the float64 kernels (the reference for
 * gradient checks) run on one thread.
 */
final class NativeEngine implements Engine {

    @Override
    public RunResult train(RunSpec spec, SequenceData data, TelemetrySink sink) {
        return run(spec, data, sink, null);
    }

    /** Bit for bit what the uninterrupted run would have done after {@code from.step()}, for any thread count. */
    @Override
    public RunResult resume(RunSpec spec, SequenceData data, TelemetrySink sink, Snapshot from) {
        return run(spec, data, sink, from);
    }

    private static RunResult run(RunSpec spec, SequenceData data, TelemetrySink sink, Snapshot from) {
        return switch (spec.precision()) {
            case FLOAT32 -> {
                try (F32Kernels k = new F32Kernels(spec.threads())) {
                    Trainer<float[]> trainer = new Trainer<>(k, spec, data);
                    yield from == null ? trainer.run(sink) : trainer.resume(sink, from);
                }
            }
            case FLOAT64 -> {
                Trainer<double[]> trainer = new Trainer<>(new F64Kernels(), spec, data);
                yield from == null ? trainer.run(sink) : trainer.resume(sink, from);
            }
        };
    }
}
