package dev.rnnlab.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One run as found on disk: its summary (null when the run never finished), its metrics and its detail
 * telemetry (empty when not recorded).
 *
 * @param swept swept key path to value, as written in the plan
 */
record RunData(String id, int index, Map<String, String> swept, JsonNode summary, Metrics metrics,
               DetailCsv timeProfile, DetailCsv layers, DetailCsv recurrent, RunFiles files) {

    String outcome() {
        return summary == null ? "incomplete" : summary.path("outcome").asText("unknown");
    }

    /** NaN or Inf, or stopped by the divergence guard (a loss past its factor of the first): both are divergence. */
    boolean diverged() {
        return outcome().equals("diverged") || outcome().equals("stopped")
                && summary.path("detail").asText("").startsWith("stopped by the divergence guard");
    }

    /** Completed, timed out or stopped by a rule other than the divergence guard. */
    boolean finishedWithoutDiverging() {
        String o = outcome();
        return !diverged() && (o.equals("completed") || o.equals("stopped") || o.equals("timed_out"));
    }

    /**
     * A loss the summary reports as final: never one of a run that diverged or failed, which summaries
     * written before the runner nulled them (format 1) may still hold.
     */
    Double finalLoss(String key) {
        if (summary == null || !summary.path(key).isNumber() || outcome().equals("diverged")
                || outcome().equals("failed")) {
            return null;
        }
        return summary.path(key).asDouble();
    }

    Double finalValLoss() {
        return finalLoss("final_val_loss");
    }

    /** {@code best_val_loss}, unless it is the value at step 0 (older summaries counted initialisation). */
    Double bestValLoss() {
        if (summary == null || !summary.path("best_val_loss").isNumber()
                || summary.path("best_val_step").asLong(-1) == 0) {
            return null;
        }
        return summary.path("best_val_loss").asDouble();
    }
}
