/**
 * Executing planned runs: "how and where". {@link dev.rnnlab.runner.exec.LocalExecutor} runs them on a
 * local thread pool; each run is independent and writes only its own directory, so a distributed
 * executor can run the same {@link dev.rnnlab.runner.sweep.PlannedRun}s elsewhere.
 */
package dev.rnnlab.runner.exec;
