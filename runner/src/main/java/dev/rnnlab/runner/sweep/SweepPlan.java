package dev.rnnlab.runner.sweep;

import java.util.List;

/**
 * The expanded, validated sweep.
 *
 * @param name       the sweep's name, its directory under the results root
 * @param source     the experiment file as given
 * @param sourceText the file's text as read
 * @param overrides  the command-line overrides as given
 * @param axes       swept key paths in expansion order
 * @param adaptive   a search proposing more runs from results (then {@code runs} are its first
 *                   proposals), or null
 */
public record SweepPlan(String name, String source, String sourceText, List<String> overrides, List<String> axes,
                        List<PlannedRun> runs, AdaptiveSearch adaptive) {

    public SweepPlan {
        overrides = List.copyOf(overrides);
        axes = List.copyOf(axes);
        runs = List.copyOf(runs);
    }
}
