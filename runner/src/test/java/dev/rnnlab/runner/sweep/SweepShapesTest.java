package dev.rnnlab.runner.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.runner.Configs;
import dev.rnnlab.runner.FakeEngine;
import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every sweep shape: grid, zip, random, conditional blocks, sub-objects, repeats, exclusions, extends. */
class SweepShapesTest {

    static final String BASE = """
            name: shapes
            seed: 10
            dataset: {kind: sine, seq_len: 20, train_size: 100, val_size: 20}
            model: {cell: rnn_tanh, hidden: 8}
            training:
              steps: 10
              batch_size: 8
              optimizer: {kind: adam, lr: 0.01}
            """;

    @TempDir Path dir;
    final SweepPlanner planner = new SweepPlanner(FakeEngine.registry(new FakeEngine()));

    SweepPlan plan(String sweep, String... overrides) throws ConfigException {
        return planner.plan(Configs.write(dir, "x.yaml", BASE + sweep), List.of(overrides));
    }

    List<String> errors(String sweep) {
        ConfigException e = assertThrows(ConfigException.class, () -> plan(sweep));
        return e.errors().stream().map(ConfigError::format).map(s -> s.replace(dir.resolve("x.yaml").toString(), "x.yaml"))
                .toList();
    }

    List<Map<String, String>> swept(SweepPlan p) {
        return p.runs().stream().map(PlannedRun::swept).toList();
    }

    @Test
    void zipLinksListsOfEqualLength() throws Exception {
        SweepPlan p = plan("""
                sweep:
                  grid: {model.hidden: [4, 8]}
                  zip:
                    training.optimizer.lr: [0.1, 0.01]
                    training.batch_size: [32, 8]
                """);
        assertEquals(List.of(Map.of("model.hidden", "4", "training.optimizer.lr", "0.1", "training.batch_size", "32"),
                Map.of("model.hidden", "4", "training.optimizer.lr", "0.01", "training.batch_size", "8"),
                Map.of("model.hidden", "8", "training.optimizer.lr", "0.1", "training.batch_size", "32"),
                Map.of("model.hidden", "8", "training.optimizer.lr", "0.01", "training.batch_size", "8")), swept(p));
        assertEquals(List.of("x.yaml:12:5: sweep.zip.training.batch_size: has 3 values but training.optimizer.lr (at "
                        + "x.yaml:11:5) has 2: zipped lists must be equally long"),
                errors("""
                        sweep:
                          zip:
                            training.optimizer.lr: [0.1, 0.01]
                            training.batch_size: [32, 8, 4]
                        """));
    }

    @Test
    void randomSearchIsSeededSoTheSameFileGivesTheSameRuns() throws Exception {
        String sweep = """
                sweep:
                  random:
                    samples: 20
                    seed: 3
                    params:
                      training.optimizer.lr: {distribution: log_uniform, low: 1.0e-4, high: 1.0e-1}
                      model.hidden: {distribution: int_uniform, low: 4, high: 12}
                      training.clipping: {choice: [{kind: none}, {kind: global_norm, max_norm: 1.0}]}
                      training.optimizer.beta1: {distribution: uniform, low: 0.8, high: 0.95}
                """;
        SweepPlan a = plan(sweep);
        assertEquals(20, a.runs().size());
        assertEquals(swept(a), swept(plan(sweep)), "reproducible");
        for (PlannedRun r : a.runs()) {
            double lr = r.spec().training().optimizer().lr();
            assertTrue(lr >= 1e-4 && lr <= 1e-1, "lr " + lr);
            int h = r.spec().model().hidden();
            assertTrue(h >= 4 && h <= 12);
        }
        assertTrue(a.runs().stream().anyMatch(r -> r.spec().training().clipping() instanceof ClippingSpec.GlobalNorm));
        assertTrue(a.runs().stream().anyMatch(r -> r.spec().training().clipping() instanceof ClippingSpec.None),
                "whole sub-objects as values");
        assertTrue(!swept(a).equals(swept(plan(sweep.replace("seed: 3", "seed: 4")))), "the seed matters");
    }

    @Test
    void whenBlocksAddAxesOnlyWhereTheirConditionHolds() throws Exception {
        SweepPlan p = plan("""
                sweep:
                  grid:
                    training.clipping.kind: [none, global_norm]
                  when:
                    - if: {training.clipping.kind: global_norm}
                      grid: {training.clipping.max_norm: [0.5, 1.0]}
                """);
        assertEquals(List.of(Map.of("training.clipping.kind", "none"),
                Map.of("training.clipping.kind", "global_norm", "training.clipping.max_norm", "0.5"),
                Map.of("training.clipping.kind", "global_norm", "training.clipping.max_norm", "1.0")), swept(p));
    }

