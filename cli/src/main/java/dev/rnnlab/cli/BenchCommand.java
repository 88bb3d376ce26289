package dev.rnnlab.cli;

import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.ConfigNamed;
import dev.rnnlab.engine.bptt.bench.Throughput;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab bench}: training throughput of the native engine in the line format of
 * {@code shared/bench/torch_bench.py}, with the same flags, for side-by-side comparisons.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training throughput (forward + BPTT + Adam step, float32) of the native engine or "
                + "Deeplearning4j (--engine) and print one line per config: cell=... I=... H=... B=... T=... threads=... "
                + "engine=native|dl4j iters_per_s=... gflops=...")
final class BenchCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(names = "--cell", defaultValue = "lstm", description = "Comma list of rnn_tanh, rnn_relu, lstm, gru.")
    String cells;

    @Option(names = "--engine", defaultValue = "native", description = "Comma list of native, dl4j (default: "
            + "${DEFAULT-VALUE}); with both, each configuration runs on one and then the other, alternating.")
    String engines;

    @Option(names = "--preset", description = "a (I=1 H=16 B=1 T=50), b (32, 128, 32, 100) or c (32, 512, 64, 50); "
            + "comma list allowed.")
    String presets;

    @Option(names = "--input", defaultValue = "32") int input;
    @Option(names = "--hidden", defaultValue = "128") int hidden;
    @Option(names = "--batch", defaultValue = "32") int batch;
    @Option(names = "--seq", defaultValue = "100") int seq;

    @Option(names = "--threads", defaultValue = "1", description = "Comma list of thread counts within the run "
            + "(GEMMs split by output columns, pointwise steps by batch rows; results are the same bits for every count).")
    String threads;

    @Option(names = "--seconds", defaultValue = "1.0", description = "Length of one timing window.")
    double seconds;

    @Option(names = "--reps", defaultValue = "5", description = "Timing windows; the median is printed.")
    int reps;

    @Option(names = "--peak", description = "Also measure the single-thread float32 FMA peak (needs the Vector API).")
    boolean peak;

    @Option(names = "--handoff", description = "Also measure, before and after the runs, the round trip of a cache "
            + "line between two threads (about 65 ns when two cores share a cache, 300+ when not; 2-thread rates "
            + "depend on it).")
    boolean handoff;

    @Override
    public Integer call() {
        List<Integer> threadCounts = new ArrayList<>();
        for (String t : threads.split(",")) {
            int n;
            try {
                n = Integer.parseInt(t.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1 || n > 256) {
                throw new ParameterException(spec.commandLine(), "--threads " + t.trim()
                        + ": expected a whole number from 1 to 256");
            }
            threadCounts.add(n);
        }
        List<int[]> shapes = new ArrayList<>();
        if (presets != null) {
            for (String p : presets.split(",")) {
                Throughput.Preset preset;
                try {
                    preset = Throughput.Preset.valueOf(p.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), "--preset " + p + ": expected a, b or c");
                }
                shapes.add(new int[] {preset.input, preset.hidden, preset.batch, preset.seq});
            }
        } else {
            shapes.add(new int[] {input, hidden, batch, seq});
        }
        PrintWriter out = spec.commandLine().getOut();
        if (peak) {
            try {
                out.println(String.format(Locale.ROOT, "fma_peak_gflops=%.1f threads=1",
                        dev.rnnlab.engine.bptt.math.FmaPeak.gflops(3.0)));
            } catch (LinkageError e) {
                out.println("fma_peak_gflops=unavailable (run with --add-modules jdk.incubator.vector, as bin/rnnlab does)");
            }
            out.flush();
        }
        printHandoff(out, "before");
        for (int[] s : shapes) {
            for (String c : cells.split(",")) {
                CellKind cell = ConfigNamed.parse(CellKind.class, c.trim()).orElseThrow(() -> new ParameterException(
                        spec.commandLine(), "--cell " + c + ": expected rnn_tanh, rnn_relu, lstm or gru"));
                for (String e : engines.split(",")) {
                    String engine = e.trim();
                    if (engine.equals("dl4j")) {
                        if (cell == CellKind.GRU) {
                            out.println("cell=gru engine=dl4j unsupported (Deeplearning4j 1.0.0-M2.1 has no GRU layer)");
                        } else {
                            out.println(dev.rnnlab.engine.dl4j.Dl4jThroughput.measure(cell, s[0], s[1], s[2], s[3],
                                    seconds, reps));
                        }
                        out.flush();
                        continue;
                    }
                    if (!engine.equals("native")) {
                        throw new ParameterException(spec.commandLine(), "--engine " + engine + ": expected native or dl4j");
                    }
                    for (int n : threadCounts) {
                        out.println(Throughput.measure(cell, s[0], s[1], s[2], s[3], n, seconds, reps).line());
                        out.flush();
                    }
                }
            }
        }
        printHandoff(out, "after");
        return ExitCodes.OK;
    }

    private void printHandoff(PrintWriter out, String when) {
        if (handoff) {
            double ns = dev.rnnlab.engine.bptt.math.Handoff.roundTripNanos(0.3);
            out.println(String.format(Locale.ROOT, "handoff_round_trip_ns=%s threads=2 when=%s",
                    Double.isNaN(ns) ? "unavailable(one-cpu)" : String.format(Locale.ROOT, "%.1f", ns), when));
            out.flush();
        }
    }
}
