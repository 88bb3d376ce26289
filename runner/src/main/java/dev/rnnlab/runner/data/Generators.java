package dev.rnnlab.runner.data;

import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.LossKind;
import java.util.SplittableRandom;

/** The dataset generators. Each is a pure function of its spec and a random stream. */
final class Generators {

    private Generators() {}

    static WindowSet generate(DatasetSpec spec, int count, SplittableRandom rng) {
        return switch (spec.kind()) {
            case SINE -> sine((DatasetSpec.Sine) spec, count, rng);
            case RANDOM_WALK -> randomWalk((DatasetSpec.RandomWalk) spec, count, rng);
            case ADDING -> adding((DatasetSpec.Adding) spec, count, rng);
            case COPY_MEMORY -> copyMemory((DatasetSpec.CopyMemory) spec, count, rng);
            case PARITY -> parity((DatasetSpec.Parity) spec, count, rng);
            case CSV -> throw new IllegalArgumentException("a CSV table is read (CsvData), not generated");
        };
    }

    private static WindowSet sine(DatasetSpec.Sine spec, int count, SplittableRandom rng) {
        int t = spec.seqLen();
        float[] x = new float[count * t];
        float[] y = new float[count * t];
        double dt = DatasetSpec.Sine.INTERVAL / t; // seqLen + 1 points span the interval
        for (int n = 0; n < count; n++) {
            double start = rng.nextDouble() * 2 * Math.PI;
            for (int i = 0; i < t; i++) {
                x[n * t + i] = (float) Math.sin(start + i * dt);
                y[n * t + i] = (float) Math.sin(start + (i + 1) * dt);
            }
        }
        return new WindowSet(count, t, 1, 1, TargetLayout.EVERY_STEP, LossKind.MSE, x, y);
    }

    private static WindowSet randomWalk(DatasetSpec.RandomWalk spec, int count, SplittableRandom rng) {
        int t = spec.seqLen();
        float[] x = new float[count * t];
        float[] y = new float[count];
        for (int n = 0; n < count; n++) {
            double v = rng.nextDouble() * DatasetSpec.RandomWalk.START_RANGE;
            for (int i = 0; i < t; i++) {
                x[n * t + i] = (float) (v * spec.scale());
                v += rng.nextDouble() - 0.5;
            }
            y[n] = (float) (v * spec.scale());
        }
        return new WindowSet(count, t, 1, 1, TargetLayout.LAST_STEP, LossKind.MSE, x, y);
    }

    private static WindowSet adding(DatasetSpec.Adding spec, int count, SplittableRandom rng) {
        int t = spec.seqLen();
        float[] x = new float[count * t * 2];
        float[] y = new float[count];
        int half = t / 2;
        for (int n = 0; n < count; n++) {
            int first = rng.nextInt(half);
            int second = half + rng.nextInt(t - half);
            double sum = 0;
            for (int i = 0; i < t; i++) {
                float value = (float) rng.nextDouble();
                x[(n * t + i) * 2] = value;
                if (i == first || i == second) {
                    x[(n * t + i) * 2 + 1] = 1f;
                    sum += value;
                }
            }
            y[n] = (float) sum;
        }
        return new WindowSet(count, t, 2, 1, TargetLayout.LAST_STEP, LossKind.MSE, x, y);
    }

    private static WindowSet copyMemory(DatasetSpec.CopyMemory spec, int count, SplittableRandom rng) {
        int t = spec.seqLen();
        int c = DatasetSpec.CopyMemory.CLASSES;
        int copy = spec.copyLen();
        float[] x = new float[count * t * c];
        float[] y = new float[count * t];
        for (int n = 0; n < count; n++) {
            int[] symbols = new int[t]; // 0 = blank
            for (int i = 0; i < copy; i++) {
                symbols[i] = 1 + rng.nextInt(DatasetSpec.CopyMemory.SYMBOLS);
                y[n * t + copy + spec.lag() + i] = symbols[i];
            }
            symbols[copy + spec.lag() - 1] = DatasetSpec.CopyMemory.DELIMITER;
            for (int i = 0; i < t; i++) {
                x[(n * t + i) * c + symbols[i]] = 1f;
            }
        }
        return new WindowSet(count, t, c, c, TargetLayout.EVERY_STEP, LossKind.CROSS_ENTROPY, x, y);
    }

    private static WindowSet parity(DatasetSpec.Parity spec, int count, SplittableRandom rng) {
        int t = spec.seqLen();
        float[] x = new float[count * t];
        float[] y = new float[count];
        for (int n = 0; n < count; n++) {
            int ones = 0;
            for (int i = 0; i < spec.bits(); i++) {
                boolean bit = rng.nextBoolean();
                x[n * t + i] = bit ? 1f : -1f;
                ones += bit ? 1 : 0;
            }
            y[n] = ones % 2;
        }
        return new WindowSet(count, t, 1, 2, TargetLayout.LAST_STEP, LossKind.CROSS_ENTROPY, x, y);
    }
}
