package dev.rnnlab.engine.shared;

import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Spectral telemetry of a recurrent gate block {@code W_hh[g]} (H x H): its spectral radius (whether the linear
 * part of the recurrence grows or shrinks a state) and its top singular value (the largest gain on any state).
 * Values only, no vectors: O(H^3), about 1 s per block at H = 512.
 */
public final class Spectra {

    private Spectra() {}

    /** Largest eigenvalue modulus; NaN if the matrix is not finite or the QR iteration does not converge. */
    public static double spectralRadius(double[][] m) {
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
    public static double maxSingularValue(double[][] m) {
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
