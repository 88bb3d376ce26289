package dev.rnnlab.engine.contract;

import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.LossKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Small deterministic data for the contract: next-step prediction of sine windows, batch {@code step} shifted
 * by {@code step}. Optionally puts a NaN into the inputs of one step's batch, and records which batches an
 * engine asked for.
 */
public final class SineData implements SequenceData {

    private final int seqLen;
    private final int batch;
    private final long nanAtStep;
    private final List<Long> asked = Collections.synchronizedList(new ArrayList<>());

    /** @param nanAtStep the 0-based step whose batch holds a NaN input, or -1 for none */
    public SineData(int seqLen, int batch, long nanAtStep) {
        this.seqLen = seqLen;
        this.batch = batch;
        this.nanAtStep = nanAtStep;
    }

    /** The steps whose batches were asked for, in the order asked. */
    public List<Long> asked() {
        return List.copyOf(asked);
    }

    @Override
    public int inputSize() {
        return 1;
    }

    @Override
    public int outputSize() {
        return 1;
    }

    @Override
    public int seqLen() {
        return seqLen;
    }

    @Override
    public TargetLayout layout() {
        return TargetLayout.EVERY_STEP;
    }

    @Override
    public LossKind loss() {
        return LossKind.MSE;
    }

    @Override
    public Batch trainBatch(long step) {
        asked.add(step);
        Batch b = windows(batch, 0.41 * (step % 13));
        if (step == nanAtStep) {
            b.inputs()[0] = Float.NaN;
        }
        return b;
    }

    @Override
    public Batch validation() {
        return windows(4, 2.5);
    }

    private Batch windows(int count, double phase) {
        float[] x = new float[count * seqLen];
        float[] y = new float[count * seqLen];
        for (int n = 0; n < count; n++) {
            for (int t = 0; t < seqLen; t++) {
                double a = phase + n * 0.9 + t * 0.3;
                x[n * seqLen + t] = (float) Math.sin(a);
                y[n * seqLen + t] = (float) Math.sin(a + 0.3);
            }
        }
        return new Batch(count, seqLen, 1, 1, TargetLayout.EVERY_STEP, LossKind.MSE, x, y);
    }
}
