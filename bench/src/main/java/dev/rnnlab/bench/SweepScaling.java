package dev.rnnlab.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.util.Statistics;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs {@link ColdSweepBenchmark} for each sweep size at {@code --parallel 1} and {@code 2} and prints runs
 * per minute and the scaling between them, the target being 1.8x. {@code make bench} runs it.
 */
@Command(name = "sweep-scaling", mixinStandardHelpOptions = true,
        description = "Runs per minute of cold sweeps at --parallel 1 and 2, and the scaling between them.")
public final class SweepScaling implements Callable<Integer> {

    @Option(names = "--experiment", defaultValue = "experiments/sine-quickstart.yaml",
            description = "Experiment file, relative to the project's root (default: ${DEFAULT-VALUE}).")
    String experiment;

    @Option(names = "--repeats", split = ",", defaultValue = "1,5",
            description = "sweep.repeats values, one sweep size each (default: ${DEFAULT-VALUE}).")
    List<Integer> repeats;

    @Option(names = "--steps", split = ",", defaultValue = "2000",
            description = "training.steps values (default: ${DEFAULT-VALUE}).")
    List<Integer> steps;

    @Option(names = "--forks", defaultValue = "2",
            description = "Fresh JVMs per sweep size and --parallel; each runs the sweep once (default: ${DEFAULT-VALUE}).")
    int forks;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SweepScaling()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (forks < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--forks must be at least 1, got " + forks);
        }
        Options options = new OptionsBuilder()
                .include(ColdSweepBenchmark.class.getName() + ".sweep")
                .param("experiment", experiment)
                .param("repeats", strings(repeats))
                .param("steps", strings(steps))
                .param("parallel", "1", "2")
                .forks(forks)
                .verbosity(VerboseMode.NORMAL)
                .shouldFailOnError(true) // a sweep whose runs did not all complete has no meaningful time
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<Size, Map<Integer, Result<?>>> bySize = new TreeMap<>();
        for (RunResult r : results) {
            Size size = new Size(Integer.parseInt(r.getParams().getParam("repeats")),
                    Integer.parseInt(r.getParams().getParam("steps")));
            bySize.computeIfAbsent(size, k -> new TreeMap<>())
                    .put(Integer.parseInt(r.getParams().getParam("parallel")), r.getPrimaryResult());
        }
        System.out.println();
        System.out.println("Cold sweeps of " + experiment + ", " + forks + " fresh JVM(s) each; runs per minute over "
                + "the whole sweep (from the mean sweep time; in brackets the slowest and fastest JVM):");
        System.out.printf(Locale.ROOT, "%-20s %-24s %-24s %s%n", "runs x steps", "--parallel 1", "--parallel 2",
                "scaling (target 1.8x)");
        for (var e : bySize.entrySet()) {
            int runs = runs(e.getKey());
            Result<?> p1 = e.getValue().get(1);
            Result<?> p2 = e.getValue().get(2);
            System.out.printf(Locale.ROOT, "%-20s %-24s %-24s %.2fx%n", runs + " x " + e.getKey().steps(),
                    perMinute(runs, p1), perMinute(runs, p2), p1.getScore() / p2.getScore());
        }
        return 0;
    }

    /** One sweep size: the experiment with these overrides. */
    private record Size(int repeats, int steps) implements Comparable<Size> {
        @Override
        public int compareTo(Size o) {
            return repeats != o.repeats ? Integer.compare(repeats, o.repeats) : Integer.compare(steps, o.steps);
        }
    }

    private int runs(Size size) {
        try {
            return new SweepRig(experiment, List.of("sweep.repeats=" + size.repeats(), "training.steps=" + size.steps()))
                    .runs();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs per minute from the mean sweep time in seconds, with the range over the forks when there are several. */
    private static String perMinute(int runs, Result<?> r) {
        Statistics st = r.getStatistics();
        String range = st.getN() > 1 ? String.format(Locale.ROOT, " (%.0f-%.0f)", runs * 60 / st.getMax(),
                runs * 60 / st.getMin()) : "";
        return String.format(Locale.ROOT, "%.1f%s", runs * 60 / r.getScore(), range);
    }

    private static String[] strings(List<Integer> values) {
        List<String> out = new ArrayList<>();
        values.forEach(v -> out.add(Integer.toString(v)));
        return out.toArray(String[]::new);
    }
}
