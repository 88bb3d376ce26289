package dev.rnnlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rnnlab.runner.exec.SweepOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sweep benchmarks time real sweeps, and refuse to time one whose runs did not all complete. */
class SweepRigTest {

    /** Tests run in the module's directory; the benchmarks run from the project's root. */
    private static final String QUICKSTART = "../experiments/sine-quickstart.yaml";

    @Test
    void runsEveryPlannedRunIntoAFreshDirectoryEachTime() throws Exception {
        SweepRig rig = new SweepRig(QUICKSTART, List.of("training.steps=2"));
        assertEquals(6, rig.runs());
        SweepOutcome first = rig.run(2);
        assertEquals(6, first.runs().size());
        assertEquals(0, first.skipped());
        Path dir = rig.directory();
        assertTrue(Files.isRegularFile(dir.resolve("sine-quickstart").resolve("runs")
                .resolve(first.runs().get(0).runId()).resolve("metrics.csv")));
        SweepOutcome second = rig.run(1);
        assertEquals(0, second.skipped(), "a second call must not find the first call's runs finished");
        assertFalse(Files.exists(dir), "the previous directory is deleted");
        Path last = rig.directory();
        rig.delete();
        assertFalse(Files.exists(last));
    }

    @Test
    void refusesToTimeASweepWhoseRunsDiverged() throws Exception {
        SweepRig rig = new SweepRig(QUICKSTART, List.of("training.optimizer.lr=1e30", "training.steps=50"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> rig.run(1));
        assertTrue(e.getMessage().contains("0 of 3 runs completed"), e.getMessage());
        assertTrue(e.getMessage().contains("diverged"), e.getMessage());
        rig.delete();
    }

    @Test
    void namesTheMissingExperimentFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SweepRig("no/such/experiment.yaml", List.of()));
        assertTrue(e.getMessage().contains("no such experiment file"), e.getMessage());
    }
}
