package dev.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every file in experiments/ is runnable documentation: it validates and runs in a short smoke mode. */
class ExperimentsSmokeTest {

    static final Path EXPERIMENTS = Path.of("..", "experiments");

    @TempDir Path out;

    static List<Path> experiments() throws Exception {
        try (Stream<Path> files = Files.list(EXPERIMENTS)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(list.isEmpty(), "no experiments found in " + EXPERIMENTS.toAbsolutePath());
            return list;
        }
    }

    @ParameterizedTest
    @MethodSource("experiments")
    void validatesAndRunsInSmokeMode(Path experiment) {
        CliTest.Run valid = CliTest.rnnlab("validate", experiment.toString());
        assertEquals(0, valid.code(), valid.err());
        CliTest.Run run = CliTest.rnnlab("sweep", experiment.toString(), "training.steps=20", "training.eval_every=10",
                "--out", out.toString());
        assertEquals(0, run.code(), run.out() + run.err());
    }
}
