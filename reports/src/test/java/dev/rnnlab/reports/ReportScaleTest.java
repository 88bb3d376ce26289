package dev.rnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size and speed budget: 1,000 runs x 10,000 steps make a report under about 10 MB that renders in
 * headless Chromium in under 2 s (the page measures its own render time). Runs are built in memory,
 * with the training-loss column only; the other charts then hold no values, as for runs that record
 * nothing else, so the measured size is that of one full chart times four.
 */
class ReportScaleTest {

    static final int RUNS = 1000;
    static final int STEPS = 10_000;

    @TempDir Path dir;

    static SweepReader.Sweep bigSweep() {
        List<RunData> runs = new ArrayList<>();
        long[] steps = new long[STEPS];
        for (int s = 0; s < STEPS; s++) {
            steps[s] = s + 1;
        }
        for (int r = 0; r < RUNS; r++) {
            double[] loss = new double[STEPS];
            for (int s = 0; s < STEPS; s++) {
                loss[s] = (1 + r % 7) / (1.0 + 0.01 * s) * (1 + 0.1 * Math.sin(s * 0.37 + r));
            }
            Metrics m = new Metrics(steps, Map.of("train_loss", loss), 0);
            runs.add(new RunData(String.format("run%04d", r), r, Map.of("model.hidden", Integer.toString(8 + r % 7)),
                    null, m, DetailCsv.EMPTY, DetailCsv.EMPTY, DetailCsv.EMPTY, new RunFiles("", "", "", null, null)));
        }
        return new SweepReader.Sweep("big", List.of("model.hidden"), runs);
    }

    @Test
    void aThousandRunsOfTenThousandStepsStayUnderTheSizeBudget() throws Exception {
        ObjectNode data = ReportData.build(bigSweep());
        String html = HtmlReport.render(data);
        int curveBytes = html.getBytes(StandardCharsets.UTF_8).length;
        // Four charts of this size: training loss, validation loss and the two gradient norms.
        assertTrue(4L * curveBytes < 12_000_000, "report would be " + 4L * curveBytes + " bytes with all four curves");
        assertEquals(ReportData.pointsPerCurve(RUNS), data.get("charts").get(0).get("x").size());
    }

    @Test
    @EnabledIf("dev.rnnlab.reports.Chromium#available")
    void andRendersInUnderTwoSeconds() throws Exception {
        Path report = dir.resolve("big.html");
        Files.writeString(report, HtmlReport.render(ReportData.build(bigSweep())));
        Chromium.Result r = Chromium.run(dir, "--virtual-time-budget=20000", "--dump-dom", report.toUri().toString());
        Matcher ms = Pattern.compile("data-render-ms=\"(\\d+)\"").matcher(r.stdout());
        assertTrue(ms.find(), "rendered: " + r.stdout().substring(0, Math.min(300, r.stdout().length())));
        assertTrue(Integer.parseInt(ms.group(1)) < 2000, "render took " + ms.group(1) + " ms");
    }
}
