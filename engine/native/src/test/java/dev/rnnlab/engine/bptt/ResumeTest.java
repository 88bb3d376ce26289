package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.checkpoint.Snapshot;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.spec.BpttSpec;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.engine.api.telemetry.RunResult;
import dev.rnnlab.engine.api.telemetry.TimeProfileRecord;
import dev.rnnlab.engine.contract.EngineContract.Recording;
import dev.rnnlab.engine.contract.SineData;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A run resumed from a snapshot continues bit for bit as the uninterrupted run: every step, validation and
 * detail record after the snapshot, the final parameters and the result. Every optimizer (each keeps
 * different state), every cell, stateful truncated BPTT (carried state), a schedule, float64, two threads.
 */
class ResumeTest {

    static final int STEPS = 14;
    static final long AT = 6;

    /** The contract's recording sink, plus the ||dL/dh_t|| profiles and the final weights. */
    static final class Sink extends Recording {
        final List<TimeProfileRecord> profiles = new ArrayList<>();
        List<Tensor> checkpoint;

        Sink(long snapshotAt) {
            this.snapshotAt = snapshotAt;
        }

        @Override
        public void timeProfile(TimeProfileRecord record) {
            profiles.add(record);
        }

        @Override
        public void checkpoint(long step, List<Tensor> parameters) {
            checkpoint = parameters;
        }
    }

    static RunSpec spec(CellKind cell, OptimizerSpec optimizer, ScheduleSpec schedule, BpttSpec bptt, boolean stateful,
                        Precision precision, int threads) {
        return new RunSpec("resume", 11, new ModelSpec(CellSpec.of(cell), 17, 2),
                new TrainingSpec(STEPS, 4, 4, optimizer, schedule, new ClippingSpec.GlobalNorm(0.5), bptt, stateful),
                precision, new TelemetrySpec(1, 3, true)).withThreads(threads);
    }

    static Stream<Arguments> optimizers() {
        return Stream.of(
                new OptimizerSpec.Sgd(0.05, 0.01),
                new OptimizerSpec.Momentum(0.05, 0.9, 0.1, 0.01),
                new OptimizerSpec.Nesterov(0.05, 0.9, 0.0),
                OptimizerSpec.Adam.withDefaults(0.01),
                new OptimizerSpec.AdamW(0.01, 0.9, 0.99, 1e-8, 0.01),
                new OptimizerSpec.RmsProp(0.01, 0.99, 1e-8, 0.0),
                new OptimizerSpec.Adagrad(0.05, 1e-10, 0.0)).map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("optimizers")
    void everyOptimizerResumesBitForBit(OptimizerSpec optimizer) {
        assertResumesExactly(spec(CellKind.LSTM, optimizer, new ScheduleSpec.Cosine(0.001), new BpttSpec.Full(), false,
                Precision.FLOAT32, 1));
    }

    @ParameterizedTest
    @EnumSource(CellKind.class)
    void everyCellResumesBitForBitWithItsCarriedStateInStatefulTruncatedTraining(CellKind cell) {
        assertResumesExactly(spec(cell, OptimizerSpec.Adam.withDefaults(0.01), new ScheduleSpec.Step(3, 0.5),
                new BpttSpec.Truncated(5, 5), true, Precision.FLOAT32, 1));
    }

    @Test
    void float64AndTwoThreadsResumeBitForBit() {
        assertResumesExactly(spec(CellKind.GRU, OptimizerSpec.Adam.withDefaults(0.01), new ScheduleSpec.Constant(),
                new BpttSpec.Full(), true, Precision.FLOAT64, 1));
        assertResumesExactly(spec(CellKind.LSTM, new OptimizerSpec.Momentum(0.05, 0.9, 0.0, 0.0),
                new ScheduleSpec.Constant(), new BpttSpec.Full(), false, Precision.FLOAT32, 2));
    }

    @Test
    void aSnapshotOfAnotherModelIsRefusedNamingWhatDiffers() {
        RunSpec lstm = spec(CellKind.LSTM, OptimizerSpec.Adam.withDefaults(0.01), new ScheduleSpec.Constant(),
                new BpttSpec.Full(), false, Precision.FLOAT32, 1);
        Sink first = new Sink(AT);
        new NativeEngine().train(lstm, new SineData(15, 4, -1), first);
        RunSpec gru = spec(CellKind.GRU, OptimizerSpec.Adam.withDefaults(0.01), new ScheduleSpec.Constant(),
                new BpttSpec.Full(), false, Precision.FLOAT32, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NativeEngine().resume(gru, new SineData(15, 4, -1), new Sink(-1), first.snapshot));
        assertTrue(e.getMessage().contains("rnn.weight_ih_l0"), e.getMessage());
    }

    static List<String> profiles(List<TimeProfileRecord> records) {
        return records.stream().map(r -> r.step() + "/" + r.layer() + "/" + java.util.Arrays.toString(r.gradNorms())).toList();
    }

    static void assertResumesExactly(RunSpec spec) {
        Sink whole = new Sink(-1);
        RunResult uninterrupted = new NativeEngine().train(spec, new SineData(15, 4, -1), whole);
        Sink first = new Sink(AT);
        new NativeEngine().train(spec, new SineData(15, 4, -1), first);
        assertNotNull(first.snapshot, "asked at step " + AT);
        assertEquals(AT, first.snapshot.step());
        Sink rest = new Sink(-1);
        RunResult resumed = new NativeEngine().resume(spec, new SineData(15, 4, -1), rest, first.snapshot);

        assertEquals(uninterrupted, resumed);
        assertEquals(whole.steps.subList((int) AT, STEPS), rest.steps, "every step after the snapshot");
        assertEquals(whole.evals.stream().filter(e -> e.step() > AT).toList(), rest.evals, "validation after it");
        assertEquals(profiles(whole.profiles.stream().filter(p -> p.step() > AT).toList()), profiles(rest.profiles),
                "the ||dL/dh_t|| profiles after it");
        assertEquals(whole.checkpoint.size(), rest.checkpoint.size());
        for (int i = 0; i < whole.checkpoint.size(); i++) {
            assertEquals(whole.checkpoint.get(i).name(), rest.checkpoint.get(i).name());
            assertArrayEquals(whole.checkpoint.get(i).values(), rest.checkpoint.get(i).values(),
                    whole.checkpoint.get(i).name());
        }
    }
}
