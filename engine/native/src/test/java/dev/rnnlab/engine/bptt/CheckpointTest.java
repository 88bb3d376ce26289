package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.checkpoint.Safetensors;
import dev.rnnlab.engine.api.checkpoint.Tensor;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.InitSpec;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.engine.bptt.math.F32Kernels;
import dev.rnnlab.engine.bptt.math.F64Kernels;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.model.TimeMajor;
import dev.rnnlab.engine.contract.EngineContract.Recording;
import dev.rnnlab.engine.contract.SineData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parameters as safetensors with PyTorch state_dict names, both ways. */
class CheckpointTest {

    @TempDir Path dir;

    static final class CheckpointSink extends Recording {
        final List<Tensor> tensors = new ArrayList<>();
        long step = -1;

        @Override
        public void checkpoint(long step, List<Tensor> parameters) {
            this.step = step;
            tensors.addAll(parameters);
        }
    }

    static RunSpec spec(Precision precision, InitSpec init, int steps) {
        return new RunSpec("c", 4, new ModelSpec(new CellSpec.Gru(), 6, 2, init),
                new TrainingSpec(steps, 4, 10, OptimizerSpec.Adam.withDefaults(0.01), new ScheduleSpec.Constant(),
                        new ClippingSpec.None()), precision, TelemetrySpec.DEFAULT);
    }

    @Test
    void aRunsFinalParametersRoundTripBitForBitAndResumeWhereTheyLeftOff() throws Exception {
        for (Precision precision : Precision.values()) {
            CheckpointSink first = new CheckpointSink();
            new NativeEngine().train(spec(precision, InitSpec.PYTORCH, 30), new SineData(10, 4, -1), first);
            assertEquals(30, first.step);
            assertEquals(List.of("rnn.weight_ih_l0", "rnn.weight_hh_l0", "rnn.bias_ih_l0", "rnn.bias_hh_l0",
                    "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1", "rnn.bias_hh_l1", "head.weight", "head.bias"),
                    first.tensors.stream().map(Tensor::name).toList());
            Path file = dir.resolve(precision + ".safetensors");
            Safetensors.write(file, first.tensors, Map.of());
            assertEquals(first.tensors, Safetensors.read(file), "bit for bit");

            InitSpec fromFile = new InitSpec(InitSpec.PYTORCH.input(), InitSpec.PYTORCH.recurrent(),
                    InitSpec.PYTORCH.bias(), file.toString());
            CheckpointSink second = new CheckpointSink();
            new NativeEngine().train(spec(precision, fromFile, 1), new SineData(10, 4, -1), second);
            double finalVal = first.evals.get(first.evals.size() - 1).validationLoss();
            assertEquals(finalVal, second.evals.get(0).validationLoss(), 0.0,
                    precision + ": the loaded model starts where the saved one ended");
        }
    }

    @Test
    void aFileWrittenFromPyTorchLoadsAndReproducesItsLoss() throws Exception {
        Path file = Path.of(getClass().getResource("/checkpoints/lstm_L2_I3_H4_B2_T6.pytorch.safetensors").toURI());
        GoldenFixture f = GoldenFixture.load("lstm_L2_I3_H4_B2_T6.json");
        F64Kernels k = new F64Kernels();
        SequenceModel<double[]> m = new SequenceModel<>(k, new ModelSpec(new CellSpec.Lstm(), 4, 2), 3, 3,
                TargetLayout.EVERY_STEP, LossKind.MSE);
        Checkpoints.load(k, m.parameters(), file);
        Map<String, double[]> params = GoldenFixture.named(f, f.root().get("params"));
        m.parameters().forEach(p -> assertArrayEquals(params.get(p.name()), p.value(), 0.0, p.name()));
        double loss = m.loss(TimeMajor.transpose(f.array("inputs"), 2, 6, 3), TimeMajor.transpose(f.array("targets"),
                2, 6, 3), 6, 2);
        assertEquals(f.scalar("loss"), loss, 1e-12 * f.scalar("loss"));
    }

    @Test
    void theModelsParametersAreTheStateDictLayoutTheRunnerChecksFilesAgainst() {
        F64Kernels k = new F64Kernels();
        for (CellSpec cell : List.of(new CellSpec.Rnn(CellSpec.Nonlinearity.TANH), new CellSpec.Lstm(),
                new CellSpec.Gru())) {
            for (int layers = 1; layers <= 3; layers++) {
                ModelSpec spec = new ModelSpec(cell, 5, layers);
                SequenceModel<double[]> m = new SequenceModel<>(k, spec, 3, 2, TargetLayout.EVERY_STEP, LossKind.MSE);
                Map<String, int[]> expected = dev.rnnlab.engine.api.checkpoint.StateDict.shapes(spec, 3, 2);
                assertEquals(List.copyOf(expected.keySet()), m.parameters().stream().map(p -> p.name()).toList());
                m.parameters().forEach(p -> assertArrayEquals(expected.get(p.name()), p.shape(), p.name()));
            }
        }
    }

    @Test
    void aFileForAnotherModelIsRefusedNamingTheDifference() throws Exception {
        Path file = Path.of(getClass().getResource("/checkpoints/lstm_L2_I3_H4_B2_T6.pytorch.safetensors").toURI());
        F32Kernels k = new F32Kernels();
        SequenceModel<float[]> wrongHidden = new SequenceModel<>(k, new ModelSpec(new CellSpec.Lstm(), 5, 2), 3, 3,
                TargetLayout.EVERY_STEP, LossKind.MSE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checkpoints.load(k, wrongHidden.parameters(), file));
        assertTrue(e.getMessage().contains("'rnn.weight_ih_l0' has shape [16, 3], the model needs [20, 3]"),
                e.getMessage());
        SequenceModel<float[]> oneLayer = new SequenceModel<>(k, new ModelSpec(new CellSpec.Lstm(), 4, 1), 3, 3,
                TargetLayout.EVERY_STEP, LossKind.MSE);
        e = assertThrows(IllegalArgumentException.class, () -> Checkpoints.load(k, oneLayer.parameters(), file));
        assertTrue(e.getMessage().contains("tensors the model does not: [rnn.bias_hh_l1"), e.getMessage());
    }
}
