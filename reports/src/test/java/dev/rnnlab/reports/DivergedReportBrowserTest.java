package dev.rnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a sweep where one configuration diverges on every seed, with long swept keys and values,
 * in headless Chromium at 1400 px: what a researcher reads must not mislead, and must fit.
 */
@EnabledIf("dev.rnnlab.reports.Chromium#available")
class DivergedReportBrowserTest {

    @TempDir Path dir;
    Path report;

    @BeforeEach
    void write() throws Exception {
        report = SweepReport.write(SweepFixture.writeDiverging(dir));
    }

    private String dom(String fragment) throws Exception {
        Chromium.Result r = Chromium.run(dir, "--window-size=1400,900", "--virtual-time-budget=5000", "--dump-dom",
                report.toUri() + fragment);
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher html = Pattern.compile("<html[^>]*>").matcher(r.stdout());
        assertTrue(html.find() && html.group().contains("data-rendered=\"ok\"") && !html.group().contains("data-js-errors"),
                "JS errors: " + ReportBrowserTest.consoleLines(r));
        assertEquals("", ReportBrowserTest.consoleLines(r));
        return r.stdout();
    }

    @Test
    void aConfigurationThatAlwaysDivergedIsCountedNotAveraged() throws Exception {
        String dom = dom("");
        Matcher row = Pattern.compile("<tr><td class=\"text\" title=\"training.optimizer.lr=0.1, training.clipping=\\{kind: "
                + "none}\">lr=0.1, clipping=none</td><td class=\"text outcome-diverged\">3/3 diverged</td><td>0</td>"
                + "((?:<td>[^<]*</td>){4})</tr>").matcher(dom);
        assertTrue(row.find(), "the diverged configuration's row");
        assertEquals("<td>\u2014</td>".repeat(4), row.group(1), "no mean, interval, min or max");
        assertTrue(dom.contains("<td class=\"text\">3/3 completed</td><td>3</td>"));
        assertTrue(dom.contains("3/3 vs 0/3 runs diverged: Fisher's exact test p=0.3 (Holm-adjusted over 3 pairs; "
                + "unadjusted 0.1)"));
        assertTrue(dom.contains("(completed runs, n=3 vs 3: Welch's t-test"));
        assertFalse(dom.contains("0.0495"), "no normal approximation at 3 against 3");
    }

    @Test
    void everyColumnOfTheRunsTableShowsAt1400Pixels() throws Exception {
        String dom = dom("");
        Matcher overflow = Pattern.compile("data-table-overflow=\"(\\d+)\"").matcher(dom);
        assertTrue(overflow.find());
        assertEquals("0", overflow.group(1), "pixels of the runs table hidden behind a horizontal scroll");
        assertTrue(dom.contains("<th class=\"text\" title=\"training.optimizer.lr\">lr</th>"));
        assertTrue(dom.contains("<td class=\"text\" title=\"{kind: global_norm, max_norm: 1.0}\">global_norm(1.0)</td>"));
    }

    @Test
    void legendsNameWhatDiffersOnceAndLogAxesTickAtOneTwoFive() throws Exception {
        String dom = dom("");
        String train = chart(dom, "train_loss");
        List<String> labels = all(train, "<span class=\"legend-label\">([^<]*)</span>");
        assertEquals(List.of("lr=0.01, clipping=none (3/3 completed)", "lr=0.01, clipping=global_norm(1.0) (3/3 completed)",
                "lr=0.1, clipping=none, seed 1: diverged", "lr=0.1, clipping=none, seed 2: diverged",
                "lr=0.1, clipping=none, seed 3: diverged", "lr=0.1, clipping=global_norm(1.0) (3/3 completed)"), labels,
                "pooled configurations (completed runs only) and the runs left out, each once");
        String page = dom.replaceAll("(?s)<script[^>]*>.*?</script>", "");
        assertFalse(page.contains("95% hi") || page.contains("95% lo"), "band bounds are not legend entries");
        assertTrue(train.contains("title=\"training.optimizer.lr=0.01, training.clipping={kind: none}\""), "full text on hover");
        for (String column : new String[] {"train_loss", "val_loss", "grad_norm_pre"}) {
            Matcher ticks = Pattern.compile("data-y-ticks=\"([^\"]+)\"").matcher(chart(dom, column));
            assertTrue(ticks.find(), column + " has no recorded ticks");
            for (String t : ticks.group(1).split(",")) {
                double v = Double.parseDouble(t);
                double mantissa = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
                assertTrue(Math.abs(mantissa - 1) < 1e-9 || Math.abs(mantissa - 2) < 1e-9 || Math.abs(mantissa - 5) < 1e-9,
                        column + ": tick " + t + " of " + ticks.group(1));
            }
        }
    }

