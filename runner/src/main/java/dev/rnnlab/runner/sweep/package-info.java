/**
 * Sweeps: "what to run". Expansion of an experiment file into runs is a pure, deterministic function
 * with stable run ids; it validates every run before any starts. Where and how runs execute is
 * {@code dev.rnnlab.runner.exec}'s business.
 */
package dev.rnnlab.runner.sweep;
