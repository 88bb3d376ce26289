package dev.rnnlab.bench;

import dev.rnnlab.runner.exec.SweepOutcome;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole sweep in a fresh JVM, {@code --parallel 1} or {@code 2}: one shot per fork, so class loading and
 * JIT compilation fall inside the measurement, as they do for someone running {@code rnnlab sweep}. The
 * score is the sweep's time in seconds; {@link SweepScaling} turns it into runs per minute and the scaling
 * from 1 to 2 runs at a time (docs/performance.md, "Sweep overhead").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(value = 3, jvmArgsAppend = {EngineJvm.ADD_MODULES, EngineJvm.VECTOR_MODULE, EngineJvm.QUIET,
        EngineJvm.SIGMOID_OUT_OF_LINE, EngineJvm.GC})
public class ColdSweepBenchmark {

    /** The experiment, relative to the project's root. */
    @Param("experiments/sine-quickstart.yaml")
    public String experiment;

    /** {@code sweep.repeats}: the quickstart's 6 grid points, each this many times with other seeds. */
    @Param({"1", "5"})
    public int repeats;

    @Param("2000")
    public int steps;

    @Param({"1", "2"})
    public int parallel;

    private SweepRig rig;

    @Setup(Level.Trial)
    public void plan() throws Exception {
        rig = new SweepRig(experiment, List.of("sweep.repeats=" + repeats, "training.steps=" + steps));
    }

    @TearDown(Level.Trial)
    public void delete() {
        rig.delete();
    }

    @Benchmark
    public SweepOutcome sweep() throws Exception {
        return rig.run(parallel);
    }
}
