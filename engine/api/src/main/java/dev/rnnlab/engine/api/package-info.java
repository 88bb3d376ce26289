/**
 * The engine contract: what every training engine implements and everything else depends on.
 *
 * <p>Plain JDK on purpose (no third-party types), so that the runner, an engine built on a large
 * framework such as Deeplearning4j, and a Spark executor can all meet here without dragging each
 * other's dependencies along. Engines register through {@link java.util.ServiceLoader} as
 * {@link dev.rnnlab.engine.api.EngineProvider}s and declare {@link dev.rnnlab.engine.api.Capabilities},
 * so a sweep that asks for something an engine cannot do fails at validate time, before any run.
 */
package dev.rnnlab.engine.api;
