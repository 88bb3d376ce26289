/**
 * Recurrent layers (a cell scanned over time, forward and backward side by side), the linear head and
 * the loss. Activations are time-major: {@code [T, B, width]}.
 */
package dev.rnnlab.engine.bptt.layer;
