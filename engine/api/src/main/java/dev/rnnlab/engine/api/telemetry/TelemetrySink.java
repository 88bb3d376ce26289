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
     * Asked after every step: a non-null answer ends the run at once with that outcome and reason
     * (early-termination rules, time limits). Engines stop only at step boundaries.
     */
    default StopRequest stopRequest() {
        return null;
    }

    /**
     * Asked by engines that can resume ({@link dev.rnnlab.engine.api.EngineProvider#resumable()}) after every
     * step that did not end the run, once its records (validation included) have been passed on: true to be
     * handed a {@link #snapshot} of the training state after that step.
     */
    default boolean snapshotDue(long step) {
        return false;
    }

    /** The training state after {@code snapshot.step()} updates, when {@link #snapshotDue} asked for it. */
    default void snapshot(dev.rnnlab.engine.api.checkpoint.Snapshot snapshot) {}

    /**
     * The parameters at the end of the run ({@code step} = updates applied), by PyTorch state_dict name,
     * when {@link dev.rnnlab.engine.api.spec.TelemetrySpec#checkpoint()} asks for them.
     */
    default void checkpoint(long step, java.util.List<dev.rnnlab.engine.api.checkpoint.Tensor> parameters) {}

    /** A sink that drops everything. */
    TelemetrySink NONE = new TelemetrySink() {
        @Override
        public void step(StepRecord record) {}

        @Override
        public void validation(EvalRecord record) {}
    };
}
