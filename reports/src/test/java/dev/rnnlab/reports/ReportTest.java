package dev.rnnlab.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's HTML and data, checked without a browser. */
class ReportTest {

    static final String HOSTILE = "</script><script>document.documentElement.setAttribute('data-pwned','1')</script>"
            + "<img src=x onerror=alert(1)>\u2028&amp;";

    @TempDir Path dir;

    @Test
    void theDataIslandCannotBeClosedFromInside() throws Exception {
        String html = Files.readString(SweepReport.write(SweepFixture.write(dir, HOSTILE)));
        Matcher island = Pattern.compile("<script type=\"application/json\" id=\"report-data\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertTrue(island.find());
        String json = island.group(1);
        assertFalse(json.contains("<"), "no '<' in the island");
        assertFalse(json.contains("\u2028"));
        JsonNode data = new ObjectMapper().readTree(json);
        assertEquals(HOSTILE, data.get("sweep").asText(), "the string survives intact as data");
        assertEquals(HOSTILE, data.get("runs").get(0).get("swept").get("note").asText());
        assertFalse(html.contains("<img src=x"), "nothing user-supplied appears as markup");
    }

    @Test
    void everyInlineScriptIsAllowedByItsHashAndNothingElse() throws Exception {
        String html = Files.readString(SweepReport.write(SweepFixture.write(dir, "plain")));
        Matcher csp = Pattern.compile("content=\"(default-src 'none';[^\"]*)\"").matcher(html);
        assertTrue(csp.find(), "a CSP meta tag");
        Matcher scripts = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            assertTrue(csp.group(1).contains(HtmlReport.hash(scripts.group(1))), "script " + count + " is hashed");
            count++;
        }
        assertEquals(3, count, "error hook, uPlot, report script");
        assertFalse(html.contains("src=\"http"), "no external resources");
        assertFalse(html.contains("href=\"http"), "no external resources");
    }

    @Test
    void chartsShareAGridAndNonFiniteValuesBecomeGaps() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String html = Files.readString(SweepReport.write(SweepFixture.write(dir, "plain")));
        Matcher island = Pattern.compile("id=\"report-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(island.find());
        JsonNode data = json.readTree(island.group(1));
        assertEquals(Map.of("completed", 2, "diverged", 1), json.convertValue(data.get("counts"), Map.class));
        JsonNode train = data.get("charts").get(0);
        assertEquals("train_loss", train.get("column").asText());
        assertEquals(300, train.get("x").size(), "300 steps fit in the grid exactly");
        assertEquals(3, train.get("ys").size());
        JsonNode diverged = train.get("ys").get(2);
        assertTrue(diverged.get(118).isNumber());
        assertTrue(diverged.get(119).isNull(), "NaN at step 120 is a gap");
        assertTrue(diverged.get(200).isNull(), "no values after divergence");
        assertEquals(7, data.get("charts").get(1).get("x").size(), "validation: step 0 and every 50 steps");
        JsonNode profile = data.get("charts").get(4);
        assertEquals("time_profile_l0", profile.get("column").asText());
        assertEquals("t (timestep)", profile.get("xLabel").asText());
        assertEquals(20, profile.get("x").size());
        assertEquals(1.0, profile.get("ys").get(0).get(19).asDouble(), 1e-12, "t = 20 at the last detail step");
        assertEquals(Math.pow(0.5, 19), profile.get("ys").get(0).get(0).asDouble(), 1e-9);
        assertTrue(profile.get("ys").get(1).get(0).isNull(), "runs without detail have gaps");
        assertEquals("layer_grad_norm_l0", data.get("charts").get(5).get("column").asText());
        assertEquals("spectral_radius_l0", data.get("charts").get(6).get("column").asText());
        JsonNode aaa = data.get("runs").get(0);
        assertEquals(7, aaa.get("memory_horizon").asInt(), "0.5^k < 1% from k = 7 steps back");
        assertEquals(0.5, aaa.get("decay_per_step").asDouble(), 1e-9, "the gradient halves per step back");
        JsonNode heat = aaa.get("heatmaps").get(0);
        assertEquals(0, heat.get("layer").asInt());
        assertEquals(20, heat.get("T").asInt());
        assertEquals(2, heat.get("values").size(), "two recorded steps");
        assertEquals(Math.log10(Math.pow(0.5, 19)), heat.get("values").get(0).get(0).asDouble(), 1e-3);
        assertTrue(data.get("runs").get(1).get("memory_horizon").isNull(), "no profile, no horizon");
        assertEquals(1.2, data.get("charts").get(6).get("ys").get(0).get(1).asDouble(), 1e-12);
    }

