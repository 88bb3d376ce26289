package dev.rnnlab.engine.api;

/**
 * A service-loaded factory for one engine. Implementations are listed in
 * {@code META-INF/services/dev.rnnlab.engine.api.EngineProvider}.
 */
public interface EngineProvider {

    /** The name configs use in {@code engine:}, e.g. {@code native}. */
    String name();

    /** The engine's version, recorded in every run's provenance. */
    String version();

    /** What this engine can train; checked against every run before a sweep starts. */
    Capabilities capabilities();

    Engine create();
}
