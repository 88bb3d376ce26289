/**
 * Training data as engines see it: fixed-shape float32 batches, produced deterministically by the
 * runner, so every engine trained on the same data sees the same batches in the same order.
 */
package dev.rnnlab.engine.api.data;
