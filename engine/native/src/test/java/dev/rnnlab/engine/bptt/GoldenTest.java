package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnlab.engine.api.data.TargetLayout;
import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ConfigNamed;
import dev.rnnlab.engine.api.spec.LossKind;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.bptt.math.F64Kernels;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.model.TimeMajor;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The native engine in float64 against PyTorch float64 fixtures: forward, loss, every parameter
 * gradient and the per-timestep {@code ||dL/dh_t||} of every layer. The optimizer trajectories of the
 * same fixtures are checked through {@code rnnlab gradcheck} (cli's GradcheckTest).
 * Error per quantity is {@code max|ours - ref| / max(max|ref|, 1e-12)}, required below 1e-9.
 */
class GoldenTest {

    static final double TOLERANCE = 1e-9;
    final F64Kernels k = new F64Kernels();

    @ParameterizedTest
    @ValueSource(strings = {"gru_L1_I2_H3_B2_T5_momentum_wd_step.json", "gru_L1_I3_H4_B2_T6.json",
            "gru_L2_I2_H5_B3_T7.json", "gru_L2_I3_H4_B2_T6_adamw_wd.json", "lstm_L1_I1_H16_B1_T50.json",
            "lstm_L1_I2_H3_B2_T8.json", "lstm_L1_I3_H4_B2_T7_nesterov_wd_step.json",
            "lstm_L2_I2_H3_B2_T6_adam_wd_cosine.json", "lstm_L2_I3_H4_B2_T6.json",
            "rnn_relu_L1_I2_H4_B2_T9_sgd_value.json", "rnn_relu_L2_I2_H4_B3_T5_adagrad_wd.json",
            "rnn_relu_L2_I3_H4_B2_T6.json", "rnn_tanh_L1_I3_H4_B2_T6.json",
            "rnn_tanh_L1_I3_H4_B2_T6_rmsprop_wd_warmup.json", "rnn_tanh_L2_I3_H5_B3_T7_adam_global_norm.json",
            "rnn_tanh_L3_I2_H3_B2_T20.json"})
    void forwardAndGradientsMatchPyTorch(String file) {
        GoldenFixture f = GoldenFixture.load(file);
        Harness h = new Harness(f);
        double loss = h.model.forwardBackward(h.inputs, h.targets, h.seqLen, h.batch);

        assertClose("loss", new double[] {f.scalar("loss")}, new double[] {loss});
        double[] predictions = TimeMajor.transpose(k.toDoubles(h.model.predictions(), 0,
                h.seqLen * h.batch * h.out), h.seqLen, h.batch, h.out);
        assertClose("predictions", f.array("predictions"), predictions);
        Map<String, double[]> grads = GoldenFixture.named(f, f.root().get("grads"));
        for (Parameter<double[]> p : h.model.parameters()) {
            assertClose("grad " + p.name(), grads.get(p.name()), p.grad());
        }
        JsonNode byLayer = f.root().get("grad_h_total_norms_by_layer");
        assertEquals(h.model.layers().size(), byLayer.size());
        for (int l = 0; l < byLayer.size(); l++) {
            assertClose("||dL/dh_t|| layer " + l, f.array(byLayer.get(l)),
                    h.model.layers().get(l).hiddenGradNorms());
        }
    }

    static void assertClose(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        double err = relativeError(expected, actual);
        assertTrue(err <= TOLERANCE, what + ": max_rel_err=" + err);
    }

    static double relativeError(double[] expected, double[] actual) {
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < expected.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
            maxRef = Math.max(maxRef, Math.abs(expected[i]));
        }
        return Double.isNaN(maxDiff) ? Double.POSITIVE_INFINITY : maxDiff / Math.max(maxRef, 1e-12);
    }

    /** A float64 model loaded with a fixture's parameters and batch, time-major. */
    final class Harness {
        final SequenceModel<double[]> model;
        final double[] inputs;
        final double[] targets;
        final int seqLen;
        final int batch;
        final int out;

        Harness(GoldenFixture f) {
            CellKind kind = ConfigNamed.parse(CellKind.class, f.meta().get("cell").asText()).orElseThrow();
            ModelSpec spec = new ModelSpec(CellSpec.of(kind), f.metaInt("hidden_size"), f.metaInt("num_layers"));
            seqLen = f.metaInt("seq_len");
            batch = f.metaInt("batch");
            out = f.metaInt("output_size");
            int in = f.metaInt("input_size");
            model = new SequenceModel<>(k, spec, in, out, TargetLayout.EVERY_STEP, LossKind.MSE);
            Map<String, double[]> params = GoldenFixture.named(f, f.root().get("params"));
            assertEquals(params.keySet().stream().toList(),
                    model.parameters().stream().map(Parameter::name).toList(), "state_dict names and order");
            for (Parameter<double[]> p : model.parameters()) {
                double[] v = params.get(p.name());
                assertEquals(p.size(), v.length, p.name());
                System.arraycopy(v, 0, p.value(), 0, v.length);
            }
            inputs = TimeMajor.transpose(f.array("inputs"), batch, seqLen, in);
            targets = TimeMajor.transpose(f.array("targets"), batch, seqLen, out);
            assertArrayEquals(new double[f.array("h0").length], f.array("h0"), "fixtures start from h0 = 0");
        }
    }
}
