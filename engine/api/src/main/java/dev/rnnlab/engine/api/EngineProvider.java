package dev.rnnlab.engine.api;

import dev.rnnlab.engine.api.check.GradientChecker;
import java.util.Optional;

/**
 * A service-loaded factory for one engine. Implementations are listed in
 * {@code META-INF/services/dev.rnnlab.engine.api.EngineProvider}.
 */
public interface EngineProvider {

    /** The name configs use in {@code engine:}, e.g. {@code native}. */
    String name();

    /** The engine's version, recorded in every run's provenance. */
    String version();

    /**
     * What decides the bits of this engine's results on this JVM besides its version and the run's config:
     * its arithmetic (the native engine's is the same on every machine), or the kernels a native backend picked.
     * Recorded in every run's provenance as {@code engine_numerics}: a snapshot made under other numerics is not
     * resumed, and a run that does not reproduce bit for bit elsewhere can say why.
     */
    default String numerics() {
        return "";
    }

    /**
     * Whether its engines hand out {@link dev.rnnlab.engine.api.checkpoint.Snapshot}s when a sink asks and
     * {@link Engine#resume} from them; when not, an interrupted run restarts from step 0.
     */
    default boolean resumable() {
        return false;
    }

    /** What this engine can train; checked against every run before a sweep starts. */
    Capabilities capabilities();

    /**
     * Everything in {@code spec} this engine cannot train, each at its config key with the reason: the
     * {@link #capabilities()} checks, plus whatever else the engine refuses (an engine overrides this to say
     * why, or to refuse what capabilities do not name).
     */
    default java.util.List<Capabilities.Unsupported> unsupported(dev.rnnlab.engine.api.spec.RunSpec spec) {
        return capabilities().check(name(), spec);
    }

    /**
     * Whether the engine reports the gradient through time ({@code ||dL/dh_t||} per step t,
     * {@link dev.rnnlab.engine.api.telemetry.TimeProfileRecord}, and in its gradient checker's reports) for runs of
     * {@code cell}; when not, reports say it is not available on this engine instead of drawing an empty chart.
     */
    default boolean recordsTimeProfile(dev.rnnlab.engine.api.spec.CellKind cell) {
        return true;
    }

    Engine create();

    /** The engine's float64 reference evaluator, if it has one (used by {@code rnnlab gradcheck}). */
    default Optional<GradientChecker> gradientChecker() {
        return Optional.empty();
    }
}
