package dev.rnnlab.runner.data;

import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.LossKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The windows of a {@link DatasetSpec.Csv} table as a run's data: its columns normalised with the statistics of
 * the training rows only, held as float32 columns (windows are gathered from them per batch, never stored), the
 * training windows in shuffled epochs of the run's seed (as generated data), the validation windows as one batch.
 * Losses are in normalised units. {@link #dataJson()} is what the run directory's {@code data.json} records.
 */
public final class CsvData implements SequenceData {

    private final DatasetSpec.Csv spec;
    private final float[][] in;
    private final float[][] out;
    private final Map<String, double[]> stats = new LinkedHashMap<>();
    private final int rows;
    private final int trainEnd;
    private final int valEnd;
    private final int batchSize;
    private final EpochOrder order;

    /** Reads the file again and checks it is the one the config names (its SHA-256). */
    public CsvData(DatasetSpec.Csv spec, long runSeed, int batchSize) {
        this.spec = spec;
        LinkedHashSet<String> wanted = new LinkedHashSet<>(spec.inputs());
        wanted.addAll(spec.target());
        CsvTable.Read table;
        try {
            table = CsvTable.read(Path.of(spec.path()), List.copyOf(wanted));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + spec.path() + ": " + e.getMessage(), e);
        }
        if (!table.sha256().equals(spec.sha256()) || !table.problems().isEmpty()) {
            throw new IllegalStateException(spec.path() + " has changed since the sweep was planned (SHA-256 "
                    + table.sha256() + ", planned " + spec.sha256() + "); validate it and run the sweep again");
        }
        this.rows = table.rows();
        this.trainEnd = spec.split().trainEnd(rows);
        this.valEnd = spec.split().valEnd(rows);
        Map<String, float[]> normalised = new LinkedHashMap<>();
        for (String c : wanted) {
            float[] raw = table.columns().get(c);
            double[] s = fit(raw, trainEnd, spec.normalize());
            stats.put(c, s);
            float[] v = new float[raw.length];
            for (int r = 0; r < raw.length; r++) {
                v[r] = (float) ((raw[r] - s[0]) / s[1]);
            }
            normalised.put(c, v);
        }
        this.in = spec.inputs().stream().map(normalised::get).toArray(float[][]::new);
        this.out = spec.target().stream().map(normalised::get).toArray(float[][]::new);
        this.batchSize = batchSize;
        this.order = new EpochOrder(spec.trainSize(), runSeed);
    }

    /**
     * {@code {offset, scale}} of a column from its rows {@code [0, trainEnd)}: mean and population std, or min and
     * max - min (then max as a third value), or 0 and 1; a scale of 0 (a constant column) becomes 1.
     */
    static double[] fit(float[] column, int trainEnd, CsvNormalize how) {
        if (how == CsvNormalize.NONE) {
            return new double[] {0, 1};
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int r = 0; r < trainEnd; r++) {
            sum += column[r];
            min = Math.min(min, column[r]);
            max = Math.max(max, column[r]);
        }
        if (how == CsvNormalize.MINMAX) {
            return new double[] {min, max > min ? max - min : 1, max};
        }
        double mean = sum / trainEnd;
        double ss = 0;
        for (int r = 0; r < trainEnd; r++) {
            ss += (column[r] - mean) * (column[r] - mean);
        }
        double std = Math.sqrt(ss / trainEnd);
        return new double[] {mean, std > 0 ? std : 1};
    }

    /** The window {@code k} of the split starting at row {@code first}, in batch slot {@code b}. */
    private void window(int first, int k, int b, float[] x, float[] y) {
        int t = spec.seqLen();
        int start = first + k * spec.stride();
        int inputs = in.length;
        for (int s = 0; s < t; s++) {
            for (int i = 0; i < inputs; i++) {
                x[(b * t + s) * inputs + i] = in[i][start + s];
            }
        }
        int o = out.length;
        if (spec.task() == CsvTask.MANY_TO_ONE) {
            for (int j = 0; j < o; j++) {
                y[b * o + j] = out[j][start + t - 1 + spec.horizon()];
            }
        } else {
            for (int s = 0; s < t; s++) {
                for (int j = 0; j < o; j++) {
                    y[(b * t + s) * o + j] = out[j][start + s + spec.horizon()];
                }
            }
        }
    }

    private Batch batch(int first, int[] windows) {
        int t = spec.seqLen();
        float[] x = new float[windows.length * t * in.length];
        float[] y = new float[windows.length * (spec.task() == CsvTask.MANY_TO_ONE ? 1 : t) * out.length];
        for (int b = 0; b < windows.length; b++) {
            window(first, windows[b], b, x, y);
        }
        return new Batch(windows.length, t, in.length, out.length, layout(), LossKind.MSE, x, y);
    }

    @Override
    public int inputSize() {
        return in.length;
    }

    @Override
    public int outputSize() {
        return out.length;
    }

    @Override
    public int seqLen() {
        return spec.seqLen();
    }

    @Override
    public TargetLayout layout() {
        return spec.task() == CsvTask.MANY_TO_ONE ? TargetLayout.LAST_STEP : TargetLayout.EVERY_STEP;
    }

    @Override
    public LossKind loss() {
        return LossKind.MSE;
    }

    @Override
    public Batch trainBatch(long step) {
        int[] windows = new int[batchSize];
        for (int j = 0; j < batchSize; j++) {
            windows[j] = order.at(step * batchSize + j);
        }
        return batch(0, windows);
    }

    @Override
    public Batch validation() {
        return batch(trainEnd, java.util.stream.IntStream.range(0, spec.valSize()).toArray());
    }

    /** The test windows as one batch, or null when the split has no test fraction. */
    @Override
    public Batch test() {
        return spec.testSize() == 0 ? null : batch(valEnd, java.util.stream.IntStream.range(0, spec.testSize()).toArray());
    }

    /** The target columns' names, in order. */
    public List<String> targetNames() {
        return spec.target();
    }

    /** A normalised value of target column {@code c} in the file's own units. */
    public double original(int c, double normalised) {
        double[] s = stats.get(spec.target().get(c));
        return normalised * s[1] + s[0];
    }

    /** For {@code data.json}: the file, its rows and splits, and each column's normalisation statistics. */
    public Map<String, Object> dataJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("path", spec.path());
        json.put("sha256", spec.sha256());
        json.put("rows", rows);
        json.put("split_rows", Map.of("train", List.of(0, trainEnd), "val", List.of(trainEnd, valEnd), "test",
                List.of(valEnd, rows)));
        json.put("windows", Map.of("train", spec.trainSize(), "val", spec.valSize(), "test", spec.testSize()));
        json.put("normalize", spec.normalize().configName());
        json.put("fitted_on", "training rows [0, " + trainEnd + ")");
        Map<String, Object> columns = new LinkedHashMap<>();
        stats.forEach((c, s) -> columns.put(c, switch (spec.normalize()) {
            case STANDARD -> Map.of("mean", s[0], "std", s[1]);
            case MINMAX -> Map.of("min", s[0], "max", s[2]);
            case NONE -> Map.of();
        }));
        json.put("columns", columns);
        return json;
    }
}
