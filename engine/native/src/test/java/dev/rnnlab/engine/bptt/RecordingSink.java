package dev.rnnlab.engine.bptt;

import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import dev.rnnlab.engine.api.telemetry.TelemetrySink;
import java.util.ArrayList;
import java.util.List;

/** Keeps every record, for assertions. */
class RecordingSink implements TelemetrySink {

    final List<StepRecord> steps = new ArrayList<>();
    final List<EvalRecord> evals = new ArrayList<>();

    @Override
    public void step(StepRecord record) {
        steps.add(record);
    }

    @Override
    public void validation(EvalRecord record) {
        evals.add(record);
    }
}
