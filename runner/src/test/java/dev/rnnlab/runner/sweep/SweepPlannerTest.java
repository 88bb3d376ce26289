package dev.rnnlab.runner.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnlab.runner.Configs;
import dev.rnnlab.runner.FakeEngine;
import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlannerTest {

    @TempDir Path dir;
    final SweepPlanner planner = new SweepPlanner(FakeEngine.registry(new FakeEngine()));

    SweepPlan plan(String yaml, String... overrides) throws ConfigException {
        return planner.plan(Configs.write(dir, "x.yaml", yaml), List.of(overrides));
    }

    List<String> errors(String yaml, String... overrides) {
        ConfigException e = assertThrows(ConfigException.class, () -> plan(yaml, overrides));
        String file = dir.resolve("x.yaml").toString();
        return e.errors().stream().map(ConfigError::format).map(s -> s.replace(file, "x.yaml")).toList();
    }

    @Test
    void theGridIsTheOuterProductFirstAxisSlowest() throws Exception {
        SweepPlan plan = plan(Configs.VALID);
        assertEquals("sine-quickstart", plan.name());
        assertEquals(List.of("model.hidden", "training.optimizer.lr"), plan.axes());
        assertEquals(6, plan.runs().size());
        assertEquals(Map.of("model.hidden", "8", "training.optimizer.lr", "0.01"), plan.runs().get(0).swept());
        assertEquals(Map.of("model.hidden", "8", "training.optimizer.lr", "0.001"), plan.runs().get(1).swept());
        assertEquals(Map.of("model.hidden", "32", "training.optimizer.lr", "0.001"), plan.runs().get(5).swept());
        assertEquals(32, plan.runs().get(5).spec().model().hidden());
        assertEquals(0.001, plan.runs().get(5).spec().training().optimizer().lr());
        assertEquals(6, plan.runs().stream().map(PlannedRun::id).distinct().count());
    }

    @Test
    void runIdsAreStableAndDependOnlyOnTheResolvedConfig() throws Exception {
        List<String> ids = plan(Configs.VALID).runs().stream().map(PlannedRun::id).toList();
        assertEquals(ids, plan(Configs.VALID).runs().stream().map(PlannedRun::id).toList());
        String respelled = Configs.VALID.replace("[0.01, 0.001]", "[1e-2, 1.0e-3]").replace("# x", "");
        assertEquals(ids, plan("# a comment\n" + respelled).runs().stream().map(PlannedRun::id).toList());
        assertNotEquals(ids, plan(Configs.VALID, "seed=2").runs().stream().map(PlannedRun::id).toList());
    }

    @Test
    void anOverrideSetsAKeyAndPinsItsAxis() throws Exception {
        SweepPlan plan = plan(Configs.VALID, "model.hidden=64", "training.steps=10");
        assertEquals(List.of("training.optimizer.lr"), plan.axes());
        assertEquals(2, plan.runs().size());
        assertEquals(64, plan.runs().get(0).spec().model().hidden());
        assertEquals(10, plan.runs().get(0).spec().training().steps());
    }

    @Test
    void aGridAxisCanBeGivenOnTheCommandLine() throws Exception {
        SweepPlan plan = plan(Configs.VALID, "sweep.grid.model.layers=[1, 2]");
        assertEquals(List.of("model.hidden", "training.optimizer.lr", "model.layers"), plan.axes());
        assertEquals(12, plan.runs().size());
    }

    @Test
    void aBadGridValueIsReportedOnceAtItsOwnLocation() {
        assertEquals(List.of("x.yaml:14:23: model.hidden: must be in [1, 65536], got 0"),
                errors(Configs.VALID.replace("[8, 16, 32]", "[8, 0, 32]")));
    }

    @Test
    void aGridKeyThatIsNotAConfigKeyIsAnErrorAtTheGridKey() {
        assertEquals(List.of("x.yaml:14:5: model.hiden: unknown key; did you mean 'hidden'?"),
                errors(Configs.VALID.replace("model.hidden: [8, 16, 32]", "model.hiden: [8, 16, 32]")));
    }

    @Test
    void overrideErrorsAreLocatedOnTheCommandLine() {
        assertEquals(List.of("<cli>:2:14: model.hidden: expected an integer, got 'big'"),
                errors(Configs.VALID.replace("    model.hidden: [8, 16, 32]\n", ""), "seed=3", "model.hidden=big"));
        assertEquals(List.of("<cli>:1:1: override 'oops' is not of the form key.path=value"),
                errors(Configs.VALID, "oops"));
    }

    @Test
    void whatTheEngineCannotDoIsRefusedBeforeAnyRun() {
        assertEquals(List.of("x.yaml:5:15: model.cell: engine 'native' does not support cell 'lstm' "
                + "(it supports [rnn_relu, rnn_tanh])"), errors(Configs.VALID.replace("cell: rnn_tanh", "cell: lstm")));
        assertEquals(List.of("x.yaml:3:9: engine: unknown engine 'dl4j'; available: native"),
                errors(Configs.VALID.replace("engine: native", "engine: dl4j")));
    }

    @Test
    void oversizedGridsAreRefusedBeforeExpansion() {
        String big = Configs.VALID.replace("sweep:\n  grid:\n", "sweep:\n  grid:\n    seed: "
                + java.util.stream.IntStream.range(0, 5000).boxed().toList() + "\n");
        List<String> errors = errors(big);
        assertEquals(1, errors.size());
        assertEquals(true, errors.get(0).contains("30,000 runs, more than max_runs 10000 (axes: seed=5000, model.hidden=3"), errors.get(0));
    }

    @Test
    void repeatedGridValuesAreRefused() {
        List<String> errors = errors(Configs.VALID.replace("[8, 16, 32]", "[8, 16, 8]"));
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(true, errors.get(0).contains("resolve to the same config"), errors.get(0));
    }
}
