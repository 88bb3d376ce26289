package dev.rnnlab.engine.bptt.model;

import java.util.List;

/**
 * The recurrent state of every layer, each {@code [B, H]}: {@code h} per layer and, for LSTM, {@code c}
 * per layer (otherwise unused arrays). Carried detached from one batch to the next in stateful training.
 */
public record ModelState<A>(int batch, List<A> h, List<A> c) {

    public ModelState {
        h = List.copyOf(h);
        c = List.copyOf(c);
    }
}
