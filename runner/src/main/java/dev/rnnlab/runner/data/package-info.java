/**
 * Datasets: generators that are deterministic under their seed, with a train/validation split, served
 * to engines as {@link dev.rnnlab.engine.api.data.SequenceData}.
 */
package dev.rnnlab.runner.data;
