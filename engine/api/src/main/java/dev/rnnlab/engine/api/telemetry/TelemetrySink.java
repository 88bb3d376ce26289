package dev.rnnlab.engine.api.telemetry;

/** Receives telemetry from the training thread, in step order. */
public interface TelemetrySink {

    void step(StepRecord record);

    void validation(EvalRecord record);

    /** Per-parameter norms at a detail step. */
    default void parameters(java.util.List<ParameterRecord> records) {}

    /** Per-timestep gradient norms of one layer at a detail step. */
    default void timeProfile(TimeProfileRecord record) {}

    /** Spectral telemetry and saturation of one recurrent gate block at a detail step. */
    default void recurrent(RecurrentRecord record) {}

    /**
     * The parameters at the end of the run ({@code step} = updates applied), by PyTorch state_dict name,
     * when {@link dev.rnnlab.engine.api.spec.TelemetrySpec#checkpoint()} asks for them.
     */
    /**
     * Asked after every step: a non-null answer ends the run at once with that outcome and reason
     * (early-termination rules, time limits). Engines stop only at step boundaries.
     */
    default StopRequest stopRequest() {
        return null;
    }

    default void checkpoint(long step, java.util.List<dev.rnnlab.engine.api.checkpoint.Tensor> parameters) {}

    /** A sink that drops everything. */
    TelemetrySink NONE = new TelemetrySink() {
        @Override
        public void step(StepRecord record) {}

        @Override
        public void validation(EvalRecord record) {}
    };
}
