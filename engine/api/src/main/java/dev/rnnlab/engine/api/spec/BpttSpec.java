package dev.rnnlab.engine.api.spec;

import java.io.Serializable;

/** How far gradients flow back through time within a batch. */
public sealed interface BpttSpec extends Serializable permits BpttSpec.Full, BpttSpec.Truncated {

    BpttKind kind();

    /** Full BPTT over the whole sequence. */
    record Full() implements BpttSpec {
        @Override
        public BpttKind kind() {
            return BpttKind.FULL;
        }
    }

    /**
     * Truncated BPTT (Williams and Peng 1990): the sequence is cut into windows of {@code window} steps;
     * no gradient crosses a window boundary, and within a window only the last {@code backward} steps are
     * differentiated (their loss terms, back to the first of them). Forward values are unchanged, and
     * the optimizer still steps once per batch. {@code backward = window} is the common case.
     */
    record Truncated(int window, int backward) implements BpttSpec {
        public Truncated {
            if (window < 1 || backward < 1 || backward > window) {
                throw new IllegalArgumentException("need 1 <= backward <= window, got window=" + window
                        + " backward=" + backward);
            }
        }

        @Override
        public BpttKind kind() {
            return BpttKind.TRUNCATED;
        }
    }
}
