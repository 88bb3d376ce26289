package dev.rnnlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The experiment library's classic results, checked on the files as shipped (full size, not a smoke run):
 * what each file's header and docs/classic-results.md say a researcher will see. The native engine gives
 * the same bits on every run of these, so each threshold has a margin against a known value, not against noise.
 */
class ClassicResultsTest {

    static final Path EXPERIMENTS = Path.of("..", "experiments");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir Path out;

    /** Bengio et al. 1994, Pascanu et al. 2013: below r = 1 the gradient shrinks by about r per step back. */
    @Test
    void gradientsVanishAtTheSpectralRadiusPerStepAndExplodeOnlyAboveOne() throws Exception {
        List<Run> runs = sweep("vanishing-exploding", 5);
        runs.sort((a, b) -> Double.compare(a.radius(), b.radius()));
        double previousSpan = 0;
        for (Run r : runs) {
            assertEquals("completed", r.outcome(), r.toString());
            if (r.radius() < 0.9) {
                assertTrue(Math.abs(r.decayPerStep() - r.radius()) <= 0.1 * r.radius(),
                        "decay per step " + r.decayPerStep() + " should be about the spectral radius " + r.radius());
            }
            if (r.radius() < 1.1) {
                assertTrue(r.span() > previousSpan, "the larger r, the less the gradient vanishes: " + runs);
                previousSpan = r.span();
            }
        }
        Run smallest = runs.get(0);
        Run largest = runs.get(runs.size() - 1);
        assertTrue(smallest.radius() < 0.6 && smallest.span() < 1e-20,
                "at r ~ 0.5 the gradient at t = 1 is under 1e-20 of the one at T: " + smallest);
        assertTrue(largest.radius() > 2 && largest.span() > 1e3 && largest.decayPerStep() > 1,
                "at r ~ 2 it grows going back in time: " + largest);
    }

    /** Saxe et al. 2014, Le et al. 2015: the default init vanishes, orthogonal keeps tanh near 1, the IRNN at 1. */
    @Test
    void theRecurrentInitDecidesWhetherTheGradientSurvivesAHundredSteps() throws Exception {
        Map<String, Run> byInit = new TreeMap<>();
        for (Run r : sweep("init-schemes", 5)) {
            assertEquals("completed", r.outcome(), r.toString());
            byInit.put(r.swept().get("model.cell") + " " + r.swept().get("model.init.recurrent"), r);
        }
        Run byDefault = byInit.get("rnn_tanh pytorch_default");
        Run orthogonal = byInit.get("rnn_tanh orthogonal");
        Run reluOrthogonal = byInit.get("rnn_relu orthogonal");
        Run irnn = byInit.get("rnn_relu identity");
        assertTrue(byDefault.radius() < 0.65 && byDefault.decayPerStep() < 0.6 && byDefault.span() < 1e-20,
                "PyTorch's default (radius ~ 1/sqrt(3)) vanishes: " + byDefault.radius() + " " + byDefault.decayPerStep());
        assertTrue(orthogonal.decayPerStep() > 0.9 && orthogonal.span() > 1e-4, "orthogonal tanh stays near 1: "
                + orthogonal.decayPerStep() + " " + orthogonal.span());
        assertTrue(reluOrthogonal.decayPerStep() < orthogonal.decayPerStep(), "ReLU drops units' gradients");
        assertTrue(irnn.decayPerStep() > 0.99 && irnn.span() > 0.1, "the IRNN passes it back all but whole: "
                + irnn.decayPerStep() + " " + irnn.span());
    }

    /** Gers et al. 2000, Jozefowicz et al. 2015: the larger the forget bias, the further back the gradient reaches. */
    @Test
    void aLargerForgetBiasLetsTheLstmGradientReachFurtherBack() throws Exception {
        List<Run> runs = sweep("lstm-forget-bias", 4);
        runs.sort((a, b) -> Double.compare(bias(a), bias(b)));
        double previousDecay = 0;
        for (Run r : runs) {
            assertEquals("completed", r.outcome(), r.toString());
            double forgetGate = 1 / (1 + Math.exp(-bias(r)));
            assertTrue(r.decayPerStep() > previousDecay, "decay per step rises with the bias: " + r);
            assertTrue(r.decayPerStep() >= forgetGate, "no faster than the cell path's sigmoid(b_f) = " + forgetGate
                    + ": " + r.decayPerStep() + " " + r);
            previousDecay = r.decayPerStep();
        }
        assertTrue(runs.get(0).span() < 1e-15 && runs.get(0).memoryHorizon() < 10, "b_f = 0 vanishes: " + runs.get(0));
        assertTrue(runs.get(1).memoryHorizon() > runs.get(0).memoryHorizon(), "b_f = 1 reaches further: " + runs);
        assertEquals(100, runs.get(3).memoryHorizon(), "b_f = 3 reaches t = 1: " + runs.get(3));
    }

