package dev.rnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** The report in real headless Chromium, from file://, with no network. */
@EnabledIf("dev.rnnlab.reports.Chromium#available")
class ReportBrowserTest {

    @TempDir Path dir;

    @Test
    void rendersEveryChartWithNoErrorAndKeepsHostileStringsInert() throws Exception {
        Path report = SweepReport.write(SweepFixture.write(dir, ReportTest.HOSTILE));
        Chromium.Result r = Chromium.run(dir, "--virtual-time-budget=5000", "--dump-dom", report.toUri().toString());
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher html = Pattern.compile("<html[^>]*>").matcher(r.stdout());
        assertTrue(html.find(), r.stdout());
        assertTrue(html.group().contains("data-rendered=\"ok\""), html.group());
        assertFalse(html.group().contains("data-js-errors"), "JS errors: " + html.group() + "\n" + consoleLines(r));
        assertFalse(html.group().contains("data-pwned"), "an injected script ran");
        assertEquals("", consoleLines(r), "console messages");
        assertEquals(9, count(r.stdout(), "class=\"uplot"), "four curves, gradient through time, layer norm, "
                + "spectral radius, singular value, the profile at a chosen step");
        assertEquals(3, count(r.stdout(), "<tr><td"), "three table rows");
        assertTrue(r.stdout().contains("&lt;/script&gt;&lt;script&gt;document"), "the hostile string is shown as text");
    }

    @Test
    void aRunsDetailOpensFromItsLinkWithEveryCurveOfTheRun() throws Exception {
        Path report = SweepReport.write(SweepFixture.write(dir, "plain"));
        Chromium.Result r = Chromium.run(dir, "--virtual-time-budget=5000", "--dump-dom",
                report.toUri() + "#run-aaa");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(Pattern.compile("<details id=\"run-aaa\" open=\"\"").matcher(r.stdout()).find(), "opened");
        assertEquals(9 + 8, count(r.stdout(), "class=\"uplot"), "plus run aaa's eight curves");
        assertEquals("", consoleLines(r));
    }

    @Test
    void theGradientThroughTimeSpansEveryDecadeOfTheProfile() throws Exception {
        Path sweep = SweepFixture.write(dir, "plain");
        // Run aaa's gradient vanishes by 39 decades over T = 40 (0.1 per step back): the outlier-trimmed range
        // of the other charts would cut off most of it, and a log axis stops near 1e-16.
        StringBuilder profile = new StringBuilder("step,layer,t,grad_norm\n");
        for (int t = 1; t <= 40; t++) {
            profile.append("300,0,").append(t).append(',').append(Math.pow(0.1, 40 - t)).append('\n');
        }
        Files.writeString(sweep.resolve("runs/aaa/time_profile.csv"), profile.toString());
        Chromium.Result r = Chromium.run(dir, "--virtual-time-budget=5000", "--dump-dom",
                SweepReport.write(sweep).toUri().toString());
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher range = Pattern.compile("data-column=\"time_profile_l0\"[^>]*data-y-range=\"([^,\"]+),([^\"]+)\"")
                .matcher(r.stdout());
        assertTrue(range.find(), "no y range on the gradient-through-time chart");
        double min = Double.parseDouble(range.group(1));
        double max = Double.parseDouble(range.group(2));
        assertTrue(min <= -39 && max >= 0, "y range (log10) " + min + " to " + max + " must hold 1e-39 to 1");
        Matcher html = Pattern.compile("<html[^>]*>").matcher(r.stdout());
        assertTrue(html.find() && html.group().contains("data-rendered=\"ok\"") && !html.group().contains("data-js-errors"),
                "JS errors: " + consoleLines(r));
    }

