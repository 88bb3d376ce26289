package dev.rnnlab.runner.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rnnlab.engine.api.checkpoint.Safetensors;
import dev.rnnlab.engine.api.checkpoint.StateDict;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.runner.Configs;
import dev.rnnlab.runner.FakeEngine;
import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitFromCheckTest {

    @TempDir Path dir;
    final SweepPlanner planner = new SweepPlanner(FakeEngine.registry(new FakeEngine()));

    /** A checkpoint of an RNN of width {@code hidden} for the sine data (input 1, output 1). */
    private Path checkpoint(int hidden, int layers) throws Exception {
        List<Tensor> tensors = new ArrayList<>();
        StateDict.shapes(new ModelSpec(new CellSpec.Rnn(CellSpec.Nonlinearity.TANH), hidden, layers), 1, 1)
                .forEach((name, shape) -> tensors.add(new Tensor(name, Tensor.DType.F32, shape,
                        new double[java.util.Arrays.stream(shape).reduce(1, (a, b) -> a * b)])));
        Path file = dir.resolve("h" + hidden + "l" + layers + ".safetensors");
        Safetensors.write(file, tensors, Map.of());
        return file;
    }

    private static String config(String from, String hidden) {
        return Configs.VALID.replace("model: {cell: rnn_tanh, hidden: 16, layers: 1}", """
                model:
                  cell: rnn_tanh
                  hidden: 16
                  layers: 1
                  init:
                    from: %s""".formatted(from)).replace("model.hidden: [8, 16, 32]", "model.hidden: " + hidden);
    }

    private List<String> errors(String yaml) {
        Path file = Configs.write(dir, "x.yaml", yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> planner.plan(file, List.of()));
        return e.errors().stream().map(ConfigError::format).map(s -> s.replace(file.toString(), "x.yaml")).toList();
    }

    @Test
    void aCheckpointThatFitsEveryRunPasses() throws Exception {
        checkpoint(16, 1);
        assertEquals(2, planner.plan(Configs.write(dir, "x.yaml", config("h16l1.safetensors", "[16]")), List.of())
                .runs().size());
    }

    @Test
    void aCheckpointForAnotherModelIsRefusedAtItsKeyWithTheFirstMismatch() throws Exception {
        Path file = checkpoint(8, 1);
        assertEquals(List.of("x.yaml:10:11: model.init.from: " + file + " does not fit the model (rnn_tanh, hidden 16, "
                        + "1 layer(s), input 1, output 1): 'rnn.weight_ih_l0' has shape [8, 1], the model needs [16, 1]",
                "x.yaml:10:11: model.init.from: " + file + " does not fit the model (rnn_tanh, hidden 32, 1 layer(s), "
                        + "input 1, output 1): 'rnn.weight_ih_l0' has shape [8, 1], the model needs [32, 1]"),
                errors(config("h8l1.safetensors", "[8, 16, 32]")), "hidden 8 fits; 16 and 32 do not, each said once");
        Path twoLayers = checkpoint(16, 2);
        assertEquals(List.of("x.yaml:10:11: model.init.from: " + twoLayers + " does not fit the model (rnn_tanh, hidden "
                + "16, 1 layer(s), input 1, output 1): has tensors the model does not: [rnn.bias_hh_l1, rnn.bias_ih_l1, "
                + "rnn.weight_hh_l1, rnn.weight_ih_l1]"), errors(config("h16l2.safetensors", "[16]")));
    }

    @Test
    void aFileThatIsNotSafetensorsIsRefusedAtItsKey() throws Exception {
        Files.writeString(dir.resolve("junk.safetensors"), "not a checkpoint");
        List<String> e = errors(config("junk.safetensors", "[16]"));
        assertEquals(1, e.size(), e.toString());
        assertEquals(true, e.get(0).startsWith("x.yaml:10:11: model.init.from: cannot read it as safetensors: "), e.get(0));
    }
}
