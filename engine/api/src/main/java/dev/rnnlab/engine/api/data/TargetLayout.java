package dev.rnnlab.engine.api.data;

/** Where targets sit in time, and so where the linear head is applied. */
public enum TargetLayout {
    /** A target at every step, shape {@code [B, T, O]}: the head reads every {@code h_t}. */
    EVERY_STEP,
    /** One target per sequence, shape {@code [B, O]}: the head reads the last {@code h_T} only. */
    LAST_STEP
}
