package dev.rnnlab.cli;

import dev.rnnlab.runner.exec.SweepListener;
import dev.rnnlab.runner.store.RunSummary;
import dev.rnnlab.runner.sweep.PlannedRun;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** One line per finished (or skipped) run: position, id, outcome, time, final losses, swept values. */
final class ProgressPrinter implements SweepListener {

    private final PrintWriter out;
    private final int total;
    private final AtomicInteger done = new AtomicInteger();

    ProgressPrinter(PrintWriter out, int total) {
        this.out = out;
        this.total = total;
    }

    @Override
    public void runFinished(PlannedRun run, RunSummary s) {
        print(run, s, String.format(Locale.ROOT, "%-9s %6.1f s", s.outcome(), s.wallTimeSeconds()));
    }

    @Override
    public void runSkipped(PlannedRun run, RunSummary s) {
        print(run, s, String.format(Locale.ROOT, "%-9s %8s", s.outcome(), "(done)"));
    }

    private void print(PlannedRun run, RunSummary s, String what) {
        String line = String.format(Locale.ROOT, "[%" + digits() + "d/%d] %s %s  train=%s val=%s  %s",
                done.incrementAndGet(), total, run.id(), what, loss(s.finalTrainLoss()), loss(s.finalValLoss()),
                run.swept().isEmpty() ? "" : run.swept().toString());
        synchronized (out) {
            out.println(line.stripTrailing());
            out.flush();
        }
    }

    private int digits() {
        return Integer.toString(total).length();
    }

    private static String loss(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.4g", v);
    }
}
