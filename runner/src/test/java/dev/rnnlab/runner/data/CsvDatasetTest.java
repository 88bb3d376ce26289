package dev.rnnlab.runner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.runner.FakeEngine;
import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigException;
import dev.rnnlab.runner.sweep.SweepPlan;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dataset.kind: csv}: windows, chronological splits, normalisation, identity and bad data. */
class CsvDatasetTest {

    @TempDir Path dir;
    final SweepPlanner planner = new SweepPlanner(FakeEngine.registry(FakeEngine.supportingEveryCell()));

    /** A table of {@code rows} rows: row (its index), x (a ramp that is larger later), date (text). */
    Path table(int rows) throws Exception {
        StringBuilder csv = new StringBuilder("date,row,x\n");
        for (int r = 0; r < rows; r++) {
            csv.append("2020-").append(r).append(',').append(r).append(',').append(r * r * 0.5).append('\n');
        }
        return Files.writeString(dir.resolve("t.csv"), csv.toString());
    }

    static String yaml(String dataset) {
        return """
                name: csv
                dataset:
                %s
                model: {cell: lstm, hidden: 4}
                training:
                  steps: 5
                  batch_size: 2
                  eval_every: 5
                  optimizer: {kind: adam, lr: 0.01}
                """.formatted(dataset.indent(2).stripTrailing());
    }

    SweepPlan plan(String yaml) throws ConfigException {
        return planner.plan(dev.rnnlab.runner.Configs.write(dir, "x.yaml", yaml), List.of());
    }

    List<String> errors(String yaml) {
        ConfigException e = assertThrows(ConfigException.class, () -> plan(yaml));
        return e.errors().stream().map(ConfigError::format).map(s -> s.replace(dir.toString() + "/", "")).toList();
    }

    DatasetSpec.Csv spec(String dataset) throws Exception {
        return (DatasetSpec.Csv) plan(yaml(dataset)).runs().get(0).spec().dataset();
    }

    @Test
    void noWindowWithItsTargetsCrossesASplitBoundaryAndEveryWindowThatFitsIsUsed() throws Exception {
        table(100);
        for (String task : new String[] {"many_to_one", "next_step"}) {
            for (int stride : new int[] {1, 3}) {
                DatasetSpec.Csv spec = spec("{kind: csv, path: t.csv, inputs: [row], target: [row], seq_len: 5, horizon: 2,"
                        + " stride: " + stride + ", task: " + task + ", normalize: none,"
                        + " split: {train: 0.6, val: 0.2, test: 0.2}}");
                CsvData data = new CsvData(spec, 1, 2);
                int[][] bounds = {{0, 60}, {60, 80}, {80, 100}};
                Batch[] splits = {trainWindows(data, spec.trainSize()), data.validation(), data.test()};
                for (int s = 0; s < 3; s++) {
                    Batch b = splits[s];
                    int first = Integer.MAX_VALUE;
                    int last = Integer.MIN_VALUE;
                    for (float v : b.inputs()) {
                        first = Math.min(first, (int) v);
                        last = Math.max(last, (int) v);
                    }
                    for (float v : b.targets()) {
                        last = Math.max(last, (int) v);
                    }
                    String what = task + " stride " + stride + " split " + s;
                    assertEquals(bounds[s][0], first, what + ": the first window starts at the split's first row");
                    assertTrue(last <= bounds[s][1] - 1, what + ": last row used " + last + " is inside the split");
                    assertTrue(last + stride > bounds[s][1] - 1, what + ": one more window would cross the boundary");
                }
                Batch one = data.validation();
                int t0 = (int) one.inputs()[0];
                assertEquals(task.equals("many_to_one") ? t0 + 4 + 2 : t0 + 2, (int) one.targets()[0],
                        task + ": the target is horizon rows after " + (task.equals("many_to_one") ? "the window" : "step 0"));
            }
        }
    }

    /** Every training window once (an epoch's worth of batches covers them all). */
    private static Batch trainWindows(CsvData data, int count) {
        java.util.List<Float> in = new java.util.ArrayList<>();
        java.util.List<Float> out = new java.util.ArrayList<>();
        for (int step = 0; step * 2 < count; step++) {
            Batch b = data.trainBatch(step);
            for (float v : b.inputs()) {
                in.add(v);
            }
            for (float v : b.targets()) {
                out.add(v);
            }
        }
        float[] x = new float[in.size()];
        float[] y = new float[out.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = in.get(i);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = out.get(i);
        }
        return new Batch(1, x.length, 1, 1, dev.rnnlab.engine.api.data.TargetLayout.EVERY_STEP,
                dev.rnnlab.engine.api.spec.LossKind.MSE, x, y.length == x.length ? y : java.util.Arrays.copyOf(y, x.length));
    }

