package dev.rnnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigException;
import dev.rnnlab.runner.exec.LocalExecutor;
import dev.rnnlab.runner.exec.SweepListener;
import dev.rnnlab.runner.exec.SweepOutcome;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.RunDirectory;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.store.SweepLock;
import dev.rnnlab.runner.sweep.SweepPlan;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab verify RUN_DIR}: re-runs a run from its {@code config.yaml} in a scratch directory and
 * compares the metrics: exit 0 when bit-identical, else 1 with the largest deviation per column.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Re-run a run from its config.yaml and report whether its metrics.csv comes out "
                + "bit-identical (exit 0) or the maximum deviation per column (exit 1).")
final class VerifyCommand implements Callable<Integer> {

    private final EngineRegistry engines;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run directory: results/<sweep>/runs/<id>.")
    Path runDir;

    VerifyCommand(EngineRegistry engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path config = runDir.resolve(RunDirectory.CONFIG);
        Path metrics = runDir.resolve(RunDirectory.METRICS);
        if (!Files.isRegularFile(config) || !Files.isRegularFile(metrics)) {
            err.println("rnnlab verify: " + runDir + " is not a run directory (needs config.yaml and metrics.csv)");
            err.flush();
            return ExitCodes.USAGE;
        }
        SweepPlan plan;
        try {
            plan = new SweepPlanner(engines).plan(config, List.of());
        } catch (ConfigException e) {
            e.errors().stream().map(ConfigError::format).forEach(err::println);
            err.flush();
            return ExitCodes.USAGE;
        }
        String id = plan.runs().get(0).id();
        if (plan.runs().size() != 1 || !id.equals(runDir.toAbsolutePath().normalize().getFileName().toString())) {
            err.println("rnnlab verify: " + config + " resolves to run " + id + ", not to the directory it is in");
            err.flush();
            return ExitCodes.USAGE;
        }
        Path scratch = Files.createTempDirectory("rnnlab-verify");
        try {
            SweepDirectory dir = SweepDirectory.of(scratch, plan);
            SweepOutcome outcome = new LocalExecutor(engines, 1, 1, SweepLock.DEFAULT_GRACE, Duration.ZERO).execute(plan, dir,
                    Provenance.of(config, plan.sourceText()), SweepListener.NONE);
            RunDirectory rerun = dir.run(plan.runs().get(0));
            out.println("re-ran " + id + ": " + outcome.runs().get(0).outcome());
            int code = compare(metrics, rerun.metrics(), out);
            if (code != ExitCodes.OK) {
                explain(runDir.resolve(RunDirectory.PROVENANCE), rerun.path().resolve(RunDirectory.PROVENANCE), out);
            }
            return code;
        } finally {
            try (Stream<Path> files = Files.walk(scratch)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private static int compare(Path original, Path again, PrintWriter out) throws IOException {
        List<String> a = Files.readAllLines(original);
        List<String> b = Files.readAllLines(again);
        if (a.equals(b)) {
            out.println("bit-identical: " + (a.size() - 1) + " metric rows");
            out.flush();
            return ExitCodes.OK;
        }
        String[] header = a.get(0).split(",", -1);
        double[] maxDev = new double[header.length];
        int rows = Math.min(a.size(), b.size());
        for (int r = 1; r < rows; r++) {
            String[] x = a.get(r).split(",", -1);
            String[] y = b.get(r).split(",", -1);
            for (int c = 0; c < Math.min(x.length, Math.min(y.length, header.length)); c++) {
                maxDev[c] = Math.max(maxDev[c], deviation(x[c], y[c]));
            }
        }
        out.println("differs: " + (a.size() - 1) + " rows recorded, " + (b.size() - 1) + " re-run");
        for (int c = 1; c < header.length; c++) {
            out.println(String.format(Locale.ROOT, "  %-16s max |deviation| = %.3e", header[c], maxDev[c]));
        }
        out.flush();
        return ExitCodes.FAILURE;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What decides the bits besides the config: where it differs between the two runs, it is the likely cause. */
    private static final List<String> BIT_DECIDERS = List.of("engine", "engine_version", "engine_numerics", "jvm", "arch");

    private static void explain(Path recorded, Path rerun, PrintWriter out) {
        JsonNode a;
        JsonNode b;
        try {
            a = JSON.readTree(recorded.toFile());
            b = JSON.readTree(rerun.toFile());
        } catch (IOException e) {
            out.println("(no provenance to compare: " + e.getMessage() + ")");
            out.flush();
            return;
        }
        for (String key : BIT_DECIDERS) {
            String was = a.path(key).asText("(not recorded)");
            String now = b.path(key).asText("(not recorded)");
            if (!was.equals(now)) {
                out.println("  " + key + " differs: recorded '" + was + "', now '" + now + "'");
            }
        }
        out.flush();
    }

    private static double deviation(String x, String y) {
        if (x.equals(y)) {
            return 0;
        }
        try {
            double d = Math.abs(Double.parseDouble(x) - Double.parseDouble(y));
            return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
        } catch (NumberFormatException e) {
            return Double.POSITIVE_INFINITY;
        }
    }
}
