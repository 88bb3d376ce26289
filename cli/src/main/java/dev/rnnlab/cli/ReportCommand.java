package dev.rnnlab.cli;

import dev.rnnlab.reports.ReportException;
import dev.rnnlab.reports.SweepReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab report DIR}: regenerates {@code DIR/report.html} from the run directories on disk;
 * {@code rnnlab report A B} writes a report comparing two sweeps.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerate DIR/report.html from the run directories of the sweep directory DIR "
                + "(e.g. results/sine-quickstart). With two directories A B, write compare-<a>-vs-<b>.html beside "
                + "them, with 'sweep' as one more swept key.")
final class ReportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A sweep directory: it holds runs/.")
    Path dir;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OTHER", description = "A second sweep directory to compare with.")
    Path other;

    @Override
    public Integer call() throws Exception {
        try {
            Path report = other == null ? SweepReport.write(dir) : SweepReport.compare(dir, other);
            spec.commandLine().getOut().println("report: " + report);
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (ReportException e) {
            spec.commandLine().getErr().println("rnnlab report: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCodes.USAGE;
        }
    }
}
