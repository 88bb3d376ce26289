package dev.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default experiment in float32 on both engines: the same weights, batches and updates, computed by two
 * implementations, part only by float32 rounding. As shipped (2000 steps, 6 runs) the final and best losses
 * agreed within 3.1e-5 relative (2026-12-04, docs/engines.md); here 2 runs of 300 steps are held to 1e-4.
 */
class Float32AgreementTest {

    static final double TOLERANCE = 1e-4;

    @TempDir Path dir;

    @Test
    void theQuickstartOnBothEnginesEndsWithTheSameLosses() throws Exception {
        String[] shorter = {"training.steps=300", "sweep.grid.model.hidden=[8, 16]", "sweep.grid.training.optimizer.lr=[0.01]"};
        JsonNode[] finals = new JsonNode[4];
        int i = 0;
        for (String engine : new String[] {"native", "dl4j"}) {
            String[] args = Stream.concat(Stream.of("sweep", "../experiments/sine-quickstart.yaml", "engine=" + engine),
                    Stream.concat(Stream.of(shorter), Stream.of("--out", dir.resolve(engine).toString(), "--quiet")))
                    .toArray(String[]::new);
            CliTest.Run r = CliTest.rnnlab(args);
            assertEquals(0, r.code(), r.out() + r.err());
            for (String hidden : new String[] {"8", "16"}) {
                finals[i++] = summary(dir.resolve(engine).resolve("sine-quickstart/runs"), hidden);
            }
        }
        for (int k = 0; k < 2; k++) {
            for (String m : new String[] {"final_train_loss", "final_val_loss", "best_val_loss"}) {
                double a = finals[k].get(m).asDouble();
                double b = finals[k + 2].get(m).asDouble();
                assertTrue(Math.abs(a - b) <= TOLERANCE * Math.abs(a), m + ": native " + a + ", dl4j " + b);
            }
            assertEquals("dl4j", finals[k + 2].get("engine").asText());
        }
    }

    private static JsonNode summary(Path runs, String hidden) throws Exception {
        try (Stream<Path> dirs = Files.list(runs)) {
            for (Path d : dirs.toList()) {
                JsonNode s = new ObjectMapper().readTree(d.resolve("summary.json").toFile());
                if (s.get("swept").get("model.hidden").asText().equals(hidden)) {
                    return s;
                }
            }
        }
        throw new AssertionError("no run with hidden " + hidden + " in " + runs);
    }
}
