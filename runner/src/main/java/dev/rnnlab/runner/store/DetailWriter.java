package dev.rnnlab.runner.store;

import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.ParameterRecord;
import dev.rnnlab.engine.api.telemetry.RecurrentRecord;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import dev.rnnlab.engine.api.telemetry.TimeProfileRecord;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The detail telemetry of a run, in long format (one value per row):
 * <ul>
 *   <li>{@code parameters.csv}: step, param, layer (-1 = head), grad_norm (before clipping), weight_norm;</li>
 *   <li>{@code layers.csv}: step, layer, grad_norm, weight_norm: the same over each layer's four tensors;</li>
 *   <li>{@code time_profile.csv}: step, layer, t (1..T), grad_norm = {@code ||dL/dh_t||};</li>
 *   <li>{@code recurrent.csv}: step, layer, gate, spectral_radius, max_singular_value, saturation.</li>
 * </ul>
 */
public final class DetailWriter implements TelemetrySink, Closeable {

    public static final String PARAMETERS = "parameters.csv";
    public static final String LAYERS = "layers.csv";
    public static final String TIME_PROFILE = "time_profile.csv";
    public static final String RECURRENT = "recurrent.csv";

    private final CsvAppender parameters;
    private final CsvAppender layers;
    private final CsvAppender timeProfile;
    private final CsvAppender recurrent;

    public DetailWriter(RunDirectory dir) {
        this(dir, false);
    }

    /** With {@code append}, rows go after the files' existing ones (cut back by {@link #keepThrough} first). */
    DetailWriter(RunDirectory dir, boolean append) {
        parameters = new CsvAppender(dir.path().resolve(PARAMETERS), "step,param,layer,grad_norm,weight_norm", append);
        layers = new CsvAppender(dir.path().resolve(LAYERS), "step,layer,grad_norm,weight_norm", append);
        timeProfile = new CsvAppender(dir.path().resolve(TIME_PROFILE), "step,layer,t,grad_norm", append);
        recurrent = new CsvAppender(dir.path().resolve(RECURRENT),
                "step,layer,gate,spectral_radius,max_singular_value,saturation", append);
    }

    /** Drops every detail row after {@code step} (a resumed run's snapshot). */
    static void keepThrough(RunDirectory dir, long step) throws IOException {
        for (String name : List.of(PARAMETERS, LAYERS, TIME_PROFILE, RECURRENT)) {
            StepCsv.keepThrough(dir.path().resolve(name), step);
        }
    }

    @Override
    public void step(StepRecord record) {}

    @Override
    public void validation(EvalRecord record) {}

    @Override
    public void parameters(List<ParameterRecord> records) {
        Map<Integer, double[]> byLayer = new TreeMap<>();
        for (ParameterRecord r : records) {
            parameters.row(r.step(), r.name(), r.layer(), r.gradNorm(), r.weightNorm());
            if (r.layer() >= 0) {
                double[] sums = byLayer.computeIfAbsent(r.layer(), l -> new double[2]);
                sums[0] += r.gradNorm() * r.gradNorm();
                sums[1] += r.weightNorm() * r.weightNorm();
            }
        }
        long step = records.isEmpty() ? 0 : records.get(0).step();
        byLayer.forEach((layer, sums) -> layers.row(step, layer, Math.sqrt(sums[0]), Math.sqrt(sums[1])));
    }

    @Override
    public void timeProfile(TimeProfileRecord record) {
        double[] norms = record.gradNorms();
        for (int t = 0; t < norms.length; t++) {
            timeProfile.row(record.step(), record.layer(), t + 1, norms[t]);
        }
    }

    @Override
    public void recurrent(RecurrentRecord r) {
        recurrent.row(r.step(), r.layer(), r.gate(), r.spectralRadius(), r.maxSingularValue(),
                Double.isNaN(r.saturation()) ? "" : r.saturation());
    }

    @Override
    public void close() throws IOException {
        try (parameters; layers; timeProfile; recurrent) {
            // closes all four, even if one fails
        }
    }
}
