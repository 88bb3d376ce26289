package dev.rnnlab.engine.bptt.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.optim.Optimizer;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The kernel thread team, and the rule it exists for: the same bits on any number of threads. */
class TeamTest {

    @Test
    void everyIndexRunsExactlyOnceInContiguousParts() {
        try (Team team = new Team(3)) {
            for (int total : new int[] {0, 1, 2, 3, 7, 100}) {
                AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(1, total));
                for (int round = 0; round < 50; round++) {
                    team.run(total, (member, from, to) -> {
                        for (int i = from; i < to; i++) {
                            hits.incrementAndGet(i);
                        }
                    });
                }
                for (int i = 0; i < total; i++) {
                    assertEquals(50, hits.get(i), "index " + i + " of " + total);
                }
            }
        }
    }

    @Test
    void aFailureInAWorkersPartIsRethrownToTheCaller() {
        try (Team team = new Team(2)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> team.run(2, (member, from, to) -> {
                if (member == 1) {
                    throw new IllegalStateException("part 1 failed");
                }
            }));
            assertEquals("part 1 failed", e.getMessage());
            int[] after = new int[4];
            team.run(4, (member, from, to) -> {
                for (int i = from; i < to; i++) {
                    after[i] = 1;
                }
            });
            assertArrayEquals(new int[] {1, 1, 1, 1}, after, "the team still works");
        }
    }

    /**
     * Training on 1, 2 and 3 threads gives the same bits. The sizes make every kernel split: hidden 37 gives
     * GEMMs wider than one strip with a padded last strip, and batch 64 rows enough cells for the
     * pointwise steps.
     */
    @ParameterizedTest
    @EnumSource(CellKind.class)
    void trainingGivesTheSameBitsOnAnyNumberOfThreads(CellKind cell) {
        List<float[]> one = train(cell, 1);
        List<float[]> two = train(cell, 2);
        List<float[]> three = train(cell, 3);
        assertEquals(one.size(), two.size());
        assertEquals(one.size(), three.size());
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), two.get(i), 0f, "2 threads, array " + i);
            assertArrayEquals(one.get(i), three.get(i), 0f, "3 threads, array " + i);
        }
    }

    /** An LSTM with hidden 48 has 9216-element recurrent weights: the Adam update splits among the threads. */
    @Test
    void largeParametersGiveTheSameBitsOnAnyNumberOfThreads() {
        List<float[]> one = train(CellKind.LSTM, 1, 48, 8, 4);
        List<float[]> three = train(CellKind.LSTM, 3, 48, 8, 4);
        for (int i = 0; i < one.size(); i++) {
            assertArrayEquals(one.get(i), three.get(i), 0f, "3 threads, array " + i);
        }
    }

    @Test
    void elementwisePassesVisitEveryElementOnceSplitAmongTheThreads() {
        try (F32Kernels k = new F32Kernels(3)) {
            int n = 100_000;
            int[] visits = new int[n];
            java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
            k.elementwise(n, (from, to) -> {
                threads.add(Thread.currentThread());
                for (int i = from; i < to; i++) {
                    visits[i]++;
                }
            });
            assertTrue(java.util.stream.IntStream.of(visits).allMatch(v -> v == 1), "every element exactly once");
            assertEquals(3, threads.size(), "split among the caller and both workers");
            int[] small = new int[100];
            k.elementwise(small.length, (from, to) -> {
                assertEquals(0, from);
                assertEquals(small.length, to, "a small pass runs unsplit");
            });
        }
    }

    private static List<float[]> train(CellKind cell, int threads) {
        return train(cell, threads, 37, 64, 12);
    }

    private static List<float[]> train(CellKind cell, int threads, int hidden, int batch, int seq) {
        int input = 3;
        try (F32Kernels k = new F32Kernels(threads)) {
            SequenceModel<float[]> model = new SequenceModel<>(k, new ModelSpec(CellSpec.of(cell), hidden, 2), input,
                    input, TargetLayout.EVERY_STEP, LossKind.MSE);
            model.initialize(new SplittableRandom(7));
            Optimizer<float[]> adam = Optimizer.create(OptimizerSpec.Adam.withDefaults(0.01), k, model.parameters());
            SplittableRandom rng = new SplittableRandom(8);
            float[] x = new float[seq * batch * input];
            float[] y = new float[seq * batch * input];
            List<float[]> out = new ArrayList<>();
            float[] losses = new float[3];
            for (int step = 0; step < 3; step++) {
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) rng.nextDouble(-1, 1);
                    y[i] = (float) rng.nextDouble(-1, 1);
                }
                losses[step] = (float) model.forwardBackward(x, y, seq, batch);
                adam.step(0.01);
            }
            out.add(losses);
            for (Parameter<float[]> p : model.parameters()) {
                out.add(p.value().clone());
            }
            return out;
        }
    }
}
