package dev.rnnlab.runner.data;

import dev.rnnlab.engine.api.data.Batch;
import dev.rnnlab.engine.api.data.SequenceData;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.LossKind;
import java.util.SplittableRandom;

/**
 * A generated dataset served in shuffled epochs. The train and validation splits come from two
 * independent streams of {@code dataset.seed}; batch order comes from the run's seed. Sample
 * {@code p = step * B + j} of the training stream is element {@code p mod N} of epoch
 * {@code p / N}'s permutation, so {@link #trainBatch(long)} is a pure function of the step.
 */
public final class GeneratedData implements SequenceData {

    private final WindowSet train;
    private final WindowSet validation;
    private final WindowSet test;
    private final int batchSize;
    private final EpochOrder order;

    public GeneratedData(DatasetSpec spec, long runSeed, int batchSize) {
        SplittableRandom root = new SplittableRandom(spec.seed());
        SplittableRandom trainStream = root.split();
        SplittableRandom valStream = root.split();
        this.train = Generators.generate(spec, spec.trainSize(), trainStream);
        this.validation = Generators.generate(spec, spec.valSize(), valStream);
        // A third stream, split after the other two, so adding a test split leaves train and validation as they were.
        this.test = spec.testSize() == 0 ? null : Generators.generate(spec, spec.testSize(), root.split());
        this.batchSize = batchSize;
        this.order = new EpochOrder(train.count(), runSeed);
    }

    /**
     * The input and output widths of the dataset's samples, {@code {input, output}}, from one generated sample:
     * what a model for it needs, known at validate time without generating the data.
     */
    public static int[] widths(DatasetSpec spec) {
        if (spec instanceof DatasetSpec.Csv csv) {
            return new int[] {csv.inputs().size(), csv.target().size()};
        }
        WindowSet one = Generators.generate(spec, 1, new SplittableRandom(spec.seed()));
        return new int[] {one.inputSize(), one.outputSize()};
    }

    @Override
    public int inputSize() {
        return train.inputSize();
    }

    @Override
    public int outputSize() {
        return train.outputSize();
    }

    @Override
    public int seqLen() {
        return train.seqLen();
    }

    @Override
    public TargetLayout layout() {
        return train.layout();
    }

    @Override
    public LossKind loss() {
        return train.loss();
    }

    @Override
    public Batch trainBatch(long step) {
        int[] indices = new int[batchSize];
        for (int j = 0; j < batchSize; j++) {
            indices[j] = order.at(step * batchSize + j);
        }
        return train.gather(indices);
    }

    @Override
    public Batch validation() {
        return validation.all();
    }

    @Override
    public Batch test() {
        return test == null ? null : test.all();
    }
}
