package dev.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.engine.api.check.GradientCase;
import dev.rnnlab.engine.api.check.GradientReport;
import dev.rnnlab.engine.api.checkpoint.Safetensors;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.runner.data.DatasetSpec;
import dev.rnnlab.runner.data.GeneratedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test split evaluated once on the final weights, and predictions.csv as a forward pass of model.safetensors. */
class TestSplitTest {

    @TempDir Path dir;

    static final String SINE = """
            name: tested
            seed: 4
            dataset: {kind: sine, seq_len: 10, train_size: 64, val_size: 16, test_size: 12}
            model: {cell: rnn_tanh, hidden: 6}
            training:
              steps: 60
              batch_size: 8
              eval_every: 20
              optimizer: {kind: adam, lr: 0.02}
            evaluation: {predictions: 5}
            """;

    @Test
    void theFinalWeightsAreEvaluatedOnTheTestSplitAndTheirPredictionsWritten() throws Exception {
        Path f = Files.writeString(dir.resolve("t.yaml"), SINE);
        CliTest.Run r = CliTest.rnnlab("sweep", f.toString(), "--out", dir.resolve("out").toString(), "--quiet");
        assertEquals(0, r.code(), r.out() + r.err());
        Path run;
        try (Stream<Path> runs = Files.list(dir.resolve("out/tested/runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertTrue(summary.get("test_loss").isNumber(), summary.toString());
        // The reference: the saved weights through the native evaluator, on the test split as the runner builds it.
        Map<String, double[]> params = new LinkedHashMap<>();
        for (Tensor t : Safetensors.read(run.resolve("model.safetensors"))) {
            params.put(t.name(), t.values());
        }
        Batch test = new GeneratedData(new DatasetSpec.Sine(10, 64, 16, 0, 12), 4, 8).test();
        GradientReport ref = EngineRegistry.discover(getClass().getClassLoader()).find("native").orElseThrow()
                .gradientChecker().orElseThrow().evaluate(new GradientCase(new ModelSpec(new CellSpec.Rnn(
                        CellSpec.Nonlinearity.TANH), 6, 1), 1, 1, 10, 12, test.layout(), test.loss(), params,
                        doubles(test.inputs()), doubles(test.targets()), null));
        assertEquals(ref.loss(), summary.get("test_loss").asDouble(), 1e-12 * ref.loss());
        List<String> lines = Files.readAllLines(run.resolve("predictions.csv"));
        assertEquals("sequence,t,column,target,prediction", lines.get(0));
        assertEquals(1 + 5 * 10, lines.size(), "5 sequences (evaluation.predictions) x 10 steps x 1 output");
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split(",");
            int pos = Integer.parseInt(c[0]) * 10 + Integer.parseInt(c[1]);
            assertEquals("y", c[2]);
            assertEquals(test.targets()[pos], Double.parseDouble(c[3]), 1e-7);
            assertEquals(ref.predictions()[pos], Double.parseDouble(c[4]), 1e-12, lines.get(i));
        }
        String sidecar = Files.readString(dir.resolve("out/tested/sweep-summary.csv"));
        assertTrue(sidecar.lines().findFirst().orElseThrow().contains(",test_loss,"), sidecar);
    }

    @Test
    void aTrainedSinePredictorRollsOutOnBothEngines() throws Exception {
        for (String engine : new String[] {"native", "dl4j"}) {
            Path f = Files.writeString(dir.resolve("roll.yaml"), SINE.replace("steps: 60", "steps: 400")
                    .replace("evaluation: {predictions: 5}", "evaluation: {rollout: {warmup: 3, steps: 8}}")
                    .replace("seed: 4", "seed: 4\nengine: " + engine));
            CliTest.Run r = CliTest.rnnlab("sweep", f.toString(), "--out", dir.resolve("roll-" + engine).toString(), "--quiet");
            assertEquals(0, r.code(), r.out() + r.err());
            Path run;
            try (Stream<Path> runs = Files.list(dir.resolve("roll-" + engine + "/tested/runs"))) {
                run = runs.findFirst().orElseThrow();
            }
            List<String> rows = Files.readAllLines(run.resolve("rollout.csv"));
            assertEquals(1 + 8, rows.size(), engine);
            double worst = 0;
            for (String row : rows.subList(1, rows.size())) {
                String[] c = row.split(",");
                worst = Math.max(worst, Math.abs(Double.parseDouble(c[1]) - Double.parseDouble(c[2])));
            }
            assertTrue(worst < 0.3, engine + ": a trained predictor follows the sine for 8 steps fed its own output: " + worst);
        }
    }

    @Test
    void aCsvRunsPredictionsAreInTheFilesUnits() throws Exception {
        Path f = Files.writeString(dir.resolve("co2.yaml"), Files.readString(Path.of("../experiments/co2-forecast.yaml"))
                .replace("path: data/co2-concentration.csv", "path: " + Path.of("../experiments/data/co2-concentration.csv")
                        .toAbsolutePath().normalize()));
        CliTest.Run r = CliTest.rnnlab("sweep", f.toString(), "training.steps=300", "sweep.grid.model.cell=[gru]",
                "sweep.repeats=1", "--out", dir.resolve("out").toString(), "--quiet");
        assertEquals(0, r.code(), r.out() + r.err());
        Path run;
        try (Stream<Path> runs = Files.list(dir.resolve("out/co2-forecast/runs"))) {
            run = runs.findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(run.resolve("predictions.csv"));
        assertEquals(1 + 87, lines.size(), "the 87 test windows, one target each");
        String[] first = lines.get(1).split(",");
        assertEquals("CO2", first[2]);
        assertEquals(23, Integer.parseInt(first[1]), "many-to-one: the target follows the window's last step");
        double target = Double.parseDouble(first[3]);
        double prediction = Double.parseDouble(first[4]);
        assertTrue(target > 350 && target < 420, "ppm, not standardised units: " + target);
        assertTrue(Math.abs(prediction - target) < 15, "a trained GRU is within 15 ppm: " + prediction + " vs " + target);
        assertTrue(new ObjectMapper().readTree(run.resolve("summary.json").toFile()).get("test_loss").isNumber());
    }

    private static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
