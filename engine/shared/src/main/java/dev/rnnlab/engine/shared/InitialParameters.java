package dev.rnnlab.engine.shared;

import dev.rnnlab.engine.api.checkpoint.StateDict;
import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.InitScheme;
import dev.rnnlab.engine.api.spec.InitSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * A model's initial parameters, by PyTorch state_dict name and row-major in PyTorch's layout
 * ({@link StateDict}), drawn from one seeded stream in state_dict order: per layer {@code weight_ih},
 * {@code weight_hh}, {@code bias_ih}, {@code bias_hh} from the spec's {@link InitSpec}, then the head as
 * {@code nn.Linear}. A fused {@code [G*H, fan_in]} tensor is G blocks of {@code [H, fan_in]}, each drawn on its
 * own with {@code fan_out = H}; a bias is G blocks of H. An LSTM forget-gate bias, when set, then writes
 * {@code bias_ih[H:2H] = forget_bias} and {@code bias_hh[H:2H] = 0}. Every engine starts from these values, so
 * one seed means the same weights on each.
 */
public final class InitialParameters {

    private InitialParameters() {}

    /** From a fresh stream of {@code seed}, as a run starts. */
    public static Map<String, double[]> of(ModelSpec spec, int inputSize, int outputSize, long seed) {
        return draw(spec, inputSize, outputSize, new SplittableRandom(seed));
    }

    /** Drawn from {@code rng}, which advances by every draw. */
    public static Map<String, double[]> draw(ModelSpec spec, int inputSize, int outputSize, SplittableRandom rng) {
        Map<String, int[]> shapes = StateDict.shapes(spec, inputSize, outputSize);
        InitSpec init = spec.init();
        int gates = spec.cell().kind().gates();
        int hidden = spec.hidden();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (int l = 0; l < spec.layers(); l++) {
            String suffix = "_l" + l;
            out.put("rnn.weight_ih" + suffix, gated(init.input(), gates, hidden, shapes.get("rnn.weight_ih" + suffix), rng));
            out.put("rnn.weight_hh" + suffix, gated(init.recurrent(), gates, hidden, shapes.get("rnn.weight_hh" + suffix),
                    rng));
            double[] biasIh = gated(init.bias(), gates, hidden, shapes.get("rnn.bias_ih" + suffix), rng);
            double[] biasHh = gated(init.bias(), gates, hidden, shapes.get("rnn.bias_hh" + suffix), rng);
            if (spec.cell() instanceof CellSpec.Lstm lstm && lstm.forgetBias() != null) {
                for (int j = hidden; j < 2 * hidden; j++) {
                    biasIh[j] = lstm.forgetBias();
                    biasHh[j] = 0.0;
                }
            }
            out.put("rnn.bias_ih" + suffix, biasIh);
            out.put("rnn.bias_hh" + suffix, biasHh);
        }
        for (String head : new String[] {"head.weight", "head.bias"}) {
            out.put(head, linearDefault(size(shapes.get(head)), hidden, rng));
        }
        return out;
    }

    /** A tensor of {@code gates} row blocks of {@code hidden} rows, each drawn from {@code scheme}. */
    private static double[] gated(InitScheme scheme, int gates, int hidden, int[] shape, SplittableRandom rng) {
        int cols = shape.length == 2 ? shape[1] : 1;
        double[] out = new double[size(shape)];
        for (int g = 0; g < gates; g++) {
            double[] block = block(scheme, hidden, cols, hidden, rng);
            System.arraycopy(block, 0, out, g * hidden * cols, block.length);
        }
        return out;
    }

    /** PyTorch's {@code nn.Linear} default for weight and bias alike: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    private static double[] linearDefault(int size, int fanIn, SplittableRandom rng) {
        double[] out = new double[size];
        fillUniform(out, 1.0 / Math.sqrt(fanIn), rng);
        return out;
    }

    /** A {@code rows x cols} block (row-major) drawn from {@code scheme}; {@code hidden} sets PyTorch's 1/sqrt(H). */
    static double[] block(InitScheme scheme, int rows, int cols, int hidden, SplittableRandom rng) {
        double[] out = new double[rows * cols];
        switch (scheme.kind()) {
            case PYTORCH_DEFAULT -> fillUniform(out, 1.0 / Math.sqrt(hidden), rng);
            case XAVIER_UNIFORM -> fillUniform(out, Math.sqrt(6.0 / (cols + rows)), rng);
            case XAVIER_NORMAL -> fillNormal(out, Math.sqrt(2.0 / (cols + rows)), rng);
            case HE -> fillNormal(out, Math.sqrt(2.0 / cols), rng);
            case NORMAL -> fillNormal(out, ((InitScheme.Normal) scheme).std(), rng);
            case ZEROS -> { }
            case IDENTITY -> {
                if (rows != cols) {
                    throw new IllegalArgumentException("identity init needs square blocks, got " + rows + "x" + cols);
                }
                for (int i = 0; i < rows; i++) {
                    out[i * cols + i] = 1;
                }
            }
            case ORTHOGONAL -> orthogonal(out, rows, cols, rng);
        }
        return out;
    }

    /** As {@code torch.nn.init.orthogonal_}: QR of a Gaussian matrix, columns signed by diag(R). */
    private static void orthogonal(double[] out, int rows, int cols, SplittableRandom rng) {
        boolean transpose = rows < cols;
        int m = transpose ? cols : rows;
        int n = transpose ? rows : cols;
        double[][] gaussian = new double[m][n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                gaussian[i][j] = rng.nextGaussian();
            }
        }
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(gaussian, false));
        RealMatrix q = qr.getQ();
        RealMatrix r = qr.getR();
        for (int j = 0; j < n; j++) {
            double sign = Math.signum(r.getEntry(j, j)) == 0 ? 1 : Math.signum(r.getEntry(j, j));
            for (int i = 0; i < m; i++) {
                double v = q.getEntry(i, j) * sign;
                if (transpose) {
                    out[j * cols + i] = v;
                } else {
                    out[i * cols + j] = v;
                }
            }
        }
    }

    private static void fillUniform(double[] out, double bound, SplittableRandom rng) {
        for (int i = 0; i < out.length; i++) {
            out[i] = (2 * rng.nextDouble() - 1) * bound;
        }
    }

    private static void fillNormal(double[] out, double std, SplittableRandom rng) {
        for (int i = 0; i < out.length; i++) {
            out[i] = std * rng.nextGaussian();
        }
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
