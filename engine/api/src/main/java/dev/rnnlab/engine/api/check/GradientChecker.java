package dev.rnnlab.engine.api.check;

/** Evaluates reference cases in float64. Offered by engines through {@link dev.rnnlab.engine.api.EngineProvider#gradientChecker()}. */
public interface GradientChecker {

    GradientReport evaluate(GradientCase c);
}
