package dev.rnnlab.runner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.InitScheme;
import dev.rnnlab.engine.api.spec.InitSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.runner.data.DatasetSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The binder against valid and invalid configs. Each invalid case asserts the exact
 * {@code FILE:LINE:COL: key.path: message} lines.
 */
class ExperimentBinderTest {

    static final String BASE = """
            name: quick
            dataset: {kind: sine}
            model: {cell: rnn_tanh, hidden: 16}
            training:
              steps: 100
              optimizer: {kind: adam, lr: 0.01}
            """;

    static ExperimentSpec bind(String yaml) throws ConfigException {
        return ExperimentBinder.bind((ConfigNode.Mapping) YamlLoader.load("f.yaml", yaml), "sweep");
    }

    static List<String> errors(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> bind(yaml));
        return e.errors().stream().map(ConfigError::format).toList();
    }

    @Test
    void bindsTheIssueExampleWithEveryDefaultFilledIn() throws Exception {
        ExperimentSpec spec = bind("""
                name: sine-quickstart
                seed: 1
                engine: native
                dataset: {kind: sine, seq_len: 50, train_size: 1000, val_size: 200}
                model: {cell: rnn_tanh, hidden: 16, layers: 1}
                training:
                  steps: 2000
                  batch_size: 16
                  eval_every: 100
                  optimizer: {kind: adam, lr: 0.01}
                  clipping: {kind: global_norm, max_norm: 1.0}
                sweep: {grid: {model.hidden: [8]}}
                """);
        assertEquals(new ExperimentSpec("sine-quickstart", 1, "native", new DatasetSpec.Sine(50, 1000, 200, 0),
                new ModelSpec(new CellSpec.Rnn(CellSpec.Nonlinearity.TANH), 16, 1),
                new TrainingSpec(2000, 16, 100, new OptimizerSpec.Adam(0.01, 0.9, 0.999, 1e-8, 0), new ScheduleSpec.Constant(),
                        new ClippingSpec.GlobalNorm(1.0)), Precision.FLOAT32, TelemetrySpec.DEFAULT), spec);
    }

    @Test
    void defaultsApplyWhenKeysAreLeftOut() throws Exception {
        ExperimentSpec spec = bind(BASE);
        assertEquals(0, spec.seed());
        assertEquals("native", spec.engine());
        assertEquals(new DatasetSpec.Sine(50, 1000, 200, 0), spec.dataset());
        assertEquals(new ClippingSpec.None(), spec.training().clipping());
        assertEquals(16, spec.training().batchSize());
    }

    @Test
    void unknownKeysSuggestTheClosestKey() {
        assertEquals(List.of("f.yaml:3:8: model.hidden: required key is missing",
                        "f.yaml:3:25: model.hiden: unknown key; did you mean 'hidden'?"),
                errors(BASE.replace("model: {cell: rnn_tanh, hidden: 16}", "model: {cell: rnn_tanh, hiden: 16}")));
    }

    @Test
    void everyProblemIsReportedInOnePass() {
        List<String> errors = errors("""
                name: quick
                dataset: {kind: sinus, seq_len: 50}
                model: {cell: rnn_tanh, hidden: "16", layerz: 2}
                training:
                  steps: 1.5
                  optimizer: {kind: adam, lr: -0.1, momentum: 0.9}
                  clipping: {kind: global_norm}
                """);
        assertEquals(List.of(
                "f.yaml:2:17: dataset.kind: unknown value 'sinus', expected one of sine, random_walk, adding, copy_memory, "
                        + "parity, csv; did you mean 'sine'?",
                "f.yaml:3:33: model.hidden: expected an integer, got the string \"16\"",
                "f.yaml:3:39: model.layerz: unknown key; did you mean 'layers'?",
                "f.yaml:5:10: training.steps: expected an integer, got '1.5'",
                "f.yaml:6:31: training.optimizer.lr: must be > 0.0, got -0.1",
                "f.yaml:6:37: training.optimizer.momentum: unknown key for optimizer 'adam' (kind at f.yaml:6:21); allowed keys: kind, lr, weight_decay, beta1, beta2, eps",
                "f.yaml:7:13: training.clipping.max_norm: required key is missing"), errors);
    }

    @Test
    void missingSectionsAndKeysAreNamed() {
        assertEquals(List.of(
                "f.yaml:1:1: dataset: required section is missing",
                "f.yaml:1:1: model: required section is missing",
                "f.yaml:1:1: training: required section is missing"), errors("name: quick\n"));
    }

    @Test
    void ambiguousYamlScalarsAreNotSilentlyConverted() {
        assertEquals(List.of("f.yaml:5:10: training.steps: expected an integer, got '0100' (leading zeros are ambiguous)"),
                errors(BASE.replace("steps: 100", "steps: 0100")));
        assertEquals(List.of("f.yaml:3:33: model.hidden: expected an integer, got '.nan'"),
                errors(BASE.replace("hidden: 16", "hidden: .nan")));
    }

    @Test
    void theNameMustBeSafeAsADirectoryName() {
        assertEquals(List.of("f.yaml:1:7: name: must be 1-100 letters, digits, '.', '_' or '-', starting with a "
                + "letter or digit, got '../etc'"), errors(BASE.replace("name: quick", "name: ../etc")));
    }

    @Test
    void batchLargerThanTheTrainingSetIsACrossFieldError() {
        List<String> errors = errors(BASE.replace("{kind: sine}", "{kind: sine, train_size: 10}")
                .replace("steps: 100", "steps: 100\n  batch_size: 32"));
        assertEquals(List.of("f.yaml:6:15: training.batch_size: batch_size 32 is larger than dataset.train_size 10 "
                + "(at f.yaml:2:35)"), errors);
    }

    @Test
    void optionsOfOtherVariantsAreRejected() {
        assertEquals(List.of("f.yaml:6:36: training.optimizer.beta1: unknown key for optimizer 'sgd' (kind at f.yaml:6:21); allowed keys: kind, lr, weight_decay"),
                errors(BASE.replace("{kind: adam, lr: 0.01}", "{kind: sgd, lr: 0.01, beta1: 0.9}")));
    }

    @Test
    void randomWalkHasItsOwnScale() throws Exception {
        ExperimentSpec spec = bind(BASE.replace("{kind: sine}", "{kind: random_walk, scale: 0.1, seq_len: 20}"));
        assertEquals(new DatasetSpec.RandomWalk(20, 1000, 200, 0, 0.1), spec.dataset());
    }

    @Test
    void initSchemesBindFromShorthandOrMapping() throws Exception {
        ExperimentSpec spec = bind(BASE.replace("model: {cell: rnn_tanh, hidden: 16}",
                "model: {cell: lstm, hidden: 16, forget_bias: 1.0, init: {recurrent: orthogonal, "
                        + "input: {kind: normal, std: 0.01}}}"));
        assertEquals(new CellSpec.Lstm(1.0), spec.model().cell());
        assertEquals(new InitSpec(new InitScheme.Normal(0.01), new InitScheme.Orthogonal(),
                new InitScheme.PytorchDefault()), spec.model().init());
    }

    @Test
    void crossFieldConflictsNameBothPlaces() {
        assertEquals(List.of("f.yaml:3:45: model.forget_bias: forget_bias applies to lstm only, but model.cell is "
                        + "'gru' (at f.yaml:3:15)"),
                errors(BASE.replace("{cell: rnn_tanh, hidden: 16}", "{cell: gru, hidden: 16, forget_bias: 1.0}")));
        assertEquals(List.of("f.yaml:3:51: model.init.input.kind: identity applies to recurrent weights only"),
                errors(BASE.replace("{cell: rnn_tanh, hidden: 16}", "{cell: rnn_tanh, hidden: 16, init: {input: identity}}")));
    }

    @Test
    void eachDatasetTakesItsOwnKeysWithRanges() throws Exception {
        assertEquals(List.of("f.yaml:2:32: dataset.seq_len: must be in [1, 1000000], got 0"),
                errors(BASE.replace("{kind: sine}", "{kind: sine, seq_len: 0}")));
        assertEquals(List.of("f.yaml:2:38: dataset.seq_len: unknown key for dataset 'copy_memory' (kind at "
                        + "f.yaml:2:17); allowed keys: kind, train_size, val_size, test_size, seed, lag, copy_len"),
                errors(BASE.replace("{kind: sine}", "{kind: copy_memory, lag: 5, seq_len: 9}")));
        assertEquals(new DatasetSpec.CopyMemory(5, 10, 1000, 200, 0),
                bind(BASE.replace("{kind: sine}", "{kind: copy_memory, lag: 5}")).dataset());
        assertEquals(new DatasetSpec.Parity(30, 3, 1000, 200, 0),
                bind(BASE.replace("{kind: sine}", "{kind: parity, lag: 30, bits: 3}")).dataset());
        assertEquals(new DatasetSpec.Adding(100, 1000, 200, 0),
                bind(BASE.replace("{kind: sine}", "{kind: adding, seq_len: 100}")).dataset());
    }
}
