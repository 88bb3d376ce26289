package dev.rnnlab.engine.api;

import dev.rnnlab.engine.api.spec.CellKind;
import dev.rnnlab.engine.api.spec.ClippingKind;
import dev.rnnlab.engine.api.spec.ConfigNamed;
import dev.rnnlab.engine.api.spec.OptimizerKind;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What an engine can train. Deeplearning4j, for example, has no GRU layer and no global-norm clipping,
 * so its provider leaves those out and configs asking for them are refused before any run starts.
 */
public record Capabilities(
        Set<CellKind> cells,
        Set<OptimizerKind> optimizers,
        Set<ClippingKind> clipping,
        Set<Precision> precisions,
        int maxLayers) {

    public Capabilities {
        cells = Set.copyOf(EnumSet.copyOf(cells));
        optimizers = Set.copyOf(EnumSet.copyOf(optimizers));
        clipping = Set.copyOf(EnumSet.copyOf(clipping));
        precisions = Set.copyOf(EnumSet.copyOf(precisions));
        if (maxLayers < 1) {
            throw new IllegalArgumentException("maxLayers must be >= 1, got " + maxLayers);
        }
    }

    /** One thing a run asks for that the engine cannot do, with the config key it came from. */
    public record Unsupported(String keyPath, String message) {}

    /** Everything in {@code spec} this engine cannot do; empty when it can train the run. */
    public List<Unsupported> check(String engineName, RunSpec spec) {
        List<Unsupported> out = new ArrayList<>();
        CellKind cell = spec.model().cell().kind();
        if (!cells.contains(cell)) {
            out.add(new Unsupported("model.cell",
                    "engine '" + engineName + "' does not support cell '" + cell.configName()
                            + "' (it supports " + names(cells) + ")"));
        }
        if (spec.model().layers() > maxLayers) {
            out.add(new Unsupported("model.layers",
                    "engine '" + engineName + "' supports at most " + maxLayers + " layers"));
        }
        OptimizerKind opt = spec.training().optimizer().kind();
        if (!optimizers.contains(opt)) {
            out.add(new Unsupported("training.optimizer.kind",
                    "engine '" + engineName + "' does not support optimizer '" + opt.configName()
                            + "' (it supports " + names(optimizers) + ")"));
        }
        ClippingKind clip = spec.training().clipping().kind();
        if (!clipping.contains(clip)) {
            out.add(new Unsupported("training.clipping.kind",
                    "engine '" + engineName + "' does not support clipping '" + clip.configName()
                            + "' (it supports " + names(clipping) + ")"));
        }
        if (!precisions.contains(spec.precision())) {
            out.add(new Unsupported("training.precision",
                    "engine '" + engineName + "' does not support precision '"
                            + spec.precision().configName() + "'"));
        }
        return out;
    }

    private static String names(Set<? extends ConfigNamed> values) {
        return values.stream().map(ConfigNamed::configName).sorted().toList().toString();
    }
}
