package dev.rnnlab.cli;

import dev.rnnlab.runner.exec.SweepListener;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.sweep.PlannedRun;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Sweep progress on the console: one line per finished (or skipped) run with its outcome, time, final
 * losses and swept values, followed by a status line (done/total, running, diverged, failed, ETA) that
 * is redrawn in place on a terminal. Quiet mode prints nothing until the final summary.
 */
final class Progress implements SweepListener {

    private final PrintWriter out;
    private final int total;
    private final boolean quiet;
    private final boolean terminal = System.console() != null;
    private final long start = System.nanoTime();
    private int done;
    private int running;
    private int diverged;
    private int failed;
    private int ranHere;
    private boolean statusShown;

    Progress(PrintWriter out, int total, boolean quiet) {
        this.out = out;
        this.total = total;
        this.quiet = quiet;
    }

    @Override
    public synchronized void runStarted(PlannedRun run) {
        running++;
        status();
    }

    @Override
    public synchronized void runFinished(PlannedRun run, RunSummary s) {
        running--;
        ranHere++;
        count(s);
        line(run, s, String.format(Locale.ROOT, "%-11s %6.1f s", s.outcome(), s.wallTimeSeconds()));
    }

    @Override
    public synchronized void runSkipped(PlannedRun run, RunSummary s) {
        count(s);
        line(run, s, String.format(Locale.ROOT, "%-11s %8s", s.outcome(), "(done)"));
    }

    synchronized void finish() {
        if (statusShown && terminal && !quiet) {
            out.print("\r\033[K");
            out.flush();
        }
    }

    private void count(RunSummary s) {
        done++;
        switch (s.outcome()) {
            case "diverged" -> diverged++;
            case "failed", "timed_out" -> failed++;
            default -> { }
        }
    }

    private void line(PlannedRun run, RunSummary s, String what) {
        if (quiet) {
            return;
        }
        clearStatus();
        out.println(String.format(Locale.ROOT, "[%" + Integer.toString(total).length() + "d/%d] %s %s  %s  %s",
                done, total, run.id(), what, result(s), run.swept().isEmpty() ? "" : run.swept().toString())
                .stripTrailing());
        status();
    }

    /** The live status line: only on a terminal, where it can be redrawn in place. */
    private void status() {
        if (quiet || !terminal) {
            return;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        // Runs finished here per second of wall time already reflects the parallelism.
        String eta = ranHere == 0 || done >= total ? "?"
                : String.format(Locale.ROOT, "%.0f s", elapsed / ranHere * (total - done));
        out.print(String.format(Locale.ROOT, "\r\033[K%d/%d done, %d running, %d diverged, %d failed, ETA %s", done, total,
                running, diverged, failed, eta));
        out.flush();
        statusShown = true;
    }

    private void clearStatus() {
        if (statusShown && terminal) {
            out.print("\r\033[K");
        }
    }

    /**
     * The final losses of a run that has them; otherwise what happened instead (a diverged run's last finite
     * loss is not a result, and printing it beside the outcome reads as one).
     */
    static String result(RunSummary s) {
        if (s.finalValLoss() != null) {
            return String.format(Locale.ROOT, "train=%s val=%s", loss(s.finalTrainLoss()), loss(s.finalValLoss()));
        }
        String why = s.detail() == null || s.detail().isEmpty() ? "no final loss: no evaluation after step 0" : s.detail();
        return why.length() > 100 ? why.substring(0, 97) + "..." : why;
    }

    private static String loss(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }
}
