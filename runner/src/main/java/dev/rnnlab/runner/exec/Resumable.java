package dev.rnnlab.runner.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.checkpoint.Safetensors;
import dev.rnnlab.engine.api.checkpoint.Snapshot;
import dev.rnnlab.runner.store.RunDirectory;
import dev.rnnlab.runner.sweep.PlannedRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The snapshot an unfinished run left behind, when it can be continued: same run id and config, made by the
 * same engine, version and numerics (so the rest of the run comes out as it would have, bit for bit). When a
 * snapshot exists but cannot be used, the reason is logged and the run restarts from step 0.
 */
record Resumable(Snapshot snapshot, Map<String, String> meta, String startedAt) {

    private static final Logger LOG = LogManager.getLogger(Resumable.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Provenance keys that decide a run's bits besides its config; a snapshot is used only when they match. */
    private static final List<String> SAME = List.of("engine", "engine_version", "engine_numerics");

    static Resumable find(RunDirectory dir, PlannedRun run, EngineProvider engine, Map<String, Object> provenance) {
        if (!engine.resumable() || !Files.isRegularFile(dir.snapshot())) {
            return null;
        }
        try {
            Map<String, String> meta = Safetensors.metadata(dir.snapshot());
            if (!"rnnlab-snapshot-1".equals(meta.get("format")) || !run.id().equals(meta.get("run_id"))) {
                return restart(run, "its snapshot is not this run's (" + meta.get("run_id") + ")");
            }
            if (!Files.isRegularFile(dir.config()) || !Files.isRegularFile(dir.metrics())
                    || !Files.readString(dir.config(), StandardCharsets.UTF_8).equals(run.resolvedConfig())) {
                return restart(run, "its directory does not hold the config and metrics the snapshot belongs to");
            }
            JsonNode before = JSON.readTree(dir.path().resolve(RunDirectory.PROVENANCE).toFile());
            for (String key : SAME) {
                String was = before.path(key).asText(null);
                if (!Objects.equals(was, String.valueOf(provenance.get(key)))) {
                    return restart(run, "its snapshot was made with " + key + " '" + was + "', this is '"
                            + provenance.get(key) + "'");
                }
            }
            long step = Long.parseLong(meta.get("step"));
            Snapshot snapshot = new Snapshot(step, Safetensors.read(dir.snapshot()));
            return new Resumable(snapshot, meta, before.path("started_at").asText(provenance.get("started_at").toString()));
        } catch (IOException | RuntimeException e) {
            return restart(run, "its snapshot cannot be read (" + e.getMessage() + ")");
        }
    }

    private static Resumable restart(PlannedRun run, String why) {
        LOG.warn("run {}: restarting from step 0: {}", run.id(), why);
        return null;
    }
}
