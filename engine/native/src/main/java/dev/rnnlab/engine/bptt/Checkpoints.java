package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.checkpoint.Safetensors;
import dev.rnnlab.engine.api.checkpoint.StateDict;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parameters to and from safetensors tensors, by PyTorch state_dict name. */
final class Checkpoints {

    private Checkpoints() {}

    static <A> List<Tensor> tensors(Kernels<A> k, List<Parameter<A>> params) {
        Tensor.DType dtype = k.precision() == Precision.FLOAT32 ? Tensor.DType.F32 : Tensor.DType.F64;
        List<Tensor> out = new ArrayList<>();
        for (Parameter<A> p : params) {
            out.add(new Tensor(p.name(), dtype, p.shape(), k.toDoubles(p.value(), 0, p.size())));
        }
        return out;
    }

    /**
     * Loads every parameter from {@code file}: names and shapes must match the model exactly (a file
     * for another model is refused, naming what differs). F64 values loaded into a float32 run round.
     */
    static <A> void load(Kernels<A> k, List<Parameter<A>> params, Path file) {
        Map<String, Tensor> tensors;
        try {
            tensors = Safetensors.readByName(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load initial parameters from " + file + ": " + e.getMessage(), e);
        }
        Map<String, int[]> expected = new LinkedHashMap<>();
        params.forEach(p -> expected.put(p.name(), p.shape()));
        String mismatch = StateDict.mismatch(List.copyOf(tensors.values()), expected);
        if (mismatch != null) {
            throw new IllegalArgumentException(file + " " + mismatch);
        }
        for (Parameter<A> p : params) {
            double[] v = tensors.get(p.name()).values();
            for (int i = 0; i < v.length; i++) {
                k.set(p.value(), i, v[i]);
            }
        }
    }
}
