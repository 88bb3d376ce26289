package dev.rnnlab.runner.config;

import dev.rnnlab.engine.api.spec.BpttKind;
import dev.rnnlab.engine.api.spec.BpttSpec;
import dev.rnnlab.engine.api.spec.ClippingKind;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.OptimizerKind;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.ScheduleKind;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.runner.data.DatasetSpec;

/**
 * The {@code training:} section of the schema: steps, batches, evaluation, optimizer, schedule, clipping
 * and BPTT, each key with its type, range and default (the rest of the schema is in
 * {@link ExperimentBinder}).
 */
final class TrainingBinder {

    private TrainingBinder() {}

    static TrainingSpec training(MappingReader r) {
        Integer steps = r.intValue("steps", null, 1, ExperimentBinder.MAX_STEPS);
        Integer batch = r.intValue("batch_size", ExperimentBinder.DEFAULT_BATCH_SIZE, 1, DatasetSpec.MAX_SIZE);
        Integer evalEvery = r.intValue("eval_every", ExperimentBinder.DEFAULT_EVAL_EVERY, 1, ExperimentBinder.MAX_STEPS);
        OptimizerSpec optimizer = optimizer(r.mapping("optimizer", true));
        ScheduleSpec schedule = schedule(r.mapping("schedule", false));
        ClippingSpec clipping = clipping(r.mapping("clipping", false));
        BpttSpec bptt = bptt(r.mapping("bptt", false));
        Boolean stateful = r.bool("stateful", false);
        return ExperimentBinder.anyNull(steps, batch, evalEvery, optimizer, schedule, clipping, bptt, stateful) ? null
                : new TrainingSpec(steps, batch, evalEvery, optimizer, schedule, clipping, bptt, stateful);
    }

    private static BpttSpec bptt(MappingReader r) {
        if (r == null) {
            return null;
        }
        BpttKind kind = r.choice("kind", BpttKind.class, BpttKind.FULL);
        BpttSpec spec = null;
        if (kind == BpttKind.FULL) {
            spec = new BpttSpec.Full();
        } else if (kind == BpttKind.TRUNCATED) {
            Integer window = r.intValue("window", null, 1, DatasetSpec.MAX_SEQ_LEN);
            Integer backward = window == null ? null : r.intValue("backward", window, 1, window);
            spec = ExperimentBinder.anyNull(window, backward) ? null : new BpttSpec.Truncated(window, backward);
        }
        if (kind != null) { // with an unknown kind, no key can be called unknown
            r.rejectUnknownKeys(" for bptt \'" + kind.configName() + "\' (kind at " + r.locationOf("kind") + ")");
        }
        return spec;
    }