    @Test
    void runsWithoutAFinalLossAreDashedAtTheBottomOfParallelCoordinates() throws Exception {
        String dom = dom("");
        Matcher lines = Pattern.compile("<polyline points=\"([^\"]+)\"([^>]*)><title>([^<]+)</title>").matcher(dom);
        int dashed = 0;
        int total = 0;
        while (lines.find()) {
            total++;
            String[] points = lines.group(1).split(" ");
            double lossY = Double.parseDouble(points[points.length - 1].split(",")[1]);
            if (lines.group(3).startsWith("d")) {
                assertTrue(lines.group(2).contains("stroke-dasharray=\"4 3\""), "a diverged run is dashed: " + lines.group(3));
                assertEquals(310, lossY, 1e-9, "at the bottom: " + lines.group(3));
                dashed++;
            } else {
                assertTrue(lossY < 270, "a completed run within the axis: " + lines.group(3));
            }
        }
        assertEquals(12, total);
        assertEquals(3, dashed);
    }

    @Test
    void aDivergedRunsDetailCoversItsOwnStepsAndMarksWhereItDiverged() throws Exception {
        String id = SweepFixture.divergingId(6, true, false);
        String dom = dom("#run-" + id);
        assertTrue(dom.contains("<details id=\"run-" + id + "\" open=\"\""));
        Matcher minis = Pattern.compile("<div class=\"mini\" data-column=\"([a-z_]+)\"([^>]*)>").matcher(dom);
        int found = 0;
        while (minis.find()) {
            String attrs = minis.group(2);
            Matcher x = Pattern.compile("data-x-range=\"0,(\\d+(?:\\.\\d+)?)\"").matcher(attrs);
            assertTrue(x.find(), minis.group(1) + attrs);
            double xMax = Double.parseDouble(x.group(1));
            assertTrue(xMax >= 34 && xMax <= 36, minis.group(1) + ": x axis to " + xMax + ", not the sweep's 300 steps");
            assertTrue(attrs.contains("data-diverged-at=\"34\""), attrs);
            assertTrue(attrs.contains("data-last-finite="), attrs);
            found++;
        }
        assertEquals(4, found, "training and validation loss, gradient norm before and after clipping");
        Matcher trainLast = Pattern.compile("data-column=\"train_loss\"[^>]*data-last-finite=\"33,([^\"]+)\"").matcher(dom);
        assertTrue(trainLast.find(), "the last finite training loss, at step 33");
        assertEquals(1e4, Double.parseDouble(trainLast.group(1)), 1e-6);
        Matcher valTicks = Pattern.compile("data-column=\"val_loss\"[^>]*data-y-ticks=\"([^\"]+)\"").matcher(dom);
        assertTrue(valTicks.find(), "the y axis has numbers");
    }

    /** The chart section of one metrics.csv column, up to the next chart. */
    private static String chart(String dom, String column) {
        int start = dom.indexOf("<section class=\"chart\" data-column=\"" + column + "\"");
        assertTrue(start >= 0, "no chart " + column);
        int end = dom.indexOf("<section class=\"chart", start + 10);
        return dom.substring(start, end < 0 ? dom.length() : end);
    }

    private static List<String> all(String s, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
