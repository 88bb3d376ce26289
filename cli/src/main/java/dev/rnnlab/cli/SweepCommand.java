package dev.rnnlab.cli;

import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.reports.ReportException;
import dev.rnnlab.reports.SweepReport;
import dev.rnnlab.runner.exec.LocalExecutor;
import dev.rnnlab.runner.exec.SweepOutcome;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.store.SweepLock;
import dev.rnnlab.runner.sweep.SweepPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab sweep FILE [overrides] [--out DIR] [--parallel N]}: runs every run of the sweep that is
 * not already finished, then writes {@code DIR/<sweep-name>/report.html}. Ctrl-C (or SIGTERM) interrupts
 * the runs in progress, records them as interrupted, writes the report and exits 130; running the same
 * command again resumes.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run the sweep into DIR/<sweep-name>/runs/<run-id>/ and write DIR/<sweep-name>/report.html. "
                + "Runs finished by an earlier invocation are skipped; unfinished ones continue from their last "
                + "snapshot (or start again).")
final class SweepCommand implements Callable<Integer> {

    static final int INTERRUPTED = 130;

    private final EngineRegistry engines;
    @Spec CommandSpec spec;
    @Mixin ConfigArguments config = new ConfigArguments();

    @Option(names = "--out", paramLabel = "DIR", description = "Results root (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("results");

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs trained at once (default: the number of cores, ${DEFAULT-VALUE}).")
    int parallel = Runtime.getRuntime().availableProcessors();

    @Option(names = "--threads", paramLabel = "T", defaultValue = "1",
            description = "Threads within each run (default: ${DEFAULT-VALUE}). Results are the same bits for every "
                    + "count; worth it for large models when there are fewer runs than cores.")
    int threads;

    @Option(names = "--quiet", description = "Print only the final summary (for CI logs).")
    boolean quiet;

    @Option(names = "--require-clean", description = "Refuse to run when the experiment file's git tree has "
            + "uncommitted changes (provenance would not name the code that ran).")
    boolean requireClean;

    @Option(names = "--snapshot-every", paramLabel = "SECONDS", defaultValue = "60",
            description = "Save each run's training state this often (default: ${DEFAULT-VALUE}; 0: never), so "
                    + "rerunning after a crash or Ctrl-C continues unfinished runs from their last snapshot, "
                    + "bit for bit, instead of from step 0.")
    double snapshotEverySeconds;

    @Option(names = "--fresh", description = "Refuse to run when the sweep's directory holds a different plan of "
            + "it (a changed config or overrides). By default the new plan runs there: runs both plans hold are "
            + "skipped, the earlier runs stay, plan.json keeps the earlier plan and the report shows them as older "
            + "runs.")
    boolean fresh;

    @Option(names = "--lock-grace", paramLabel = "SECONDS", hidden = true, defaultValue = "30",
            description = "Age after which another process's lock counts as stale.")
    long lockGraceSeconds;

    SweepCommand(EngineRegistry engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() throws Exception {
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, got " + parallel);
        }
        if (!(snapshotEverySeconds >= 0) || Double.isInfinite(snapshotEverySeconds)) {
            throw new ParameterException(spec.commandLine(), "--snapshot-every must be a number of seconds >= 0, got "
                    + snapshotEverySeconds);
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        SweepPlan plan = config.plan(engines, stderr);
        if (plan == null) {
            return ExitCodes.USAGE;
        }
        Provenance provenance = Provenance.of(Path.of(plan.source()), plan.sourceText());
        if (requireClean && !Boolean.FALSE.equals(provenance.gitDirty())) {
            stderr.println("rnnlab sweep: --require-clean: " + (provenance.gitDirty() == null
                    ? plan.source() + " is not in a git repository" : "the git tree of " + plan.source()
                    + " has uncommitted changes (commit " + provenance.gitCommit() + ")"));
            stderr.flush();
            return ExitCodes.USAGE;
        }
        SweepDirectory dir = SweepDirectory.of(out, plan);
        int total = plan.adaptive() == null ? plan.runs().size() : plan.adaptive().budget();
        int cores = Runtime.getRuntime().availableProcessors();
        long busy = (long) Math.min(parallel, total) * threads;
        if (threads > 1 && busy > cores) {
            // Kernel threads spin briefly between the parts of a step; more of them than cores slows every run.
            stderr.println("rnnlab sweep: note: " + Math.min(parallel, total) + " run(s) at a time x --threads "
                    + threads + " = " + busy + " threads on " + cores + " core(s); the runs will compete for them "
                    + "(try --parallel " + Math.max(1, cores / threads) + ")");
            stderr.flush();
        }
        if (!quiet) {
            stdout.println("sweep " + plan.name() + ": " + total + " run(s)" + (plan.adaptive() == null ? ""
                    : " (model-based search: proposed from results)") + ", up to " + Math.min(parallel, total)
                    + " at a time, into " + dir.path());
            stdout.flush();
        }
        LocalExecutor executor = new LocalExecutor(engines, parallel, threads, Duration.ofSeconds(lockGraceSeconds),
                Duration.ofNanos((long) (snapshotEverySeconds * 1e9)));
        if (fresh) {
            executor.refusingChangedPlans();
        }
        Progress progress = new Progress(stdout, plan.adaptive() == null ? plan.runs().size()
                : plan.adaptive().budget(), quiet);
        // On Ctrl-C or SIGTERM the JVM runs this hook and halts when it returns: interrupt the runs, then
        // wait (bounded) until they have recorded their outcome, the lock is released and the report written.
        CountDownLatch wrappedUp = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            executor.cancel();
            try {
                wrappedUp.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rnnlab-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return runAndReport(executor, plan, dir, provenance, progress, stdout, stderr);
        } finally {
            wrappedUp.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: we are being interrupted
            }
        }
    }

    private int runAndReport(LocalExecutor executor, SweepPlan plan, SweepDirectory dir, Provenance provenance,
                             Progress progress, PrintWriter stdout, PrintWriter stderr) throws Exception {
        SweepOutcome outcome;
        try {
            outcome = executor.execute(plan, dir, provenance, progress);
        } catch (SweepLock.HeldException | SweepDirectory.PlanChangedException e) {
            stderr.println("rnnlab sweep: " + e.getMessage());
            stderr.flush();
            return ExitCodes.FAILURE;
        }
        progress.finish();
        Path report;
        try {
            report = SweepReport.write(dir.path());
        } catch (ReportException e) {
            stderr.println("rnnlab: cannot write the report: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        stdout.println("done: " + outcome.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + (outcome.skipped() > 0 ? " (" + outcome.skipped()
                + " finished earlier, skipped)" : "") + (outcome.notStarted() > 0 ? "; " + outcome.notStarted()
                + " not started" : ""));
        stdout.println("report: " + report);
        int unfinished = outcome.notStarted() + outcome.counts().getOrDefault("interrupted", 0);
        if (unfinished > 0) {
            stdout.println("interrupted: rerun the same command to continue " + unfinished + " unfinished run"
                    + (unfinished == 1 ? "" : "s") + " (finished runs are skipped; interrupted ones continue from "
                    + "their snapshot)");
            stdout.flush();
            return INTERRUPTED;
        }
        stdout.flush();
        return outcome.anyFailed() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
