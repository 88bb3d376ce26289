/**
 * The Deeplearning4j engine ({@code engine: dl4j}): DL4J 1.0.0-M2.1's {@code SimpleRnn} and {@code LSTM} layers
 * for the forward pass and BPTT ({@link dev.rnnlab.engine.dl4j.Dl4jNetwork}), with the parameters, clipping and
 * {@code torch.optim} optimizers on PyTorch state_dict tensors here, so that a config means the same mathematics
 * on both engines (checked against the native engine to 1e-9 in engine/parity). What DL4J cannot do exactly is
 * refused at validate time with the reason ({@link dev.rnnlab.engine.dl4j.Dl4jEngineProvider}). Depends on the
 * engine API, engine/shared and Deeplearning4j only.
 */
package dev.rnnlab.engine.dl4j;
