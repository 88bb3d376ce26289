package dev.rnnlab.runner.data;

import dev.rnnlab.engine.api.data.TargetLayout;
import java.util.SplittableRandom;

/** The dataset generators. Each is a pure function of its spec and a random stream. */
final class Generators {

    private Generators() {}

    static WindowSet generate(DatasetSpec spec, int count, SplittableRandom rng) {
        return switch (spec.kind()) {
            case SINE -> sine((DatasetSpec.Sine) spec, count, rng);
            case RANDOM_WALK -> randomWalk((DatasetSpec.RandomWalk) spec, count, rng);
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
        return new WindowSet(count, t, 1, 1, TargetLayout.EVERY_STEP, x, y);
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
        return new WindowSet(count, t, 1, 1, TargetLayout.LAST_STEP, x, y);
    }
}
