package dev.rnnlab.runner.exec;

import dev.rnnlab.runner.store.RunSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a sweep ended: the summary of every run that ran or had finished before, in plan order; how many
 * were skipped because an earlier execution had finished them; how many never started (cancelled).
 */
public record SweepOutcome(List<RunSummary> runs, int skipped, int notStarted) {

    public SweepOutcome {
        runs = List.copyOf(runs);
    }

    /** Runs per outcome name, sorted by name. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        runs.forEach(r -> counts.merge(r.outcome(), 1, Integer::sum));
        return counts;
    }

    /** True when a run failed, timed out or was interrupted: the sweep's exit code is then 1. */
    public boolean anyFailed() {
        return runs.stream().anyMatch(r -> r.outcome().equals("failed") || r.outcome().equals("interrupted")
                || r.outcome().equals("timed_out"));
    }
}
