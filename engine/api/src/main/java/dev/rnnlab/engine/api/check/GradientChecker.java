package dev.rnnlab.engine.api.check;

/** Evaluates reference cases in float64. Offered by engines through {@link dev.rnnlab.engine.api.EngineProvider#gradientChecker()}. */
public interface GradientChecker {

    GradientReport evaluate(GradientCase c);

    /**
     * The model with these parameters (by state_dict name) as a {@link Stepper}, from zero states: the same forward
     * pass as {@link #evaluate}, for every cell the engine can evaluate.
     */
    Stepper stepper(dev.rnnlab.engine.api.spec.ModelSpec model, int inputSize, int outputSize,
                    java.util.Map<String, double[]> parameters);
}
