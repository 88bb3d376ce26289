package dev.rnnlab.runner.config;

import dev.rnnlab.runner.data.CsvNormalize;
import dev.rnnlab.runner.data.CsvSplit;
import dev.rnnlab.runner.data.CsvTable;
import dev.rnnlab.runner.data.CsvTask;
import dev.rnnlab.runner.data.DatasetSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Binds {@code dataset: {kind: csv, ...}} and checks the file itself before any run: that it exists, has every
 * column named (with "did you mean"), holds a finite number in every cell of those columns and as many fields
 * in every row as its header (each problem at {@code FILE.csv:LINE:COLUMN}), and has rows enough for a window in
 * the train and validation splits (and test, when it has a fraction). {@code sha256}, when given (as in a run's
 * resolved {@code config.yaml}), must be the file's: a data file edited under a run is refused, never mixed in.
 */
final class CsvDatasetBinder {

    static final int DEFAULT_HORIZON = 1;
    static final int DEFAULT_STRIDE = 1;
    static final CsvSplit DEFAULT_SPLIT = new CsvSplit(0.7, 0.15, 0.15);

    private CsvDatasetBinder() {}

    static DatasetSpec.Csv bind(MappingReader r, List<ConfigError> errors) {
        String pathText = r.string("path", (String) null);
        List<String> inputs = names(r, "inputs");
        List<String> target = names(r, "target");
        String time = optional(r, "time");
        Integer seqLen = r.intValue("seq_len", ExperimentBinder.DEFAULT_SEQ_LEN, 1, DatasetSpec.MAX_SEQ_LEN);
        Integer horizon = r.intValue("horizon", DEFAULT_HORIZON, 1, DatasetSpec.MAX_SEQ_LEN);
        Integer stride = r.intValue("stride", DEFAULT_STRIDE, 1, DatasetSpec.MAX_SEQ_LEN);
        CsvTask task = r.choice("task", CsvTask.class, CsvTask.MANY_TO_ONE);
        CsvNormalize normalize = r.choice("normalize", CsvNormalize.class, CsvNormalize.STANDARD);
        CsvSplit split = split(r);
        String expectedSha = optional(r, "sha256");
        r.rejectUnknownKeys(" for dataset 'csv' (kind at " + r.locationOf("kind") + ")");
        if (pathText == null) {
            if (!r.has("path")) {
                r.error("kind", "dataset 'csv' needs path: the CSV file, relative to the experiment file");
            }
            return null;
        }
        Path file = ExperimentBinder.resolve(r.locationOf("path"), pathText);
        if (!Files.isRegularFile(file)) {
            r.error("path", "no such file: " + file);
            return null;
        }
        if (inputs == null || target == null || seqLen == null || horizon == null || stride == null || task == null
                || normalize == null || split == null) {
            return null;
        }
        LinkedHashSet<String> wanted = new LinkedHashSet<>(inputs);
        wanted.addAll(target);
        CsvTable.Read table;
        try {
            table = CsvTable.read(file, List.copyOf(wanted));
        } catch (IOException e) {
            r.error("path", "cannot read " + file + ": " + e.getMessage());
            return null;
        }
        boolean ok = true;
        for (String key : new String[] {"inputs", "target"}) {
            for (String c : key.equals("inputs") ? inputs : target) {
                if (!table.header().contains(c)) {
                    r.error(key, "no column '" + c + "' in " + file.getFileName() + " (its columns: "
                            + String.join(", ", table.header()) + ")" + Suggestions.didYouMean(c, table.header()));
                    ok = false;
                }
            }
        }
        if (time != null && !table.header().contains(time)) {
            r.error("time", "no column '" + time + "' in " + file.getFileName() + Suggestions.didYouMean(time, table.header()));
            ok = false;
        }
        for (CsvTable.Problem p : table.problems()) {
            errors.add(new ConfigError(new Location(file.toString(), p.line(), p.column()), r.path("path"), p.message()));
            ok = false;
        }
        if (expectedSha != null && !expectedSha.equals(table.sha256())) {
            r.error("sha256", file + " has changed since this config was resolved: its SHA-256 is " + table.sha256()
                    + ", the config names " + expectedSha);
            ok = false;
        }
        if (!ok) {
            return null;
        }
        int rows = table.rows();
        int span = seqLen + horizon;
        int trainEnd = split.trainEnd(rows);
        int valEnd = split.valEnd(rows);
        int train = CsvSplit.windows(0, trainEnd, span, stride);
        int val = CsvSplit.windows(trainEnd, valEnd, span, stride);
        int test = split.test() == 0 ? 0 : CsvSplit.windows(valEnd, rows, span, stride);
        if (train < 1 || val < 1 || (split.test() > 0 && test < 1)) {
            r.error(r.has("split") ? "split" : "seq_len", file.getFileName() + " has " + rows + " rows: split " + split.train()
                    + "/" + split.val() + "/" + split.test() + " gives " + trainEnd + ", " + (valEnd - trainEnd) + " and "
                    + (rows - valEnd) + " rows, and a window of seq_len + horizon = " + span + " rows fits " + train
                    + ", " + val + " and " + test + " times; every split needs at least one");
            return null;
        }
        return new DatasetSpec.Csv(file.toString(), table.sha256(), inputs, target, time, seqLen, horizon, stride, task,
                split, normalize, train, val, test);
    }

    /** A string key that may be absent (null then). */
    private static String optional(MappingReader r, String key) {
        r.node(key);
        return r.has(key) ? r.string(key, (String) null) : null;
    }

    /** A column name or a list of them. */
    private static List<String> names(MappingReader r, String key) {
        ConfigNode n = r.node(key);
        if (n == null) {
            r.error("kind", "dataset 'csv' needs " + key + ": a column name or a list of them");
            return null;
        }
        List<ConfigNode> items = n instanceof ConfigNode.Sequence s ? s.items() : List.of(n);
        List<String> out = new ArrayList<>();
        for (ConfigNode item : items) {
            if (!(item instanceof ConfigNode.Scalar s) || s.isNull() || s.text().isBlank()) {
                r.error(key, "expected a column name or a list of them, got " + item.describe());
                return null;
            }
            out.add(s.text());
        }
        if (out.isEmpty()) {
            r.error(key, "expected at least one column");
            return null;
        }
        return out;
    }

    private static CsvSplit split(MappingReader r) {
        if (!r.has("split")) {
            r.node("split");
            return DEFAULT_SPLIT;
        }
        MappingReader s = r.mapping("split", false);
        if (s == null) {
            return null;
        }
        Double train = s.fraction("train", DEFAULT_SPLIT.train(), 0, 1);
        Double val = s.fraction("val", DEFAULT_SPLIT.val(), 0, 1);
        Double test = s.fraction("test", 0, 0, 1);
        s.rejectUnknownKeys("");
        if (train == null || val == null || test == null) {
            return null;
        }
        if (!(train > 0) || !(val > 0) || Math.abs(train + val + test - 1) > 1e-9) {
            r.error("split", "train and val must be above 0 and train + val + test must be 1, got " + train + " + " + val
                    + " + " + test);
            return null;
        }
        return new CsvSplit(train, val, test);
    }
}
