/**
 * Float64 reference checks: an engine that offers a {@link dev.rnnlab.engine.api.check.GradientChecker}
 * evaluates a fixed batch with given parameters (and optionally a few optimizer steps on it) so its
 * numbers can be compared with PyTorch's ({@code rnnlab gradcheck}).
 */
package dev.rnnlab.engine.api.check;
