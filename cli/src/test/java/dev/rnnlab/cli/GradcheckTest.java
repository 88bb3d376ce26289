package dev.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code rnnlab gradcheck} on every PyTorch fixture kept in the repository (all cells, depths 1-3, every
 * optimizer, weight decay, each schedule, each clipping mode): within 1e-9 relative, far inside the
 * command's own 1e-6 threshold.
 */
class GradcheckTest {

    static final Path FIXTURES = Path.of("..", "engine", "native", "src", "test", "resources", "golden");

    @TempDir Path dir;

    static List<Path> fixtures() throws Exception {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(list.size() >= 16, "fixtures found: " + list.size());
            return list;
        }
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureMatchesTo1e9(Path fixture) {
        CliTest.Run r = CliTest.rnnlab("gradcheck", fixture.toString(), "--engine", "native");
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("max_rel_err="), last);
        double err = Double.parseDouble(last.substring("max_rel_err=".length()));
        assertTrue(err <= 1e-9, fixture + ": " + last);
        assertTrue(r.out().contains("trajectory final head.weight"), "the trajectory is checked too");
        assertTrue(r.out().contains("grad_h_total_norms layer 0"));
    }

    /** The Deeplearning4j engine: every fixture it can run to 1e-9 (every optimizer, schedule and clipping mode). */
    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureDl4jCanRunMatchesTo1e9AndTheOthersAreRefusedWithTheReason(Path fixture) {
        CliTest.Run r = CliTest.rnnlab("gradcheck", fixture.toString(), "--engine", "dl4j");
        if (fixture.getFileName().toString().startsWith("gru")) {
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("engine 'dl4j' cannot run") && r.err().contains("has no GRU layer"), r.err());
            return;
        }
        assertEquals(0, r.code(), r.out() + r.err());
        List<String> lines = r.out().lines().toList();
        String last = lines.get(lines.size() - 1);
        double err = Double.parseDouble(last.substring("max_rel_err=".length()));
        assertTrue(err <= 1e-9, fixture + ": " + last);
        assertTrue(r.out().contains("trajectory final head.weight"), "the trajectory is checked too");
        if (fixture.getFileName().toString().startsWith("lstm")) {
            assertTrue(r.out().contains("grad_h_total_norms                               not available on dl4j for lstm"),
                    r.out());
        } else {
            assertTrue(r.out().contains("grad_h_total_norms layer 0"), "rebuilt for SimpleRnn stacks: " + r.out());
        }
    }

    @Test
    void aWrongReferenceValueFailsWithExit1() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(FIXTURES.resolve("gru_L1_I3_H4_B2_T6.json").toFile());
        ArrayNode values = (ArrayNode) root.get("trajectory").get("final_params").get(0).get("values");
        values.set(0, values.get(0).asDouble() * (1 + 1e-4));
        Path broken = dir.resolve("broken.json");
        json.writeValue(broken.toFile(), root);
        CliTest.Run r = CliTest.rnnlab("gradcheck", broken.toString());
        assertEquals(1, r.code(), r.out());
        String last = r.out().lines().reduce((a, b) -> b).orElseThrow();
        double err = Double.parseDouble(last.substring("max_rel_err=".length()));
        assertTrue(err > 1e-6 && err < 1e-3, last);
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("trajectory final rnn.weight_ih_l0")
                && l.contains(String.format(Locale.ROOT, "%.3e", err))), r.out());
    }

    @Test
    void somethingThatIsNotAFixtureIsAUsageError() throws Exception {
        Path notFixture = dir.resolve("x.json");
        Files.writeString(notFixture, "{\"hello\": 1}");
        CliTest.Run r = CliTest.rnnlab("gradcheck", notFixture.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a make_golden.py fixture"), r.err());
        assertEquals(2, CliTest.rnnlab("gradcheck", notFixture.toString(), "--engine", "dl4j").code());
    }
}
