package dev.rnnlab.runner.sweep;

import dev.rnnlab.runner.config.ConfigException;
import java.util.List;

/**
 * A search that proposes runs from the results of earlier ones (TPE). The plan holds its first,
 * result-independent proposals; an executor asks for the rest in rounds of {@link #batch()}, each round
 * after the previous one has finished, until {@link #budget()} runs were proposed.
 */
public interface AdaptiveSearch {

    int budget();

    int batch();

    /** The summary field ranked (lower is better): best_val_loss, final_val_loss or final_train_loss. */
    String metric();

    /** A stable description of the search's settings, part of the sweep's identity. */
    String describe();

    /** Proposals {@code fromIndex .. fromIndex + count - 1}, given every finished run so far. */
    List<PlannedRun> propose(List<Finished> history, int fromIndex, int count) throws ConfigException;

    /** A finished run and its metric (+infinity when it has none: diverged, failed). */
    record Finished(PlannedRun run, double metric) {}
}
