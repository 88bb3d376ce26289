package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.telemetry.ParameterRecord;
import dev.rnnlab.engine.api.telemetry.RecurrentRecord;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import dev.rnnlab.engine.api.telemetry.TimeProfileRecord;
import dev.rnnlab.engine.bptt.layer.RecurrentLayer;
import dev.rnnlab.engine.bptt.math.Kernels;
import dev.rnnlab.engine.bptt.model.SequenceModel;
import dev.rnnlab.engine.bptt.param.Parameter;
import dev.rnnlab.engine.shared.Spectra;
import java.util.ArrayList;
import java.util.List;

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
                sink.recurrent(new RecurrentRecord(step, l, gates.get(g), Spectra.spectralRadius(block),
                        Spectra.maxSingularValue(block), saturation[g]));
            }
        }
    }
}
