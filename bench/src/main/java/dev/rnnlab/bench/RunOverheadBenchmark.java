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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the runner costs per run, in a warm JVM: the quickstart's {@value #RUNS} runs cut to one training
 * step each, so the score (milliseconds per run) is the runner's work (planning the run directory,
 * generating the data, building the model, two evaluations, the telemetry, writing and committing every
 * file) plus one step of the engine. It is an upper bound on the runner's own share; the target is under
 * 20 ms.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {EngineJvm.ADD_MODULES, EngineJvm.VECTOR_MODULE, EngineJvm.QUIET,
        EngineJvm.SIGMOID_OUT_OF_LINE, EngineJvm.GC})
public class RunOverheadBenchmark {

    static final int RUNS = 6;

    @Param("experiments/sine-quickstart.yaml")
    public String experiment;

    private SweepRig rig;

    @Setup(Level.Trial)
    public void plan() throws Exception {
        rig = new SweepRig(experiment, List.of("training.steps=1"));
        if (rig.runs() != RUNS) {
            throw new IllegalStateException(experiment + " plans " + rig.runs() + " runs; this benchmark divides by "
                    + RUNS + " (RunOverheadBenchmark.RUNS)");
        }
    }

    /** Outside the timed call: each call writes a new directory, so no run is skipped as finished. */
    @TearDown(Level.Invocation)
    public void delete() {
        rig.delete();
    }

    @Benchmark
    @OperationsPerInvocation(RUNS)
    public SweepOutcome oneStepRuns() throws Exception {
        return rig.run(1);
    }
}