    private static OptimizerSpec optimizer(MappingReader r) {
        if (r == null) {
            return null;
        }
        OptimizerKind kind = r.choice("kind", OptimizerKind.class, null);
        Double lr = r.number("lr", null, 0, Double.MAX_VALUE);
        OptimizerSpec spec = null;
        if (kind != null) {
            Double wd = r.nonNegative("weight_decay", kind == OptimizerKind.ADAMW
                    ? OptimizerSpec.DEFAULT_ADAMW_WEIGHT_DECAY : 0.0);
            switch (kind) {
                case SGD -> spec = lr == null || wd == null ? null : new OptimizerSpec.Sgd(lr, wd);
                case MOMENTUM -> {
                    Double m = r.fraction("momentum", OptimizerSpec.DEFAULT_MOMENTUM, 0, 1);
                    Double d = r.fraction("dampening", 0.0, 0, 1);
                    spec = ExperimentBinder.anyNull(lr, wd, m, d) ? null : new OptimizerSpec.Momentum(lr, m, d, wd);
                }
                case NESTEROV -> {
                    Double m = r.number("momentum", OptimizerSpec.DEFAULT_MOMENTUM, 0, 0.999999);
                    spec = ExperimentBinder.anyNull(lr, wd, m) ? null : new OptimizerSpec.Nesterov(lr, m, wd);
                }
                case ADAM, ADAMW -> {
                    Double beta1 = r.fraction("beta1", OptimizerSpec.DEFAULT_BETA1, 0, 1);
                    Double beta2 = r.fraction("beta2", OptimizerSpec.DEFAULT_BETA2, 0, 1);
                    Double eps = r.nonNegative("eps", OptimizerSpec.DEFAULT_ADAM_EPS);
                    if (!ExperimentBinder.anyNull(lr, wd, beta1, beta2, eps)) {
                        spec = kind == OptimizerKind.ADAM ? new OptimizerSpec.Adam(lr, beta1, beta2, eps, wd)
                                : new OptimizerSpec.AdamW(lr, beta1, beta2, eps, wd);
                    }
                }
                case RMSPROP -> {
                    Double alpha = r.fraction("alpha", OptimizerSpec.DEFAULT_RMSPROP_ALPHA, 0, 1);
                    Double eps = r.nonNegative("eps", OptimizerSpec.DEFAULT_RMSPROP_EPS);
                    spec = ExperimentBinder.anyNull(lr, wd, alpha, eps) ? null : new OptimizerSpec.RmsProp(lr, alpha, eps, wd);
                }
                case ADAGRAD -> {
                    Double eps = r.nonNegative("eps", OptimizerSpec.DEFAULT_ADAGRAD_EPS);
                    spec = ExperimentBinder.anyNull(lr, wd, eps) ? null : new OptimizerSpec.Adagrad(lr, eps, wd);
                }
            }
        }
        if (kind != null) { // with an unknown kind, no key can be called unknown
            r.rejectUnknownKeys(" for optimizer \'" + kind.configName() + "\' (kind at " + r.locationOf("kind") + ")");
        }
        return spec;
    }

    private static ScheduleSpec schedule(MappingReader r) {
        if (r == null) {
            return null;
        }
        ScheduleKind kind = r.choice("kind", ScheduleKind.class, ScheduleKind.CONSTANT);
        ScheduleSpec spec = null;
        if (kind != null) {
            switch (kind) {
                case CONSTANT -> spec = new ScheduleSpec.Constant();
                case STEP -> {
                    Integer size = r.intValue("step_size", null, 1, ExperimentBinder.MAX_STEPS);
                    Double gamma = r.number("gamma", null, 0, 1);
                    spec = ExperimentBinder.anyNull(size, gamma) ? null : new ScheduleSpec.Step(size, gamma);
                }
                case COSINE -> {
                    Double min = r.nonNegative("min_lr", 0.0);
                    spec = min == null ? null : new ScheduleSpec.Cosine(min);
                }
                case WARMUP -> {
                    Integer warmup = r.intValue("warmup_steps", null, 1, ExperimentBinder.MAX_STEPS);
                    spec = warmup == null ? null : new ScheduleSpec.Warmup(warmup);
                }
            }
        }
        if (kind != null) { // with an unknown kind, no key can be called unknown
            r.rejectUnknownKeys(" for schedule \'" + kind.configName() + "\' (kind at " + r.locationOf("kind") + ")");
        }
        return spec;
    }

    private static ClippingSpec clipping(MappingReader r) {
        if (r == null) {
            return null;
        }
        ClippingKind kind = r.choice("kind", ClippingKind.class, ClippingKind.NONE);
        ClippingSpec spec = null;
        if (kind != null) {
            switch (kind) {
                case NONE -> spec = new ClippingSpec.None();
                case VALUE -> {
                    Double v = r.number("clip_value", null, 0, Double.MAX_VALUE);
                    spec = v == null ? null : new ClippingSpec.Value(v);
                }
                case NORM -> {
                    Double v = r.number("max_norm", null, 0, Double.MAX_VALUE);
                    spec = v == null ? null : new ClippingSpec.Norm(v);
                }
                case GLOBAL_NORM -> {
                    Double v = r.number("max_norm", null, 0, Double.MAX_VALUE);
                    spec = v == null ? null : new ClippingSpec.GlobalNorm(v);
                }
            }
        }
        if (kind != null) { // with an unknown kind, no key can be called unknown
            r.rejectUnknownKeys(" for clipping \'" + kind.configName() + "\' (kind at " + r.locationOf("kind") + ")");
        }
        return spec;
    }
}
