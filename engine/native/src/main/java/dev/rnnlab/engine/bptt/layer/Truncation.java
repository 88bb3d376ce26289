package dev.rnnlab.engine.bptt.layer;

/**
 * Truncated BPTT within a batch (Williams and Peng 1990; the window/backward lengths of DL4J's
 * tbpttFwdLength/tbpttBackLength). The sequence is cut into segments of {@code window} steps; the
 * forward pass is unchanged (states flow across segments), but no gradient crosses a segment boundary,
 * and within a segment only its last {@code backward} steps are active: their loss terms are the only
 * ones differentiated, and their gradient flows back no further than the first active step. The result
 * is the exact gradient of the active steps' loss with the state entering each active range held fixed.
 */
public record Truncation(int window, int backward) {

    /** Full BPTT: one segment, every step active. */
    public static final Truncation NONE = new Truncation(Integer.MAX_VALUE, Integer.MAX_VALUE);

    public Truncation {
        if (window < 1 || backward < 1 || backward > window) {
            throw new IllegalArgumentException("need 1 <= backward <= window, got window=" + window + " backward="
                    + backward);
        }
    }

    /** Exclusive end of the segment holding step t (0-based) of a sequence of length T. */
    int segmentEnd(int t, int seqLen) {
        long end = ((long) t / window + 1) * window;
        return (int) Math.min(seqLen, end);
    }

    /** Whether step t gets (and passes on) gradient. */
    public boolean active(int t, int seqLen) {
        return t >= segmentEnd(t, seqLen) - backward;
    }

    /** Whether step t is the last of its segment, so no recurrent gradient arrives from t + 1. */
    boolean lastOfSegment(int t, int seqLen) {
        return t == segmentEnd(t, seqLen) - 1;
    }
}
