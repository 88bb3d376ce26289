package dev.rnnlab.engine.api.telemetry;

import java.util.Objects;

/** A request from the sink's owner to end a run now, with the outcome to report and why. */
public record StopRequest(Outcome outcome, String reason) {

    public StopRequest {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }
}
