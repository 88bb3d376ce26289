package dev.rnnlab.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.runner.FakeEngine;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue of invalid configs (shared/notes/reliability.md, sections A-C: cases found in other
 * tools' bug trackers), one file each under {@code catalogue/invalid}, named by case id. Each file ends
 * with its expected errors as {@code # expect: FILE:LINE:COL: key.path: message} lines (at the end, so
 * they shift no line); {@code # args:} gives command-line overrides. Every message and location is
 * asserted exactly. Files under {@code catalogue/valid} must plan.
 */
class CatalogueTest {

    static final Path ROOT = Path.of("src", "test", "resources", "catalogue");
    final SweepPlanner planner = new SweepPlanner(FakeEngine.registry(FakeEngine.supportingEveryCell()));

    static Stream<Path> invalid() throws Exception {
        return files("invalid");
    }

    static Stream<Path> valid() throws Exception {
        return files("valid");
    }

    private static Stream<Path> files(String dir) throws Exception {
        try (Stream<Path> s = Files.list(ROOT.resolve(dir))) {
            List<Path> list = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertFalse(list.isEmpty());
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void everyInvalidConfigIsRefusedWithItsMessagesAndLocations(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        List<String> expected = lines.stream().filter(l -> l.startsWith("# expect: "))
                .map(l -> l.substring("# expect: ".length())).toList();
        List<String> args = lines.stream().filter(l -> l.startsWith("# args:"))
                .flatMap(l -> Arrays.stream(l.substring("# args:".length()).trim().split("\\s+"))).toList();
        assertFalse(expected.isEmpty(), file + " has no # expect: lines");
        ConfigException e = assertThrows(ConfigException.class, () -> planner.plan(file, args));
        String name = file.toString();
        List<String> actual = e.errors().stream().map(ConfigError::format)
                .map(s -> s.replace(name, "FILE")).toList();
        assertEquals(expected, actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void everyValidConfigPlans(Path file) throws Exception {
        assertTrue(planner.plan(file, List.of()).runs().size() >= 1);
    }
}