    private static double bias(Run r) {
        return Double.parseDouble(r.swept().get("model.forget_bias"));
    }

    /** Pascanu et al. 2013: unclipped SGD at the larger rate diverges on every seed; clipped, it stays finite. */
    @Test
    void clippingTheGlobalNormTurnsEveryDivergedRunIntoOneThatTrains() throws Exception {
        List<Run> runs = sweep("gradient-clipping", 12);
        int diverged = 0;
        for (Run r : runs) {
            boolean clipped = r.swept().get("training.clipping").contains("global_norm");
            boolean fast = r.swept().get("training.optimizer.lr").equals("0.1");
            if (fast && !clipped) {
                assertEquals("diverged", r.outcome(), r.toString());
                assertTrue(r.summary().get("detail").asText().matches("diverged at step \\d+: non-finite .*"),
                        r.summary().get("detail").asText());
                diverged++;
                continue;
            }
            assertEquals("completed", r.outcome(), r.toString());
            double initial = r.initialValLoss();
            double last = r.summary().get("final_val_loss").asDouble();
            assertTrue(last < 0.3 && last < initial / 2, "trained: " + initial + " -> " + last + " " + r);
            if (fast) {
                assertTrue(r.clippedSteps() > 0, "clipping fired in " + r);
            }
        }
        assertEquals(3, diverged, "one diverged run per seed");
    }

    /** Hochreiter & Schmidhuber 1997: over a lag of 20, the vanilla RNN stays at the memoryless baseline. */
    @Test
    void lstmAndGruRememberAcrossTheLagWhereTheVanillaRnnDoesNot() throws Exception {
        double baseline = 5 * Math.log(8) / 30; // predicting blanks right and the 5 symbols by chance
        for (Run r : sweep("copy-memory", 3)) {
            assertEquals("completed", r.outcome(), r.toString());
            double last = r.summary().get("final_val_loss").asDouble();
            if (r.swept().get("model.cell").equals("rnn_tanh")) {
                assertTrue(last > 0.97 * baseline, "rnn_tanh stays at the baseline " + baseline + ": " + r);
                assertTrue(r.memoryHorizon() < 20, "its gradient fades within the lag: " + r);
            } else {
                assertTrue(last < 0.92 * baseline, r.swept() + " beats the baseline " + baseline + ": " + r);
                assertEquals(30, r.memoryHorizon(), "its gradient reaches t = 1: " + r);
            }
        }
    }

    /** Williams & Peng 1990: no gradient crosses a window, so a dependency longer than the window is not learnt. */
    @Test
    void truncatedBpttCannotLearnADependencyLongerThanItsWindow() throws Exception {
        double baseline = 5 * Math.log(8) / 30;
        Map<String, Run> byBptt = new TreeMap<>();
        for (Run r : sweep("truncated-bptt", 4)) {
            assertEquals("completed", r.outcome(), r.toString());
            byBptt.put(r.swept().get("training.bptt"), r);
        }
        Run full = byBptt.get("{kind: full}");
        Run w10 = byBptt.get("{kind: truncated, window: 10}");
        Run w15 = byBptt.get("{kind: truncated, window: 15}");
        Run w30 = byBptt.get("{kind: truncated, window: 30}");
        assertEquals(Files.readString(full.dir().resolve("metrics.csv")), Files.readString(w30.dir().resolve("metrics.csv")),
                "one window of T steps is full BPTT, bit for bit");
        double f = full.summary().get("final_val_loss").asDouble();
        double a = w15.summary().get("final_val_loss").asDouble();
        double b = w10.summary().get("final_val_loss").asDouble();
        assertTrue(f < 0.92 * baseline && f < a && a < b && b > 0.97 * baseline,
                "full " + f + " < window 15 " + a + " < window 10 " + b + " ~ baseline " + baseline);
        double[] cut = w10.profile(false);
        double[] whole = full.profile(false);
        assertTrue(cut[20] / cut[19] > 1e3, "window 10: ||dL/dh_t|| drops by decades across the cut at t = 20/21");
        assertTrue(whole[20] / whole[19] < 10, "full BPTT: no cut there");
    }

