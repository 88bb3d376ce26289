package dev.rnnlab.runner.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rnnlab.engine.api.telemetry.EvalRecord;
import dev.rnnlab.engine.api.telemetry.StepRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsWriterTest {

    @TempDir Path dir;

    @Test
    void validationOfAStepJoinsThatStepsRow() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        try (MetricsWriter w = new MetricsWriter(csv)) {
            w.validation(new EvalRecord(0, 2.0));
            w.step(new StepRecord(1, 1.5, 3.0, 1.0, true, 0.01));
            w.step(new StepRecord(2, 1.25, 0.5, 0.5, false, 0.01));
            w.validation(new EvalRecord(2, 1.0));
            w.step(new StepRecord(3, Double.NaN, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, false, 0.01));
            assertEquals(1.0, w.bestValidationLoss());
            assertEquals(2, w.bestValidationStep());
        }
        assertEquals(List.of(MetricsWriter.HEADER,
                "0,,2.0,,,,",
                "1,1.5,,3.0,1.0,1,0.01",
                "2,1.25,1.0,0.5,0.5,0,0.01",
                "3,NaN,,Infinity,Infinity,0,0.01"), Files.readAllLines(csv));
    }
}