    @Test
    void repeatsGiveEachConfigurationItsSeedsAsAFirstClassAxis() throws Exception {
        SweepPlan p = plan("""
                sweep:
                  grid: {model.hidden: [4, 8]}
                  repeats: 3
                """);
        assertEquals(6, p.runs().size());
        assertEquals(List.of(10L, 11L, 12L, 10L, 11L, 12L), p.runs().stream().map(r -> r.spec().seed()).toList());
        assertEquals(List.of("model.hidden", "seed"), p.axes());
        assertEquals(List.of("x.yaml:10:3: sweep.repeats: seed is swept and repeats is set: use one or the other"),
                errors("""
                        sweep:
                          grid: {seed: [1, 2]}
                          repeats: 2
                        """));
    }

    @Test
    void exclusionRulesDropMatchingCombinations() throws Exception {
        SweepPlan p = plan("""
                sweep:
                  grid:
                    model.cell: [rnn_tanh, rnn_relu]
                    training.optimizer.lr: [0.1, 0.001]
                  exclude:
                    - {model.cell: rnn_relu, training.optimizer.lr: 1e-1}
                """);
        assertEquals(3, p.runs().size());
        assertTrue(p.runs().stream().noneMatch(r -> r.swept().equals(Map.of("model.cell", "rnn_relu",
                "training.optimizer.lr", "0.1"))), "1e-1 matches 0.1 numerically");
        assertEquals(List.of("x.yaml:10:3: sweep: every run is excluded: a sweep of 0 runs"), errors("""
                sweep:
                  grid: {model.hidden: [4]}
                  exclude: [{model.hidden: 4}]
                """));
    }

    @Test
    void theSizeLimitIsConfigurableAndComputedBeforeExpansion() {
        String sixtyFourAxes = "sweep:\n  max_runs: 100\n  grid:\n" + java.util.stream.IntStream.range(0, 64)
                .mapToObj(i -> "    a" + i + ".x: [1, 2, 3]\n").reduce("", String::concat);
        List<String> e = errors(sixtyFourAxes); // 3^64 runs: it returns at all only if counted, not expanded
        assertTrue(e.get(0).contains("more than 9.2e18 runs, more than max_runs 100"), e.get(0));
    }

    @Test
    void extendsDeepMergesRelativeToTheFileAndDetectsCycles() throws Exception {
        Files.createDirectories(dir.resolve("base"));
        Files.writeString(dir.resolve("base/common.yaml"), BASE.replace("hidden: 8", "hidden: 8, layers: 2"));
        Path child = Files.writeString(dir.resolve("child.yaml"), """
                extends: base/common.yaml
                name: child
                model: {hidden: 16}
                """);
        SweepPlan p = planner.plan(child, List.of());
        assertEquals("child", p.name());
        assertEquals(16, p.runs().get(0).spec().model().hidden(), "the extending file wins");
        assertEquals(2, p.runs().get(0).spec().model().layers(), "mappings merge key by key");

        Files.writeString(dir.resolve("a.yaml"), "extends: b.yaml\nname: a\n");
        Files.writeString(dir.resolve("b.yaml"), "extends: a.yaml\nname: b\n");
        ConfigException e = assertThrows(ConfigException.class, () -> planner.plan(dir.resolve("a.yaml"), List.of()));
        assertTrue(e.getMessage().contains("b.yaml:1:10: extends: extends cycle"), e.getMessage());

        Files.writeString(dir.resolve("bad.yaml"), BASE.replace("hidden: 8", "hidden: 0"));
        Path user = Files.writeString(dir.resolve("user.yaml"), "extends: bad.yaml\nname: u\n");
        ConfigException inherited = assertThrows(ConfigException.class, () -> planner.plan(user, List.of()));
        assertTrue(inherited.getMessage().contains("bad.yaml:4:33: model.hidden: must be in [1, 65536], got 0"),
                "an inherited error points into the base file: " + inherited.getMessage());
    }

    @Test
    void overridesPinSweptKeysAndCanSetSweepOptions() throws Exception {
        String sweep = """
                sweep:
                  grid: {model.hidden: [4, 8], training.optimizer.lr: [0.1, 0.01]}
                """;
        assertEquals(2, plan(sweep, "model.hidden=16").runs().size());
        assertEquals(12, plan(sweep, "sweep.repeats=3").runs().size());
        assertEquals(8, plan(sweep, "sweep.grid.model.layers=[1, 2]").runs().size());
    }
}
