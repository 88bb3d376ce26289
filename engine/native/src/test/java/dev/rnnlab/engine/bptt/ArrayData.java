package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.LossKind;

/** Small in-memory sine data for engine tests: batch {@code step} is window {@code step mod N}, shifted. */
final class ArrayData implements SequenceData {

    private final int seqLen;
    private final int batch;
    private final long nanAtStep;

    ArrayData(int seqLen, int batch, long nanAtStep) {
        this.seqLen = seqLen;
        this.batch = batch;
        this.nanAtStep = nanAtStep;
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
        Batch b = windows(batch, 0.37 * (step % 17));
        if (step == nanAtStep) {
            b.inputs()[0] = Float.NaN;
        }
        return b;
    }

    @Override
    public Batch validation() {
        return windows(8, 1.234);
    }

    private Batch windows(int count, double phase) {
        float[] x = new float[count * seqLen];
        float[] y = new float[count * seqLen];
        for (int n = 0; n < count; n++) {
            for (int t = 0; t < seqLen; t++) {
                double a = phase + n * 0.71 + t * 0.2;
                x[n * seqLen + t] = (float) Math.sin(a);
                y[n * seqLen + t] = (float) Math.sin(a + 0.2);
            }
        }
        return new Batch(count, seqLen, 1, 1, TargetLayout.EVERY_STEP, LossKind.MSE, x, y);
    }
}
