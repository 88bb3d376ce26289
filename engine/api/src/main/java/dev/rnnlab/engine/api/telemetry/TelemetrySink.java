package dev.rnnlab.engine.api.telemetry;

/** Receives telemetry from the training thread, in step order. */
public interface TelemetrySink {

    void step(StepRecord record);

    void validation(EvalRecord record);

    /** A sink that drops everything. */
    TelemetrySink NONE = new TelemetrySink() {
        @Override
        public void step(StepRecord record) {}

        @Override
        public void validation(EvalRecord record) {}
    };
}
