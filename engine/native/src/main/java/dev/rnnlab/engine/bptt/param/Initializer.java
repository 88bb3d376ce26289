package dev.rnnlab.engine.bptt.param;

import dev.rnnlab.engine.api.spec.InitScheme;
import dev.rnnlab.engine.bptt.math.Kernels;
import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Weight initialisation, one gate block at a time: a fused {@code [G*H, fan_in]} tensor is G blocks of
 * {@code [H, fan_in]}, each initialised on its own with {@code fan_out = H}; a bias is G blocks of H.
 * Draws come from the run's seeded stream in parameter order, so a seed fixes the weights.
 */
public final class Initializer {

    private Initializer() {}

    /**
     * Initialises {@code p}, whose rows are {@code gates} blocks of {@code hidden} rows.
     *
     * @param hidden H, which also sets PyTorch's default bound 1/sqrt(H)
     */
    public static <A> void apply(Kernels<A> k, Parameter<A> p, InitScheme scheme, int gates, int hidden,
                                 SplittableRandom rng) {
        int[] shape = p.shape();
        int cols = shape.length == 2 ? shape[1] : 1;
        for (int g = 0; g < gates; g++) {
            int offset = g * hidden * cols;
            double[] block = block(scheme, hidden, cols, hidden, rng);
            for (int i = 0; i < block.length; i++) {
                k.set(p.value(), offset + i, block[i]);
            }
        }
    }

    /** PyTorch's {@code nn.Linear} default for weight and bias alike: U(-1/sqrt(fan_in), 1/sqrt(fan_in)). */
    public static <A> void linearDefault(Kernels<A> k, Parameter<A> p, int fanIn, SplittableRandom rng) {
        double bound = 1.0 / Math.sqrt(fanIn);
        for (int i = 0; i < p.size(); i++) {
            k.set(p.value(), i, (2 * rng.nextDouble() - 1) * bound);
        }
    }

    /** A {@code rows x cols} block (row-major) drawn from {@code scheme}. */
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
}
