package dev.rnnlab.runner.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.LossKind;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GeneratedDataTest {

    static final DatasetSpec.Sine SINE = new DatasetSpec.Sine(50, 100, 20, 3);

    @Test
    void sineTargetsAreTheNextInputs() {
        Batch b = new GeneratedData(SINE, 1, 8).trainBatch(0);
        assertEquals(TargetLayout.EVERY_STEP, b.layout());
        for (int n = 0; n < b.size(); n++) {
            for (int t = 0; t + 1 < 50; t++) {
                assertEquals(b.targets()[n * 50 + t], b.inputs()[n * 50 + t + 1], 0f);
            }
            // seq_len + 1 points span an interval of length 10: neighbouring points are 10/50 apart.
            double x0 = Math.asin(b.inputs()[n * 50]);
            assertTrue(Math.abs(b.inputs()[n * 50]) <= 1f);
            assertFalse(Double.isNaN(x0));
        }
    }

    @Test
    void theSameSeedsGiveTheSameBatchesAndValidation() {
        GeneratedData a = new GeneratedData(SINE, 1, 8);
        GeneratedData b = new GeneratedData(SINE, 1, 8);
        for (long step : new long[] {0, 1, 12, 13, 500}) {
            assertArrayEquals(a.trainBatch(step).inputs(), b.trainBatch(step).inputs());
        }
        assertArrayEquals(a.validation().inputs(), b.validation().inputs());
        assertArrayEquals(a.trainBatch(12).inputs(), new GeneratedData(SINE, 1, 8).trainBatch(12).inputs(),
                "a batch depends only on its step, not on which batches were asked for before");
    }

    @Test
    void theRunSeedShufflesBatchesButNotTheData() {
        GeneratedData a = new GeneratedData(SINE, 1, 8);
        GeneratedData b = new GeneratedData(SINE, 2, 8);
        assertFalse(Arrays.equals(a.trainBatch(0).inputs(), b.trainBatch(0).inputs()));
        assertArrayEquals(a.validation().inputs(), b.validation().inputs());
        assertFalse(Arrays.equals(a.validation().inputs(), new GeneratedData(new DatasetSpec.Sine(50, 100, 20, 4), 1, 8)
                .validation().inputs()), "dataset.seed changes the data");
    }

    @Test
    void anEpochVisitsEveryTrainingWindowExactlyOnce() {
        GeneratedData d = new GeneratedData(new DatasetSpec.Sine(5, 12, 3, 0), 9, 4);
        Set<String> seen = new HashSet<>();
        for (long step = 0; step < 3; step++) {
            Batch b = d.trainBatch(step);
            for (int n = 0; n < 4; n++) {
                seen.add(Arrays.toString(Arrays.copyOfRange(b.inputs(), n * 5, n * 5 + 5)));
            }
        }
        assertEquals(12, seen.size());
    }

    @Test
    void trainingAndValidationWindowsDiffer() {
        GeneratedData d = new GeneratedData(SINE, 1, 8);
        Set<Float> trainStarts = new HashSet<>();
        for (long s = 0; s < 13; s++) {
            Batch b = d.trainBatch(s);
            for (int n = 0; n < 8; n++) {
                trainStarts.add(b.inputs()[n * 50]);
            }
        }
        Batch v = d.validation();
        assertEquals(20, v.size());
        for (int n = 0; n < 20; n++) {
            assertFalse(trainStarts.contains(v.inputs()[n * 50]));
        }
    }

    @Test
    void randomWalksPredictTheValueAfterTheWindow() {
        DatasetSpec.RandomWalk spec = new DatasetSpec.RandomWalk(30, 200, 10, 5, 0.01);
        Batch b = new GeneratedData(spec, 1, 200).trainBatch(0);
        assertEquals(TargetLayout.LAST_STEP, b.layout());
        assertEquals(200, b.targets().length);
        for (int n = 0; n < 200; n++) {
            float start = b.inputs()[n * 30];
            assertTrue(start >= 0 && start < 1.0f, "start in [0, 100) scaled by 0.01: " + start);
            for (int t = 1; t < 30; t++) {
                assertTrue(Math.abs(b.inputs()[n * 30 + t] - b.inputs()[n * 30 + t - 1]) <= 0.005f + 1e-6f);
            }
            assertTrue(Math.abs(b.targets()[n] - b.inputs()[n * 30 + 29]) <= 0.005f + 1e-6f);
        }
    }

    @Test
    void theAddingProblemMarksOneValueInEachHalf() {
        Batch b = new GeneratedData(new DatasetSpec.Adding(40, 300, 10, 1), 1, 300).trainBatch(0);
        assertEquals(2, b.inputSize());
        assertEquals(TargetLayout.LAST_STEP, b.layout());
        double meanTarget = 0;
        for (int n = 0; n < 300; n++) {
            int markedFirstHalf = 0;
            int markedSecondHalf = 0;
            double sum = 0;
            for (int t = 0; t < 40; t++) {
                float value = b.inputs()[(n * 40 + t) * 2];
                assertTrue(value >= 0 && value < 1);
                if (b.inputs()[(n * 40 + t) * 2 + 1] == 1f) {
                    sum += value;
                    if (t < 20) {
                        markedFirstHalf++;
                    } else {
                        markedSecondHalf++;
                    }
                }
            }
            assertEquals(1, markedFirstHalf);
            assertEquals(1, markedSecondHalf);
            assertEquals(sum, b.targets()[n], 1e-6);
            meanTarget += b.targets()[n] / 300.0;
        }
        assertEquals(1.0, meanTarget, 0.1, "the sum of two U(0,1) has mean 1");
    }

    @Test
    void copyMemoryAsksForTheFirstSymbolsAfterTheDelimiter() {
        DatasetSpec.CopyMemory spec = new DatasetSpec.CopyMemory(7, 3, 20, 5, 2);
        Batch b = new GeneratedData(spec, 1, 4).trainBatch(0);
        int t = 13;
        int c = 10;
        assertEquals(t, b.seqLen());
        assertEquals(LossKind.CROSS_ENTROPY, b.loss());
        assertEquals(4 * t, b.targets().length, "one class index per step");
        for (int n = 0; n < 4; n++) {
            int[] in = new int[t];
            for (int i = 0; i < t; i++) {
                int hot = -1;
                for (int k = 0; k < c; k++) {
                    if (b.inputs()[(n * t + i) * c + k] == 1f) {
                        assertEquals(-1, hot, "one-hot");
                        hot = k;
                    }
                }
                in[i] = hot;
            }
            for (int i = 0; i < 3; i++) {
                assertTrue(in[i] >= 1 && in[i] <= 8);
                assertEquals(in[i], (int) b.targets()[n * t + 10 + i], "recalled after lag");
            }
            assertEquals(9, in[3 + 7 - 1], "delimiter");
            for (int i = 0; i < 10; i++) {
                assertEquals(0, (int) b.targets()[n * t + i], "blank targets before recall");
            }
        }
    }

    @Test
    void parityIsTheXorOfTheLeadingBits() {
        Batch b = new GeneratedData(new DatasetSpec.Parity(5, 2, 100, 10, 3), 1, 100).trainBatch(0);
        assertEquals(7, b.seqLen());
        int ones = 0;
        for (int n = 0; n < 100; n++) {
            boolean x1 = b.inputs()[n * 7] > 0;
            boolean x2 = b.inputs()[n * 7 + 1] > 0;
            assertEquals(x1 ^ x2 ? 1f : 0f, b.targets()[n]);
            for (int i = 2; i < 7; i++) {
                assertEquals(0f, b.inputs()[n * 7 + i]);
            }
            ones += (int) b.targets()[n];
        }
        assertTrue(ones > 30 && ones < 70, "balanced classes: " + ones);
    }

    @Test
    void aTestSplitComesFromAThirdStreamAndLeavesTrainAndValidationAsTheyWere() {
        GeneratedData without = new GeneratedData(new DatasetSpec.Sine(20, 50, 10, 3), 1, 8);
        GeneratedData with = new GeneratedData(new DatasetSpec.Sine(20, 50, 10, 3, 7), 1, 8);
        assertArrayEquals(without.trainBatch(3).inputs(), with.trainBatch(3).inputs());
        assertArrayEquals(without.validation().inputs(), with.validation().inputs());
        assertEquals(null, without.test());
        assertEquals(7, with.test().size());
        assertFalse(Arrays.equals(with.validation().inputs(), Arrays.copyOf(with.test().inputs(),
                with.validation().inputs().length)), "another stream than validation");
    }
}
