/**
 * Experiment files: YAML composed into a positioned tree ({@link dev.rnnlab.runner.config.ConfigNode}),
 * command-line overrides applied to the tree, then bound by hand into immutable records, with every
 * problem reported at once as {@code FILE:LINE:COL: key.path: message}.
 */
package dev.rnnlab.runner.config;
