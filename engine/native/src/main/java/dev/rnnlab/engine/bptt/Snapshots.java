package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.checkpoint.Snapshot;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.model.ModelState;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.optim.Optimizer;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The native engine's training state as a {@link Snapshot}, and back. Tensors, each in the run's precision
 * (so every bit survives):
 * <ul>
 *   <li>every parameter, by its PyTorch state_dict name;</li>
 *   <li>{@code optimizer.<state>.<parameter>}: the optimizer's buffers ({@code exp_avg}, {@code momentum_buffer}, ...);</li>
 *   <li>{@code carried.h.<layer>}, {@code carried.c.<layer>} and {@code carried.batch}: the recurrent state of
 *   stateful training, when one is carried;</li>
 *   <li>{@code trainer.last_loss} and {@code trainer.last_val}: what the run reports if it ends at once.</li>
 * </ul>
 * The step count restores the rest: batches are a pure function of the step, the learning-rate schedule
 * too, and the optimizer's counters follow from it ({@link Optimizer#resumeAt}).
 */
final class Snapshots {

    private Snapshots() {}

    record Restored<A>(ModelState<A> carried, double lastLoss, double lastValidationLoss) {}

    static <A> Snapshot take(Kernels<A> k, SequenceModel<A> model, Optimizer<A> optimizer, ModelState<A> carried,
                             long step, double lastLoss, double lastVal) {
        Tensor.DType dtype = k.precision() == Precision.FLOAT32 ? Tensor.DType.F32 : Tensor.DType.F64;
        List<Tensor> out = new ArrayList<>(Checkpoints.tensors(k, model.parameters()));
        for (Optimizer.Buffer<A> b : optimizer.state()) {
            out.add(new Tensor("optimizer." + b.name(), dtype, new int[] {b.size()}, k.toDoubles(b.values(), 0, b.size())));
        }
        if (carried != null) {
            out.add(new Tensor("carried.batch", Tensor.DType.F64, new int[] {1}, new double[] {carried.batch()}));
            for (int l = 0; l < carried.h().size(); l++) {
                out.add(vector(k, dtype, "carried.h." + l, carried.h().get(l)));
                out.add(vector(k, dtype, "carried.c." + l, carried.c().get(l)));
            }
        }
        out.add(new Tensor("trainer.last_loss", Tensor.DType.F64, new int[] {1}, new double[] {lastLoss}));
        out.add(new Tensor("trainer.last_val", Tensor.DType.F64, new int[] {1}, new double[] {lastVal}));
        return new Snapshot(step, out);
    }

    /**
     * Puts a snapshot's values back into a freshly built model and optimizer of the same spec. A snapshot of
     * another model (names or sizes differ) is refused, naming what differs.
     */
    static <A> Restored<A> restore(Kernels<A> k, SequenceModel<A> model, Optimizer<A> optimizer, Snapshot from) {
        Map<String, Tensor> byName = new LinkedHashMap<>();
        for (Tensor t : from.tensors()) {
            byName.put(t.name(), t);
        }
        TreeSet<String> unread = new TreeSet<>(byName.keySet());
        for (Parameter<A> p : model.parameters()) {
            copy(k, take(byName, unread, p.name(), p.size()), p.value());
        }
        for (Optimizer.Buffer<A> b : optimizer.state()) {
            copy(k, take(byName, unread, "optimizer." + b.name(), b.size()), b.values());
        }
        optimizer.resumeAt(from.step());
        ModelState<A> carried = null;
        if (byName.containsKey("carried.batch")) {
            int batch = (int) take(byName, unread, "carried.batch", 1)[0];
            List<A> h = new ArrayList<>();
            List<A> c = new ArrayList<>();
            for (int l = 0; l < model.layers().size(); l++) {
                int size = batch * model.layers().get(l).hiddenSize();
                h.add(k.fromDoubles(take(byName, unread, "carried.h." + l, size)));
                c.add(k.fromDoubles(take(byName, unread, "carried.c." + l, size)));
            }
            carried = new ModelState<>(batch, h, c);
        }
        double lastLoss = take(byName, unread, "trainer.last_loss", 1)[0];
        double lastVal = take(byName, unread, "trainer.last_val", 1)[0];
        if (!unread.isEmpty()) {
            throw new IllegalArgumentException("the snapshot at step " + from.step() + " holds tensors this run does "
                    + "not have: " + unread);
        }
        return new Restored<>(carried, lastLoss, lastVal);
    }

    private static <A> Tensor vector(Kernels<A> k, Tensor.DType dtype, String name, A values) {
        int n = k.length(values);
        return new Tensor(name, dtype, new int[] {n}, k.toDoubles(values, 0, n));
    }

    private static double[] take(Map<String, Tensor> byName, TreeSet<String> unread, String name, int size) {
        Tensor t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("the snapshot has no tensor '" + name + "'; it has " + byName.keySet());
        }
        if (t.values().length != size) {
            throw new IllegalArgumentException("the snapshot's '" + name + "' has " + t.values().length
                    + " values (shape " + Arrays.toString(t.shape()) + "), this run needs " + size);
        }
        unread.remove(name);
        return t.values();
    }

    private static <A> void copy(Kernels<A> k, double[] values, A into) {
        for (int i = 0; i < values.length; i++) {
            k.set(into, i, values[i]);
        }
    }
}
