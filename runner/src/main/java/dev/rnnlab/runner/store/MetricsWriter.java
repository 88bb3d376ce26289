package dev.rnnlab.runner.store;

import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes {@code metrics.csv}: one row per recorded step, training and validation values of the same
 * step merged into one row. Empty cells mean "not recorded at this step"; non-finite values are
 * written as {@code NaN}, {@code Infinity}, {@code -Infinity}.
 */
public final class MetricsWriter implements TelemetrySink, Closeable {

    public static final String HEADER = "step,train_loss,val_loss,grad_norm_pre,grad_norm_post,clipped,lr";

    private final BufferedWriter out;
    private StepRecord pendingStep;
    private double bestVal = Double.NaN;
    private long bestValStep = -1;

    public MetricsWriter(Path file) throws IOException {
        this(file, false);
    }

    private MetricsWriter(Path file, boolean append) throws IOException {
        // Stream I/O: unlike a FileChannel it is not closed by an interrupt of the training thread.
        this.out = new BufferedWriter(new OutputStreamWriter(new FileOutputStream(file.toFile(), append),
                StandardCharsets.UTF_8));
        if (!append) {
            out.write(HEADER);
            out.write('\n');
        }
    }

    /**
     * Continues {@code file} after a resumed run's snapshot: rows after {@code step} (and a torn last line)
     * are dropped, the best validation loss so far is read back from the rows kept.
     */
    static MetricsWriter continuing(Path file, long step) throws IOException {
        List<String[]> kept = StepCsv.keepThrough(file, step);
        MetricsWriter w = new MetricsWriter(file, true);
        for (String[] row : kept) {
            if (row.length > 2 && !row[2].isEmpty()) {
                w.noteValidation(Long.parseLong(row[0]), Double.parseDouble(row[2]));
            }
        }
        return w;
    }

    /** Writes a row held back for a validation value of the same step (before a snapshot of that step). */
    void flush() {
        flushPending("");
    }

    @Override
    public void step(StepRecord r) {
        flushPending("");
        pendingStep = r;
    }

    @Override
    public void validation(EvalRecord r) {
        noteValidation(r.step(), r.validationLoss());
        if (pendingStep != null && pendingStep.step() == r.step()) {
            flushPending(Double.toString(r.validationLoss()));
        } else {
            flushPending("");
            row(r.step(), "", Double.toString(r.validationLoss()), "", "", "", "");
        }
    }

    /** Step 0 is the model at initialisation, not something training reached: it never counts as the best. */
    private void noteValidation(long step, double loss) {
        if (step > 0 && Double.isFinite(loss) && !(loss >= bestVal)) {
            bestVal = loss;
            bestValStep = step;
        }
    }

    /** Lowest finite validation loss at an evaluation after step 0, NaN if none. */
    public double bestValidationLoss() {
        return bestVal;
    }

    /** The step of {@link #bestValidationLoss()}, -1 if none. */
    public long bestValidationStep() {
        return bestValStep;
    }

    private void flushPending(String valCell) {
        if (pendingStep == null) {
            return;
        }
        StepRecord r = pendingStep;
        pendingStep = null;
        row(r.step(), Double.toString(r.loss()), valCell,
                Double.toString(r.gradNormPre()), Double.toString(r.gradNormPost()), r.clipped() ? "1" : "0",
                Double.toString(r.lr()));
    }

    private void row(long step, String... cells) {
        try {
            out.write(Long.toString(step));
            for (String c : cells) {
                out.write(',');
                out.write(c);
            }
            out.write('\n');
            out.flush(); // line by line, so a crash loses at most the row being written
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        flushPending("");
        out.close();
    }
}
