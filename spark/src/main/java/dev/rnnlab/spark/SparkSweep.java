package dev.rnnlab.spark;

import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.reports.SweepReport;
import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigException;
import dev.rnnlab.runner.exec.SweepOutcome;
import dev.rnnlab.runner.store.Provenance;
import dev.rnnlab.runner.store.SweepDirectory;
import dev.rnnlab.runner.store.SweepLock;
import dev.rnnlab.runner.sweep.SweepPlan;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code rnnlab sweep} on a Spark cluster, the entry point for {@code spark-submit}:
 * <pre>
 *   spark-submit --class dev.rnnlab.spark.SparkSweep rnnlab-spark.jar FILE [key=value ...] [--out DIR]
 *       [--threads T] [--snapshot-every SECONDS]
 * </pre>
 * {@code DIR} must be on storage every worker sees. Exit codes as the CLI's: 0 ok, 1 a run failed, 2 a usage
 * or config error. The master comes from spark-submit ({@code local[*]} when run without it).
 */
public final class SparkSweep {

    private SparkSweep() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, null));
    }

    /** @param spark an existing context (tests), or null to create one and stop it after */
    static int run(String[] args, JavaSparkContext spark) throws Exception {
        Path file = null;
        List<String> overrides = new ArrayList<>();
        Path out = Path.of("results");
        int threads = 1;
        double snapshotEvery = 60;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--threads" -> threads = Integer.parseInt(value(args, ++i, a));
                case "--snapshot-every" -> snapshotEvery = Double.parseDouble(value(args, ++i, a));
                default -> {
                    if (a.startsWith("--")) {
                        return usage("unknown option " + a);
                    } else if (file == null) {
                        file = Path.of(a);
                    } else {
                        overrides.add(a);
                    }
                }
            }
        }
        if (file == null) {
            return usage("no experiment file");
        }
        EngineRegistry engines = EngineRegistry.discover(SparkSweep.class.getClassLoader());
        SweepPlan plan;
        try {
            plan = new SweepPlanner(engines).plan(file, overrides);
        } catch (ConfigException e) {
            e.errors().stream().map(ConfigError::format).forEach(System.err::println);
            return 2;
        }
        SweepDirectory dir = SweepDirectory.of(out, plan);
        JavaSparkContext context = spark != null ? spark
                : new JavaSparkContext(new SparkConf().setAppName("rnnlab " + plan.name()).setIfMissing("spark.master",
                        "local[*]"));
        try {
            SweepOutcome outcome = new SparkExecutor(context, threads, Duration.ofMillis((long) (snapshotEvery * 1000)),
                    SweepLock.DEFAULT_GRACE).execute(plan, dir, Provenance.of(file, plan.sourceText()));
            System.out.println("sweep " + plan.name() + ": " + outcome.counts() + " (" + outcome.skipped()
                    + " skipped, finished before); report: " + SweepReport.write(dir.path()));
            return outcome.anyFailed() ? 1 : 0;
        } catch (SweepLock.HeldException | SweepDirectory.PlanChangedException | IllegalArgumentException e) {
            System.err.println("rnnlab spark: " + e.getMessage());
            return 2;
        } finally {
            if (spark == null) {
                context.stop();
            }
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int usage(String why) {
        System.err.println("rnnlab spark: " + why + "\nusage: SparkSweep FILE [key=value ...] [--out DIR] [--threads T] "
                + "[--snapshot-every SECONDS]");
        return 2;
    }
}
