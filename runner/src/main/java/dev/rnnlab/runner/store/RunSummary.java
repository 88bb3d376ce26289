package dev.rnnlab.runner.store;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * {@code summary.json}: a run's outcome and final metrics. Written last; a run whose summary says
 * {@code completed}, {@code diverged} or {@code stopped} is finished and is not run again. The final losses
 * are null unless the run ended in a state training produced and measured by an evaluation after step 0
 * (null for every diverged or failed run); {@code best_val_*} counts evaluations after step 0 only.
 * {@code test_loss}: the final weights on the test split, once (null without a test split or a final loss).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunSummary(
        @JsonProperty("format") int format,
        @JsonProperty("run_id") String runId,
        @JsonProperty("sweep") String sweep,
        @JsonProperty("index") int index,
        @JsonProperty("outcome") String outcome,
        @JsonProperty("detail") String detail,
        @JsonProperty("steps_done") long stepsDone,
        @JsonProperty("final_train_loss") Double finalTrainLoss,
        @JsonProperty("final_val_loss") Double finalValLoss,
        @JsonProperty("best_val_loss") Double bestValLoss,
        @JsonProperty("best_val_step") Long bestValStep,
        @JsonProperty("test_loss") Double testLoss,
        @JsonProperty("wall_time_s") double wallTimeSeconds,
        @JsonProperty("started_at") String startedAt,
        @JsonProperty("finished_at") String finishedAt,
        @JsonProperty("engine") String engine,
        @JsonProperty("engine_version") String engineVersion,
        @JsonProperty("seed") long seed,
        @JsonProperty("swept") Map<String, String> swept,
        @JsonProperty("resolved_config_sha256") String resolvedConfigSha256,
        @JsonProperty("provenance") Map<String, Object> provenance) implements java.io.Serializable {

    public static final int FORMAT = 1;

    /** A finished run is one of these. */
    public boolean finished() {
        return outcome.equals("completed") || outcome.equals("diverged") || outcome.equals("stopped");
    }
}
