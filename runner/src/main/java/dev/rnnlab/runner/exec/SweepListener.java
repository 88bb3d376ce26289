package dev.rnnlab.runner.exec;

import dev.rnnlab.runner.sweep.PlannedRun;
import dev.rnnlab.runner.store.RunSummary;

/** Progress of a sweep, for whoever shows it (the CLI prints it; the runner never prints). */
public interface SweepListener {

    default void runStarted(PlannedRun run) {}

    default void runFinished(PlannedRun run, RunSummary summary) {}

    /** The run had already finished in an earlier execution and was not run again. */
    default void runSkipped(PlannedRun run, RunSummary summary) {}

    SweepListener NONE = new SweepListener() {};
}
