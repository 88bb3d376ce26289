package dev.rnnlab.runner.sweep;

import dev.rnnlab.runner.config.ExperimentSpec;
import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One run of a sweep: a plain, serialisable value that any executor can run.
 *
 * @param index          position in the plan (first axis varies slowest)
 * @param id             stable id: a hash of {@code resolvedConfig}
 * @param swept          each swept key path and the value it has in this run, as written
 * @param resolvedConfig the canonical YAML of {@code spec}, re-runnable as is
 */
public record PlannedRun(int index, String id, ExperimentSpec spec, Map<String, String> swept,
                         String resolvedConfig) implements Serializable {

    public PlannedRun {
        swept = Collections.unmodifiableMap(new LinkedHashMap<>(swept));
    }
}
