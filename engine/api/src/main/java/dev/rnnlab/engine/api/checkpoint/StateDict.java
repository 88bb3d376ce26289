package dev.rnnlab.engine.api.checkpoint;

import dev.rnnlab.engine.api.spec.ModelSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A model's parameters as PyTorch's {@code state_dict} names and shapes them: {@code nn.RNN}, {@code nn.LSTM}
 * or {@code nn.GRU} under {@code rnn.} and an {@code nn.Linear} head under {@code head.}. With G gate blocks
 * (1 for RNN cells, 4 for LSTM, 3 for GRU), hidden width H, layer k's input width I_k (the data's for k = 0,
 * else H) and output width O:
 * <pre>
 *   rnn.weight_ih_l{k} [G*H, I_k]   rnn.weight_hh_l{k} [G*H, H]   rnn.bias_ih_l{k} [G*H]   rnn.bias_hh_l{k} [G*H]
 *   head.weight [O, H]   head.bias [O]
 * </pre>
 * Every engine reads and writes {@code model.safetensors} in this layout, so the runner can check a
 * {@code model.init.from} file against a model before any run starts.
 */
public final class StateDict {

    private StateDict() {}

    /** Name to shape, layer by layer, then the head. */
    public static Map<String, int[]> shapes(ModelSpec model, int inputSize, int outputSize) {
        int g = model.cell().kind().gates();
        int h = model.hidden();
        Map<String, int[]> out = new LinkedHashMap<>();
        for (int k = 0; k < model.layers(); k++) {
            out.put("rnn.weight_ih_l" + k, new int[] {g * h, k == 0 ? inputSize : h});
            out.put("rnn.weight_hh_l" + k, new int[] {g * h, h});
            out.put("rnn.bias_ih_l" + k, new int[] {g * h});
            out.put("rnn.bias_hh_l" + k, new int[] {g * h});
        }
        out.put("head.weight", new int[] {outputSize, h});
        out.put("head.bias", new int[] {outputSize});
        return out;
    }

    /**
     * The first way {@code tensors} fail to be exactly the parameters {@code expected}, in the model's order
     * (a missing tensor, a wrong shape), then any tensor the model does not have; null when they match.
     */
    public static String mismatch(List<Tensor> tensors, Map<String, int[]> expected) {
        Map<String, int[]> given = new LinkedHashMap<>();
        tensors.forEach(t -> given.put(t.name(), t.shape()));
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            int[] shape = given.get(e.getKey());
            if (shape == null) {
                return "has no tensor '" + e.getKey() + "' (the model needs " + Arrays.toString(e.getValue())
                        + "); it has " + given.keySet();
            }
            if (!Arrays.equals(shape, e.getValue())) {
                return "'" + e.getKey() + "' has shape " + Arrays.toString(shape) + ", the model needs "
                        + Arrays.toString(e.getValue());
            }
        }
        TreeSet<String> extra = new TreeSet<>(given.keySet());
        extra.removeAll(expected.keySet());
        return extra.isEmpty() ? null : "has tensors the model does not: " + extra;
    }
}