    private List<Run> sweep(String name, int expected) throws IOException {
        CliTest.Run run = CliTest.rnnlab("sweep", EXPERIMENTS.resolve(name + ".yaml").toString(), "--out",
                out.toString(), "--parallel", "2", "--quiet");
        assertEquals(0, run.code(), run.out() + run.err());
        List<Run> runs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(out.resolve(name).resolve("runs"))) {
            for (Path dir : dirs.sorted().toList()) {
                runs.add(new Run(dir, JSON.readTree(dir.resolve("summary.json").toFile())));
            }
        }
        assertEquals(expected, runs.size());
        return runs;
    }

    record Run(Path dir, JsonNode summary) {

        String outcome() {
            return summary.get("outcome").asText();
        }

        Map<String, String> swept() {
            Map<String, String> m = new TreeMap<>();
            summary.get("swept").fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
            return m;
        }

        double initialValLoss() {
            List<Map<String, String>> rows = csv("metrics.csv");
            return Double.parseDouble(rows.get(0).get("val_loss"));
        }

        long clippedSteps() {
            return csv("metrics.csv").stream().filter(r -> "1".equals(r.get("clipped"))).count();
        }

        double radius() {
            return csv("recurrent.csv").stream().mapToDouble(r -> Double.parseDouble(r.get("spectral_radius")))
                    .max().orElseThrow();
        }

        /** ||dL/dh_t|| for t = 1..T of layer 0 at the first (firstStep) or last recorded step. */
        double[] profile(boolean firstStep) {
            TreeMap<Long, TreeMap<Integer, Double>> bySteps = new TreeMap<>();
            for (Map<String, String> r : csv("time_profile.csv")) {
                if (r.get("layer").equals("0")) {
                    bySteps.computeIfAbsent(Long.parseLong(r.get("step")), s -> new TreeMap<>())
                            .put(Integer.parseInt(r.get("t")), Double.parseDouble(r.get("grad_norm")));
                }
            }
            return (firstStep ? bySteps.firstEntry() : bySteps.lastEntry()).getValue().values().stream()
                    .mapToDouble(Double::doubleValue).toArray();
        }

        /** ||dL/dh_1|| / ||dL/dh_T|| at initialisation. */
        double span() {
            double[] p = profile(true);
            return p[0] / p[p.length - 1];
        }

        /** exp(-slope) of a least-squares line through ln ||dL/dh_t|| against t, at initialisation. */
        double decayPerStep() {
            double[] p = profile(true);
            double n = p.length;
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double sxy = 0;
            for (int t = 0; t < p.length; t++) {
                double y = Math.log(p[t]);
                sx += t;
                sy += y;
                sxx += (double) t * t;
                sxy += t * y;
            }
            return Math.exp(-(n * sxy - sx * sy) / (n * sxx - sx * sx));
        }

        /** Steps back from T, on the last profile, while the gradient stays at or above 1% of its value at T. */
        int memoryHorizon() {
            double[] p = profile(false);
            int n = p.length;
            for (int back = 1; back < n; back++) {
                if (!(p[n - 1 - back] >= 0.01 * p[n - 1])) {
                    return back;
                }
            }
            return n;
        }

        private List<Map<String, String>> csv(String file) {
            List<String> lines;
            try {
                lines = Files.readAllLines(dir.resolve(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String[] header = lines.get(0).split(",", -1);
            List<Map<String, String>> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] cells = line.split(",", -1);
                Map<String, String> row = new TreeMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i], cells[i]);
                }
                rows.add(row);
            }
            return rows;
        }

        @Override
        public String toString() {
            return dir.getFileName() + " " + swept() + " " + outcome() + " final_val=" + summary.get("final_val_loss");
        }
    }
}
