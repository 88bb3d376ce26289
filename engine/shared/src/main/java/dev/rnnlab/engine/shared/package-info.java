/**
 * What every engine computes the same way, so that two engines given one config start from the same weights
 * and report the same spectra: {@link dev.rnnlab.engine.shared.InitialParameters} (the initial parameters of a
 * model, in PyTorch's state_dict layout, from the run's seed) and {@link dev.rnnlab.engine.shared.Spectra}
 * (spectral radius and top singular value of a recurrent block). Depends on the engine API, Commons Math and
 * EJML only; engines depend on it, never the other way.
 */
package dev.rnnlab.engine.shared;
