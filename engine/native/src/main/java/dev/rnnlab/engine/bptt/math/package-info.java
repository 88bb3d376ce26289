/**
 * The numeric kernels of the native engine, written once per storage type.
 *
 * <p>Everything above this package is generic in the array type {@code A} ({@code float[]} or
 * {@code double[]}) and touches numbers only through {@link dev.rnnlab.engine.bptt.math.Kernels}. So
 * the same model code trains in float32 and checks against PyTorch in float64. Arrays are flat and
 * row-major; every matrix argument comes with its offset and shape.
 */
package dev.rnnlab.engine.bptt.math;
