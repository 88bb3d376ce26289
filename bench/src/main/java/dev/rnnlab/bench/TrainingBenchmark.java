package dev.rnnlab.bench;

import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.ConfigNamed;
import dev.rnnlab.engine.bptt.bench.Throughput;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One native-engine training iteration (forward over T steps, head, MSE, BPTT, Adam step; float32) at
 * the performance issue's presets, for every cell, on 1 and 2 threads within the run. {@code make bench} runs a short profile; compare with
 * {@code shared/bench/torch_bench.py} in the same session (docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {EngineJvm.ADD_MODULES, EngineJvm.VECTOR_MODULE, EngineJvm.QUIET,
        EngineJvm.SIGMOID_OUT_OF_LINE})
public class TrainingBenchmark {

    @Param({"lstm", "gru", "rnn_tanh"})
    public String cell;

    @Param({"A", "B", "C"})
    public String preset;

    @Param({"1", "2"})
    public int threads;

    private Throughput throughput;

    @Setup
    public void setUp() {
        Throughput.Preset p = Throughput.Preset.valueOf(preset);
        throughput = new Throughput(ConfigNamed.parse(CellKind.class, cell).orElseThrow(), p.input, p.hidden, p.batch,
                p.seq, threads);
    }

    @TearDown
    public void tearDown() {
        throughput.close();
    }

    @Benchmark
    public double iteration() {
        return throughput.iteration();
    }
}
