package dev.rnnlab.engine.api.spec;

import java.io.Serializable;
import java.util.Objects;

/**
 * A stack of {@code layers} recurrent layers of width {@code hidden}, initialised as {@code init},
 * followed by a linear head.
 * Input and output widths come from the data ({@link dev.rnnlab.engine.api.data.SequenceData}).
 */
public record ModelSpec(CellSpec cell, int hidden, int layers, InitSpec init) implements Serializable {

    public static final int MAX_HIDDEN = 65_536;
    public static final int MAX_LAYERS = 64;

    public ModelSpec {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(init, "init");
        if (hidden < 1 || hidden > MAX_HIDDEN) {
            throw new IllegalArgumentException("hidden must be in [1, " + MAX_HIDDEN + "], got " + hidden);
        }
        if (layers < 1 || layers > MAX_LAYERS) {
            throw new IllegalArgumentException("layers must be in [1, " + MAX_LAYERS + "], got " + layers);
        }
    }

    /** With PyTorch's default initialisation. */
    public ModelSpec(CellSpec cell, int hidden, int layers) {
        this(cell, hidden, layers, InitSpec.PYTORCH);
    }
}
