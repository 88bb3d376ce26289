package dev.rnnlab.cli;

import dev.rnnlab.reports.ReportException;
import dev.rnnlab.reports.SweepReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rnnlab report DIR}: regenerates {@code DIR/report.html} from the run directories on disk. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Regenerate DIR/report.html from the run directories of the sweep directory DIR "
                + "(e.g. results/sine-quickstart).")
final class ReportCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "A sweep directory: it holds runs/.")
    Path dir;

    @Override
    public Integer call() throws Exception {
        try {
            Path report = SweepReport.write(dir);
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