    @Test
    void olderRunsOfEarlierPlansAreOneClickAway() throws Exception {
        Path report = SweepReport.write(ReportTest.olderPlanFixture(dir));
        Chromium.Result r = Chromium.run(dir, "--virtual-time-budget=5000", "--dump-dom", report.toUri().toString());
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("<details class=\"older\" id=\"older-runs\"><summary>1 older run from earlier plans"),
                "a collapsed list below the runs table");
        assertTrue(r.stdout().contains("<td class=\"text\">plan 1 of 2, written 2026-12-01T10:00:00Z</td>"));
        assertTrue(r.stdout().contains("3 runs in the current plan (and 1 older, listed below the table)"));
        assertEquals(3, count(r.stdout(), "<tr><td>"), "the runs table: the current plan's three");
        assertEquals("", consoleLines(r));
    }

    @Test
    void aRunWhoseEngineHasNoGradientThroughTimeIsSaidSo() throws Exception {
        Path sweep = SweepFixture.write(dir, "plain");
        Path summary = sweep.resolve("runs/bbb/summary.json");
        String json = Files.readString(summary).strip();
        Files.writeString(summary, json.substring(0, json.length() - 1)
                + ", \"engine\": \"dl4j\", \"provenance\": {\"time_profile\": \"not available on dl4j for lstm\"}}");
        Chromium.Result r = Chromium.run(dir, "--virtual-time-budget=5000", "--dump-dom", SweepReport.write(sweep).toUri()
                + "#run-bbb");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().contains("<p class=\"hint unavailable\">Gradient through time ||dL/dh_t||: not available on "
                + "dl4j for lstm (1 run)."), "in the gradient-through-time chart, where run aaa's profile is drawn");
        assertTrue(r.stdout().contains("<p class=\"hint unavailable\">Gradient through time: not available on dl4j for lstm.</p>"),
                "in the run's detail");
        assertEquals("", consoleLines(r));
    }

    @Test
    void aRunsPredictionsAndRolloutAreDrawnAgainstTheTruthInItsDetail() throws Exception {
        Path sweep = SweepFixture.write(dir, "plain");
        StringBuilder csv = new StringBuilder("sequence,t,column,target,prediction\n");
        for (int n = 0; n < 3; n++) {
            for (int t = 0; t < 4; t++) {
                csv.append(n).append(',').append(t).append(",CO2,").append(400 + n + t).append(',').append(401 + n + t)
                        .append('\n');
            }
        }
        Files.writeString(sweep.resolve("runs/aaa/predictions.csv"), csv + "torn,line\n");
        Files.writeString(sweep.resolve("runs/aaa/rollout.csv"), "t,target,prediction\n2,0.5,0.49\n3,0.6,0.58\n4,0.7,0.66\n");
        Chromium.Result r = Chromium.run(dir, "--virtual-time-budget=5000", "--dump-dom", SweepReport.write(sweep).toUri()
                + "#run-aaa");
        assertEquals(0, r.exitCode(), r.stderr());
        Matcher box = Pattern.compile("<div class=\"predictions\" data-points=\"(\\d+)\"><h3>Predictions against the truth: "
                + "CO2, in the data's units").matcher(r.stdout());
        assertTrue(box.find(), "the predictions chart in aaa's detail");
        assertEquals("12", box.group(1), "3 sequences x 4 steps; the torn line skipped");
        assertTrue(r.stdout().contains("<div class=\"rollout\" data-points=\"3\"><h3>Rollout: each prediction fed back as "
                + "the next input, from step 2"), "the rollout chart");
        assertEquals(9 + 8 + 2, count(r.stdout(), "class=\"uplot"), "the page's charts, aaa's eight, predictions, rollout");
        assertEquals("", consoleLines(r));
    }

    @Test
    void theChartsAreNotBlank() throws Exception {
        Path report = SweepReport.write(SweepFixture.write(dir, "plain"));
        Path png = dir.resolve("shot.png");
        Chromium.Result r = Chromium.run(dir, "--window-size=1400,1300", "--virtual-time-budget=5000",
                "--screenshot=" + png, report.toUri().toString());
        assertEquals(0, r.exitCode(), r.stderr());
        BufferedImage image = ImageIO.read(png.toFile());
        int background = image.getRGB(image.getWidth() - 1, image.getHeight() - 1);
        Set<Integer> colours = new HashSet<>();
        long other = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y);
                colours.add(rgb);
                if (rgb != background) {
                    other++;
                }
            }
        }
        double fraction = other / (image.getWidth() / 2.0 * image.getHeight() / 2.0);
        assertTrue(colours.size() > 50, "distinct colours: " + colours.size());
        assertTrue(fraction > 0.05, "non-background fraction: " + fraction);
    }

    static String consoleLines(Chromium.Result r) {
        StringBuilder b = new StringBuilder();
        for (String line : r.stderr().split("\n")) {
            if (line.contains(":CONSOLE")) {
                b.append(line).append('\n');
            }
        }
        return b.toString();
    }

    static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