    @Test
    void normalisationIsFittedOnTheTrainingRowsOnly() throws Exception {
        table(100);
        DatasetSpec.Csv spec = spec("{kind: csv, path: t.csv, inputs: [x], target: [x], seq_len: 4, "
                + "split: {train: 0.5, val: 0.5}}");
        CsvData data = new CsvData(spec, 1, 2);
        double mean = 0;
        for (int r = 0; r < 50; r++) {
            mean += r * r * 0.5 / 50;
        }
        double ss = 0;
        for (int r = 0; r < 50; r++) {
            ss += Math.pow(r * r * 0.5 - mean, 2) / 50;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> x = (Map<String, Object>) ((Map<String, Object>) data.dataJson().get("columns")).get("x");
        assertEquals(mean, (double) x.get("mean"), 1e-3, "the mean of rows 0-49, not of all 100");
        assertEquals(Math.sqrt(ss), (double) x.get("std"), 1e-3);
        float first = data.validation().inputs()[0]; // row 50
        assertEquals((50 * 50 * 0.5 - mean) / Math.sqrt(ss), first, 1e-4);
        DatasetSpec.Csv minmax = spec("{kind: csv, path: t.csv, inputs: [x], target: [x], seq_len: 4, normalize: minmax,"
                + " split: {train: 0.5, val: 0.5}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> mm = (Map<String, Object>) ((Map<String, Object>) new CsvData(minmax, 1, 2).dataJson()
                .get("columns")).get("x");
        assertEquals(Map.of("min", 0.0, "max", 49 * 49 * 0.5), mm);
    }

    @Test
    void theDataFileIsPartOfEachRunsIdentity() throws Exception {
        Path file = table(60);
        String y = yaml("{kind: csv, path: t.csv, inputs: [x], target: [x], seq_len: 4}");
        SweepPlan before = plan(y);
        assertTrue(before.runs().get(0).resolvedConfig().contains("sha256: "), before.runs().get(0).resolvedConfig());
        Files.writeString(file, Files.readString(file).replace("\n59,59,", "\n59,59.5,"));
        Files.writeString(file, Files.readString(file) + "2020-60,60,1800\n");
        SweepPlan after = plan(y);
        assertNotEquals(before.runs().get(0).id(), after.runs().get(0).id(), "an edited data file is another run");
        Path config = dev.rnnlab.runner.Configs.write(dir, "config.yaml", before.runs().get(0).resolvedConfig());
        ConfigException e = assertThrows(ConfigException.class, () -> planner.plan(config, List.of()));
        assertTrue(e.errors().get(0).format().contains("dataset.sha256: " + file + " has changed since this config was "
                + "resolved"), e.errors().get(0).format());
    }

    @Test
    void badDataIsRefusedWhereItIs() throws Exception {
        Files.writeString(dir.resolve("bad.csv"), "date,co2,temp\n2020-01,1.5,3\n2020-02,,4\n2020-03,abc,5\n2020-04,2,6,7\n"
                + "2020-05,2\n");
        assertEquals(List.of("bad.csv:3:9: dataset.path: empty cell in column 'co2'",
                "bad.csv:4:9: dataset.path: cell 'abc' in column 'co2' is not a number",
                "bad.csv:5:13: dataset.path: row has 4 field(s), the header has 3",
                "bad.csv:6:9: dataset.path: row has 2 field(s), the header has 3"),
                errors(yaml("{kind: csv, path: bad.csv, inputs: [co2, temp], target: [co2], seq_len: 1}")));
        table(30);
        assertEquals(List.of("x.yaml:3:36: dataset.inputs: no column 'rwo' in t.csv (its columns: date, row, x); did you "
                + "mean 'row'?"), errors(yaml("{kind: csv, path: t.csv, inputs: [rwo], target: [x], seq_len: 4}")));
        assertEquals(List.of("x.yaml:3:21: dataset.path: no such file: none.csv"),
                errors(yaml("{kind: csv, path: none.csv, inputs: [x], target: [x]}")), "(the directory cut from the path)");
        List<String> few = errors(yaml("{kind: csv, path: t.csv, inputs: [x], target: [x], seq_len: 4, "
                + "split: {train: 0.8, val: 0.1, test: 0.1}}"));
        assertEquals(1, few.size(), few.toString());
        assertTrue(few.get(0).startsWith("x.yaml:3:73: dataset.split: t.csv has 30 rows: split 0.8/0.1/0.1 gives 24, 3 and 3 "
                + "rows, and a window of seq_len + horizon = 5 rows fits 20, 0 and 0 times"), few.get(0));
    }
}