    @Test
    void aDirectoryWithoutRunsIsNotASweep() {
        ReportException e = assertThrows(ReportException.class, () -> SweepReport.write(dir));
        assertTrue(e.getMessage().contains("no runs/"), e.getMessage());
    }

    @Test
    void runsWithoutSummaryOrWithTornMetricsStillRender() throws Exception {
        Path sweep = SweepFixture.write(dir, "plain");
        Files.delete(sweep.resolve("runs/bbb/summary.json"));
        Files.writeString(sweep.resolve("runs/aaa/metrics.csv"), "1,0.5,,1.0", java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(sweep.resolve("runs/ccc/summary.json"), "{\"outcome\": \"compl");
        String html = Files.readString(SweepReport.write(sweep));
        Matcher island = Pattern.compile("id=\"report-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(island.find());
        JsonNode runs = new ObjectMapper().readTree(island.group(1)).get("runs");
        assertEquals(List.of("completed", "incomplete", "corrupt"),
                List.of(runs.get(0).get("outcome").asText(), runs.get(1).get("outcome").asText(),
                        runs.get(2).get("outcome").asText()));
        assertTrue(runs.get(0).get("warning").asText().contains("1 unreadable line"));
    }

    @Test
    void repeatsOfAConfigurationAreGroupedWithAConfidenceInterval() throws Exception {
        Path sweep = dir.resolve("groups");
        Files.createDirectories(sweep.resolve("runs"));
        StringBuilder plan = new StringBuilder("{\"name\": \"g\", \"axes\": [\"model.cell\", \"seed\"], \"runs\": [");
        double[] losses = {1, 2, 3, 0.5};
        String[] cells = {"gru", "gru", "gru", "lstm"};
        for (int i = 0; i < 4; i++) {
            String id = "r" + i;
            plan.append(i > 0 ? "," : "").append("{\"index\": ").append(i).append(", \"id\": \"").append(id)
                    .append("\", \"swept\": {\"model.cell\": \"").append(cells[i]).append("\", \"seed\": \"")
                    .append(i).append("\"}}");
            Files.createDirectories(sweep.resolve("runs").resolve(id));
            Files.writeString(sweep.resolve("runs").resolve(id).resolve("summary.json"),
                    "{\"outcome\": \"completed\", \"final_val_loss\": " + losses[i] + "}");
        }
        Files.writeString(sweep.resolve("plan.json"), plan.append("]}").toString());
        String html = Files.readString(SweepReport.write(sweep));
        Matcher island = Pattern.compile("id=\"report-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(island.find());
        JsonNode data = new ObjectMapper().readTree(island.group(1));
        assertTrue(data.get("hasRepeats").asBoolean());
        JsonNode gru = data.get("groups").get(0);
        assertEquals("model.cell=gru", gru.get("label").asText());
        assertEquals(3, gru.get("n").asInt());
        assertEquals(2.0, gru.get("mean").asDouble(), 1e-12);
        assertEquals(4.302653 / Math.sqrt(3), gru.get("ci95").asDouble(), 1e-4, "t(0.975, 2) * sd / sqrt(n), 5 digits");
        JsonNode lstm = data.get("groups").get(1);
        assertEquals(1, lstm.get("n").asInt());
        assertTrue(lstm.get("ci95").isNull(), "no interval from one run");
    }

    @Test
    void divergedRunsHaveNoFinalLossAreNotAveragedInAndTheirRateIsTested() throws Exception {
        Path sweep = SweepFixture.writeDiverging(dir);
        String html = Files.readString(SweepReport.write(sweep));
        Matcher island = Pattern.compile("id=\"report-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(island.find());
        JsonNode data = new ObjectMapper().readTree(island.group(1));
        JsonNode old = data.get("runs").get(8);
        assertEquals(SweepFixture.divergingId(8, true, true), old.get("id").asText());
        assertTrue(old.get("final_val_loss").isNull(), "an old summary's value at initialisation is not a final loss");
        assertTrue(old.get("final_train_loss").isNull());
        assertTrue(old.get("best_val_loss").isNull(), "nor, at step 0, a best");
        assertEquals(36, old.get("diverged_at").asInt());
        assertEquals(35, old.get("last_finite").get("train_loss").get(0).asInt(), "step 36 is NaN");
        assertEquals(1e6, old.get("last_finite").get("train_loss").get(1).asDouble(), 1e-6);
        assertEquals("lr=0.1, clipping=none, seed=3", old.get("short").asText());
        JsonNode groups = data.get("groups");
        assertEquals(4, groups.size());
        JsonNode divergedGroup = groups.get(2);
        assertEquals("training.optimizer.lr=0.1, training.clipping={kind: none}", divergedGroup.get("label").asText());
        assertEquals("lr=0.1, clipping=none", divergedGroup.get("short").asText());
        assertEquals("3/3 diverged", divergedGroup.get("outcome_text").asText());
        assertEquals(0, divergedGroup.get("n_completed").asInt());
        assertTrue(divergedGroup.get("mean").isNull(), "no mean without two completed runs");
        assertEquals("lr=0.1, clipping=global_norm(1.0)", groups.get(3).get("short").asText());
        assertEquals(0.3 * 1.05 + 1.0 / 300 + 0.02 * 1.05, groups.get(3).get("mean").asDouble(), 1e-4);
        assertEquals(3, data.get("comparisons").size(), "every pair of the three configurations that completed");
        JsonNode rates = data.get("divergence_comparisons");
        assertEquals(3, rates.size(), "the diverged configuration against each of the others");
        for (JsonNode c : rates) {
            assertEquals(0.1, c.get("p_fisher").asDouble(), 1e-12, "3/3 against 0/3");
            assertTrue(c.get("sentence").asText().contains("3/3 vs 0/3 runs diverged: Fisher's exact test p=0.3"),
                    c.get("sentence").asText());
        }
        for (JsonNode c : data.get("comparisons")) {
            assertTrue(c.get("p_mann_whitney").asDouble() >= 0.1, "exact at 3 against 3");
            assertTrue(c.get("sentence").asText().contains("n=3 vs 3"), c.get("sentence").asText());
            assertFalse(c.get("a").asText().contains("{kind: none}") && c.get("a").asText().contains("lr=0.1"));
        }
        List<String> csv = Files.readAllLines(sweep.resolve("sweep-summary.csv"));
        assertTrue(csv.get(9).startsWith(old.get("id").asText() + ",0.1,{kind: none},3,8,diverged,,,,,"), csv.get(9));
    }

    @Test
    void runsOfEarlierPlansAreListedApartFromTheCurrentPlans() throws Exception {
        Path sweep = olderPlanFixture(dir);
        String html = Files.readString(SweepReport.write(sweep));
        Matcher island = Pattern.compile("id=\"report-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(island.find());
        JsonNode data = new ObjectMapper().readTree(island.group(1));
        assertEquals(List.of("aaa", "bbb", "ccc"), List.of(data.get("runs").get(0).get("id").asText(),
                data.get("runs").get(1).get("id").asText(), data.get("runs").get(2).get("id").asText()));
        assertEquals(3, data.get("runs").size(), "only the current plan's runs in the table, charts and statistics");
        assertEquals(3, data.get("charts").get(0).get("ys").size());
        JsonNode older = data.get("older");
        assertEquals(1, older.size());
        assertEquals("zzz", older.get(0).get("id").asText());
        assertEquals("plan 1 of 2, written 2026-12-01T10:00:00Z", older.get(0).get("plan").asText());
        assertEquals("4", older.get(0).get("swept").get("model.hidden").asText(), "its swept values, from the history");
        assertEquals(0.25, older.get(0).get("final_val_loss").asDouble());
        assertEquals(4, Files.readAllLines(sweep.resolve("sweep-summary.csv")).size(), "the sidecar: the current plan");
    }

    /** The plain fixture whose plan.json says an earlier plan had run zzz (hidden 4), still on disk. */
    static Path olderPlanFixture(Path dir) throws Exception {
        Path sweep = SweepFixture.write(dir, "plain");
        String plan = Files.readString(sweep.resolve("plan.json")).strip();
        Files.writeString(sweep.resolve("plan.json"), plan.substring(0, plan.length() - 1) + ", \"history\": [{\"name\": "
                + "\"plain\", \"written_at\": \"2026-12-01T10:00:00Z\", \"axes\": [\"model.hidden\"], \"runs\": [{\"index\": 0, "
                + "\"id\": \"zzz\", \"swept\": {\"model.hidden\": \"4\"}}, {\"index\": 1, \"id\": \"aaa\", \"swept\": "
                + "{\"model.hidden\": \"8\"}}]}]}");
        Files.createDirectories(sweep.resolve("runs/zzz"));
        Files.writeString(sweep.resolve("runs/zzz/summary.json"), "{\"outcome\": \"completed\", \"final_val_loss\": 0.25}");
        return sweep;
    }

    @Test
    void theTableCarriesEveryColumnAndASidecarCopyForPandas() throws Exception {
        Path sweep = SweepFixture.write(dir, "plain");
        Files.writeString(sweep.resolve("runs/aaa/config.yaml"), "name: x\ntraining:\n  steps: 300\n  clipping:\n"
                + "    kind: global_norm\n    max_norm: 0.5\n");
        Files.writeString(sweep.resolve("runs/aaa/run.log"), "line 1\nline 2\n");
        String html = Files.readString(SweepReport.write(sweep));
        Matcher island = Pattern.compile("id=\"report-data\">(.*?)</script>", Pattern.DOTALL).matcher(html);
        assertTrue(island.find());
        JsonNode data = new ObjectMapper().readTree(island.group(1));
        JsonNode aaa = data.get("runs").get(0);
        assertEquals(0.5, aaa.get("clip_threshold").asDouble());
        assertEquals("line 1\nline 2", aaa.get("files").get("log_tail").asText());
        assertTrue(aaa.get("best_train_loss").asDouble() < aaa.get("final_train_loss").asDouble() + 1e-12);
        assertTrue(aaa.get("fraction_clipped").asDouble() > 0, "clipped while the norm was above 1");
        assertEquals(1.5 * 1.1 / (1 + 0.05 * 300 * 16 / 8.0), data.get("target_val_loss").asDouble(), 1e-6,
                "1.5 x the best validation loss of the sweep (run bbb at step 300)");
        assertTrue(aaa.get("steps_to_target").isNull(), "aaa never gets within 1.5 x of the best");
        assertEquals(200, data.get("runs").get(1).get("steps_to_target").asInt(), "bbb: 1.1/21 <= 1.5 x 1.1/31 at step 200");
        List<String> csv = Files.readAllLines(sweep.resolve("sweep-summary.csv"));
        assertEquals("run_id,model.hidden,note,index,outcome,final_train_loss,final_val_loss,best_val_loss,test_loss,"
                + "best_train_loss,steps_done,steps_to_target,fraction_clipped,wall_time_s", csv.get(0));
        assertEquals(4, csv.size());
        assertTrue(csv.get(3).startsWith("ccc,32,plain,2,diverged,,"), csv.get(3));
        JsonNode rows = new ObjectMapper().readTree(sweep.resolve("sweep-summary.json").toFile());
        assertEquals("diverged", rows.get(2).get("outcome").asText());
        assertEquals("=cmd", Sidecar.csvCell("=cmd").substring(1), "formula-looking cells are defused");
        assertEquals("'=cmd", Sidecar.csvCell("=cmd"));
    }
}
