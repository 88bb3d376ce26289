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

    @Test
    void theValidationLossAtInitialisationIsNeverTheBest() throws Exception {
        try (MetricsWriter w = new MetricsWriter(dir.resolve("metrics.csv"))) {
            w.validation(new EvalRecord(0, 0.5));
            assertEquals(Double.NaN, w.bestValidationLoss(), "only step 0 so far");
            assertEquals(-1, w.bestValidationStep());
            w.validation(new EvalRecord(10, 0.75));
            assertEquals(0.75, w.bestValidationLoss(), "worse than at step 0, and still the best training reached");
            assertEquals(10, w.bestValidationStep());
        }
    }

    @Test
    void continuingAfterASnapshotCutsLaterRowsAndATornLineAndKeepsTheBestValidationLoss() throws Exception {
        Path csv = dir.resolve("metrics.csv");
        Files.writeString(csv, MetricsWriter.HEADER + "\n"
                + "0,,2.0,,,,\n"
                + "1,1.5,0.5,3.0,1.0,1,0.01\n"
                + "2,1.25,0.75,0.5,0.5,0,0.01\n"
                + "3,1.0,0.25,0.5,0.5,0,0.01\n" // after the snapshot at step 2: cut
                + "4,0.9,,0.5"); // torn by the crash
        try (MetricsWriter w = MetricsWriter.continuing(csv, 2)) {
            assertEquals(0.5, w.bestValidationLoss(), "read back from the rows kept, not from the cut step 3");
            assertEquals(1, w.bestValidationStep());
            w.step(new StepRecord(3, 1.0, 0.5, 0.5, false, 0.01));
        }
        assertEquals(List.of(MetricsWriter.HEADER,
                "0,,2.0,,,,",
                "1,1.5,0.5,3.0,1.0,1,0.01",
                "2,1.25,0.75,0.5,0.5,0,0.01",
                "3,1.0,,0.5,0.5,0,0.01"), Files.readAllLines(csv));
    }
}
