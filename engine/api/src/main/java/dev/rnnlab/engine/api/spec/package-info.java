/**
 * Immutable, serialisable descriptions of what to train. A {@link dev.rnnlab.engine.api.spec.RunSpec}
 * is everything an engine needs apart from the data, so it can be shipped to another machine (Spark)
 * and trained there identically. Variants are sealed interfaces whose records carry only their own
 * fields; each record validates itself in its compact constructor.
 */
package dev.rnnlab.engine.api.spec;
