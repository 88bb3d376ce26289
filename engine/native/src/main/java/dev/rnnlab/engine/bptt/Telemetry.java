package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.telemetry.ParameterRecord;
import dev.rnnlab.engine.api.telemetry.RecurrentRecord;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import dev.rnnlab.engine.api.telemetry.TimeProfileRecord;
import dev.rnnlab.engine.bptt.layer.RecurrentLayer;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.param.Parameter;
import java.util.ArrayList;
import java.util.List;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The detail telemetry of one step, taken after backward and before clipping and the update: norms of
 * every parameter and its gradient, each layer's {@code ||dL/dh_t||} profile, and for every recurrent
 * gate block its spectral radius, top singular value and saturation. Costs an eigenvalue and a singular
 * value decomposition per {@code H x H} block (values only, no vectors: O(H^3), about 1 s per block at
 * H = 512), so it runs only at detail steps.
 */
final class Telemetry {

    private Telemetry() {}

    static <A> void detail(Kernels<A> k, SequenceModel<A> model, long step, TelemetrySink sink) {
        List<ParameterRecord> params = new ArrayList<>();
        List<RecurrentLayer<A>> layers = model.layers();
        for (int l = 0; l <= layers.size(); l++) {
            List<Parameter<A>> ps = l < layers.size() ? layers.get(l).parameters() : model.headParameters();
            for (Parameter<A> p : ps) {
                params.add(new ParameterRecord(step, p.name(), l < layers.size() ? l : -1,
                        Math.sqrt(k.sumOfSquares(p.grad(), 0, p.size())),
                        Math.sqrt(k.sumOfSquares(p.value(), 0, p.size()))));
            }
        }
        sink.parameters(params);
        for (int l = 0; l < layers.size(); l++) {
            RecurrentLayer<A> layer = layers.get(l);
            sink.timeProfile(new TimeProfileRecord(step, l, layer.hiddenGradNorms().clone()));
            double[] saturation = layer.gateSaturation();
            Parameter<A> whh = layer.parameters().get(1);
            int h = layer.hiddenSize();
            List<String> gates = layer.gateNames();
            for (int g = 0; g < gates.size(); g++) {
                double[][] block = new double[h][h];
                for (int r = 0; r < h; r++) {
                    for (int c = 0; c < h; c++) {
                        block[r][c] = k.get(whh.value(), (g * h + r) * h + c);
                    }
                }
                sink.recurrent(new RecurrentRecord(step, l, gates.get(g), spectralRadius(block),
                        maxSingularValue(block), saturation[g]));
            }
        }
    }

    /** Largest eigenvalue modulus; NaN if the matrix is not finite or the QR iteration does not converge. */
    static double spectralRadius(double[][] m) {
        if (!finite(m)) {
            return Double.NaN;
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(m.length, false);
        if (!eig.decompose(new DMatrixRMaj(m))) {
            return Double.NaN;
        }
        double max = 0;
        for (int i = 0; i < eig.getNumberOfEigenvalues(); i++) {
            Complex_F64 e = eig.getEigenvalue(i);
            max = Math.max(max, Math.hypot(e.real, e.imaginary));
        }
        return max;
    }

    /** Largest singular value (the spectral norm); NaN if the matrix is not finite or the SVD does not converge. */
    static double maxSingularValue(double[][] m) {
        if (!finite(m)) {
            return Double.NaN;
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.length, m[0].length,
                false, false, true);
        if (!svd.decompose(new DMatrixRMaj(m))) {
            return Double.NaN;
        }
        double max = 0;
        for (double v : svd.getSingularValues()) {
            max = Math.max(max, v);
        }
        return max;
    }

    private static boolean finite(double[][] m) {
        for (double[] row : m) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }
}
