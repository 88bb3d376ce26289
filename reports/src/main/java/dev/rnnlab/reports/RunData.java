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
}
