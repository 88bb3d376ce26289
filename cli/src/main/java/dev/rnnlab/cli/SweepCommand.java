package dev.rnnlab.cli;

import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.reports.ReportException;
import dev.rnnlab.reports.SweepReport;
import dev.rnnlab.runner.exec.LocalExecutor;
import dev.rnnlab.runner.exec.SweepOutcome;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.sweep.SweepPlan;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * not already finished, then writes {@code DIR/<sweep-name>/report.html}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Run the sweep into DIR/<sweep-name>/runs/<run-id>/ and write DIR/<sweep-name>/report.html. "
                + "Runs finished by an earlier invocation are skipped.")
final class SweepCommand implements Callable<Integer> {

    private final EngineRegistry engines;
    @Spec CommandSpec spec;
    @Mixin ConfigArguments config = new ConfigArguments();

    @Option(names = "--out", paramLabel = "DIR", description = "Results root (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("results");

    @Option(names = "--parallel", paramLabel = "N",
            description = "Runs trained at once (default: the number of cores, ${DEFAULT-VALUE}).")
    int parallel = Runtime.getRuntime().availableProcessors();

    SweepCommand(EngineRegistry engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() throws Exception {
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel must be at least 1, got " + parallel);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        SweepPlan plan = config.plan(engines, stderr);
        if (plan == null) {
            return ExitCodes.USAGE;
        }
        SweepDirectory dir = SweepDirectory.of(out, plan);
        stdout.println("sweep " + plan.name() + ": " + plan.runs().size() + " run(s), " + Math.min(parallel,
                plan.runs().size()) + " at a time, into " + dir.path());
        stdout.flush();
        SweepOutcome outcome = new LocalExecutor(engines, parallel)
                .execute(plan, dir, new ProgressPrinter(stdout, plan.runs().size()));
        Path report;
        try {
            report = SweepReport.write(dir.path());
        } catch (ReportException e) {
            stderr.println("rnnlab: cannot write the report: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
        stdout.println("done: " + outcome.counts().entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                .collect(Collectors.joining(", ")) + (outcome.skipped() > 0 ? " (" + outcome.skipped()
                + " finished earlier, skipped)" : ""));
        stdout.println("report: " + report);
        stdout.flush();
        return outcome.anyFailed() ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
