package dev.rnnlab.engine.bptt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.engine.api.spec.CellSpec;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.InitScheme;
import dev.rnnlab.engine.api.spec.InitSpec;
import dev.rnnlab.engine.api.spec.ModelSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.engine.api.telemetry.ParameterRecord;
import dev.rnnlab.engine.api.telemetry.RecurrentRecord;
import dev.rnnlab.engine.api.telemetry.TimeProfileRecord;
import dev.rnnlab.engine.contract.EngineContract.Recording;
import dev.rnnlab.engine.contract.SineData;
import dev.rnnlab.engine.shared.Spectra;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TelemetryTest {

    static final class DetailSink extends Recording {
        final List<ParameterRecord> params = new ArrayList<>();
        final List<TimeProfileRecord> profiles = new ArrayList<>();
        final List<RecurrentRecord> recurrent = new ArrayList<>();

        @Override
        public void parameters(List<ParameterRecord> records) {
            params.addAll(records);
        }

        @Override
        public void timeProfile(TimeProfileRecord record) {
            profiles.add(record);
        }

        @Override
        public void recurrent(RecurrentRecord record) {
            recurrent.add(record);
        }
    }

    static DetailSink train(CellSpec cell, InitSpec init, int layers, TelemetrySpec telemetry) {
        RunSpec spec = new RunSpec("t", 3, new ModelSpec(cell, 5, layers, init),
                new TrainingSpec(20, 4, 10, new OptimizerSpec.Sgd(1e-6), new ScheduleSpec.Constant(),
                        new ClippingSpec.None()), Precision.FLOAT64, telemetry);
        DetailSink sink = new DetailSink();
        new NativeEngine().train(spec, new SineData(12, 4, -1), sink);
        return sink;
    }

    @Test
    void detailIsRecordedAtDetailStepsOnly() {
        DetailSink sink = train(new CellSpec.Rnn(CellSpec.Nonlinearity.TANH), new InitSpec(new InitScheme.XavierUniform(),
                new InitScheme.Identity(), new InitScheme.Zeros()), 2, new TelemetrySpec(5, 10, false));
        assertEquals(List.of(5L, 10L, 15L, 20L), sink.steps.stream().map(r -> r.step()).toList());
        assertEquals(List.of(10L, 10L, 20L, 20L), sink.profiles.stream().map(TimeProfileRecord::step).toList());
        assertEquals(12, sink.profiles.get(0).gradNorms().length, "one norm per timestep");
        assertEquals(2 * 10, sink.params.size(), "4 tensors per layer x 2 layers + 2 head tensors, twice");
        assertEquals("head.bias", sink.params.get(9).name());
        assertEquals(-1, sink.params.get(9).layer());
        RecurrentRecord first = sink.recurrent.get(0);
        assertEquals("h", first.gate());
        assertEquals(1.0, first.spectralRadius(), 1e-4, "identity W_hh after tiny updates");
        assertEquals(1.0, first.maxSingularValue(), 1e-4);
        assertTrue(Double.isNaN(first.saturation()));
        double[] profile = sink.profiles.get(1).gradNorms();
        assertTrue(profile[11] > 0 && profile[0] > 0);
    }

    @Test
    void gatedCellsReportEveryGateBlockWithItsSaturation() {
        DetailSink sink = train(new CellSpec.Lstm(), InitSpec.PYTORCH, 1, new TelemetrySpec(1, 20, false));
        assertEquals(List.of("i", "f", "g", "o"), sink.recurrent.stream().map(RecurrentRecord::gate).toList());
        for (RecurrentRecord r : sink.recurrent) {
            assertTrue(r.saturation() >= 0 && r.saturation() <= 1, r.toString());
            assertTrue(r.spectralRadius() > 0 && r.spectralRadius() <= r.maxSingularValue() + 1e-12, r.toString());
        }
        DetailSink gru = train(new CellSpec.Gru(), InitSpec.PYTORCH, 1, new TelemetrySpec(1, 20, false));
        assertEquals(List.of("r", "z", "n"), gru.recurrent.stream().map(RecurrentRecord::gate).toList());
    }

    @Test
    void offMeansNothingButScalars() {
        DetailSink sink = train(new CellSpec.Gru(), InitSpec.PYTORCH, 1, new TelemetrySpec(1, 0, false));
        assertEquals(20, sink.steps.size());
        assertTrue(sink.params.isEmpty() && sink.profiles.isEmpty() && sink.recurrent.isEmpty());
    }

    @Test
    void spectralQuantitiesOfKnownMatrices() {
        assertEquals(2.0, Spectra.spectralRadius(new double[][] {{0, -2}, {2, 0}}), 1e-12, "eigenvalues +-2i");
        assertEquals(1.0, Spectra.spectralRadius(new double[][] {{1, 1}, {0, 1}}), 1e-12);
        assertEquals((1 + Math.sqrt(5)) / 2, Spectra.maxSingularValue(new double[][] {{1, 1}, {0, 1}}), 1e-12);
        assertTrue(Double.isNaN(Spectra.spectralRadius(new double[][] {{Double.NaN}})));
        assertTrue(Double.isNaN(Spectra.maxSingularValue(new double[][] {{1, Double.POSITIVE_INFINITY}, {0, 1}})));
        assertEquals(0.0, Spectra.spectralRadius(new double[][] {{0, 3}, {0, 0}}), 1e-12, "nilpotent");
        assertEquals(3.0, Spectra.maxSingularValue(new double[][] {{0, 3}, {0, 0}}), 1e-12);
    }

    /** Commons Math's full decompositions are an independent implementation of the same two quantities. */
    @Test
    void spectralQuantitiesAgreeWithCommonsMathOnRandomMatrices() {
        java.util.Random rnd = new java.util.Random(7);
        for (int n : new int[] {1, 3, 8, 17, 32, 64}) {
            double[][] m = new double[n][n];
            for (double[] row : m) {
                for (int j = 0; j < n; j++) {
                    row[j] = rnd.nextGaussian() / Math.sqrt(n);
                }
            }
            var a = new org.apache.commons.math3.linear.Array2DRowRealMatrix(m, true);
            var eig = new org.apache.commons.math3.linear.EigenDecomposition(a);
            double radius = 0;
            for (int i = 0; i < n; i++) {
                radius = Math.max(radius, Math.hypot(eig.getRealEigenvalue(i), eig.getImagEigenvalue(i)));
            }
            double sigma = new org.apache.commons.math3.linear.SingularValueDecomposition(a).getSingularValues()[0];
            assertEquals(radius, Spectra.spectralRadius(m), 1e-12 * radius, "spectral radius, n=" + n);
            assertEquals(sigma, Spectra.maxSingularValue(m), 1e-12 * sigma, "top singular value, n=" + n);
        }
    }
}
