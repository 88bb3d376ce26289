package dev.rnnlab.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Writes sweep directories in the on-disk format, as the runner does, for report tests. */
final class SweepFixture {

    private SweepFixture() {}

    /**
     * A sweep of three runs: two completed with decaying losses, one diverged at step 120 (NaN and
     * infinity in its metrics); {@code hostile} is used as the sweep name and as a swept value.
     */
    static Path write(Path root, String hostile) throws IOException {
        Path dir = root.resolve("sweep");
        Files.createDirectories(dir.resolve("runs"));
        String json = jsonString(hostile);
        Files.writeString(dir.resolve("plan.json"), """
                {"format": 1, "name": %s, "axes": ["model.hidden", "note"], "runs": [
                  {"index": 0, "id": "aaa", "swept": {"model.hidden": "8", "note": %s}},
                  {"index": 1, "id": "bbb", "swept": {"model.hidden": "16", "note": "plain"}},
                  {"index": 2, "id": "ccc", "swept": {"model.hidden": "32", "note": "plain"}}]}
                """.formatted(json, json));
        run(dir, "aaa", 0, 8, "completed", 300, -1);
        run(dir, "bbb", 1, 16, "completed", 300, -1);
        run(dir, "ccc", 2, 32, "diverged", 300, 120);
        detail(dir.resolve("runs/aaa"));
        return dir;
    }

    /**
     * The gradient-clipping sweep as a new user runs it: learning rate {0.01, 0.1} x clipping {none, global
     * norm 1} x seeds 1-3, 300 steps, with long swept keys and values. Unclipped at lr 0.1 every seed diverges
     * (its loss grows by 10x a step from step 30 and is NaN at step 33 + seed); the other nine complete, the
     * lr 0.1 clipped ones with a higher final loss. Summaries as the runner writes them (null final losses
     * for diverged runs), except run {@code d-old}'s, which is written the way runners before the fix did:
     * the value at initialisation as its final and best validation loss.
     */
    static Path writeDiverging(Path root) throws IOException {
        Path dir = root.resolve("gradient-clipping");
        Files.createDirectories(dir.resolve("runs"));
        StringBuilder plan = new StringBuilder("{\"format\": 1, \"name\": \"gradient-clipping\", \"axes\": "
                + "[\"training.optimizer.lr\", \"training.clipping\", \"seed\"], \"runs\": [");
        int index = 0;
        for (String lr : new String[] {"0.01", "0.1"}) {
            for (String clip : new String[] {"{kind: none}", "{kind: global_norm, max_norm: 1.0}"}) {
                for (int seed = 1; seed <= 3; seed++) {
                    boolean diverges = lr.equals("0.1") && clip.equals("{kind: none}");
                    String id = divergingId(index, diverges, diverges && seed == 3);
                    plan.append(index > 0 ? "," : "").append(String.format(Locale.ROOT,
                            "{\"index\": %d, \"id\": \"%s\", \"swept\": {\"training.optimizer.lr\": \"%s\", "
                                    + "\"training.clipping\": \"%s\", \"seed\": \"%d\"}}", index, id, lr, clip, seed));
                    double level = lr.equals("0.1") ? 0.3 : 0.15;
                    divergingRun(dir.resolve("runs").resolve(id), id, index, level + 0.01 * seed,
                            diverges ? 33 + seed : -1, id.endsWith("-old"));
                    index++;
                }
            }
        }
        Files.writeString(dir.resolve("plan.json"), plan.append("]}").toString());
        return dir;
    }

    /** Run ids as long as the runner's (12 characters): "d" for a diverged run, "c" for a completed one. */
    static String divergingId(int index, boolean diverges, boolean oldSummary) {
        String id = (diverges ? "d" : "c") + index + "-5efb79e63274";
        return oldSummary ? id.substring(0, 8) + "-old" : id.substring(0, 12);
    }

    private static void divergingRun(Path dir, String id, int index, double level, int divergeAt, boolean oldSummary)
            throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("step,train_loss,val_loss,grad_norm_pre,grad_norm_post,clipped,lr\n");
        csv.append("0,,1.497,,,,\n");
        int last = divergeAt > 0 ? divergeAt : 300;
        for (int s = 1; s <= last; s++) {
            double loss = divergeAt > 0 ? (s == divergeAt ? Double.NaN : s < 30 ? 1.0 : Math.pow(10, s - 29))
                    : level + 1.0 / s;
            double norm = s == divergeAt ? Double.POSITIVE_INFINITY : divergeAt > 0 && s >= 30 ? Math.pow(10, s - 28) : 3.0 / Math.sqrt(s);
            String val = s % 50 == 0 ? Double.toString(level * 1.05 + 1.0 / s) : "";
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%d,0.1%n", s, loss, val, norm, Math.min(norm, 1.0),
                    norm > 1 ? 1 : 0));
        }
        Files.writeString(dir.resolve("metrics.csv"), csv.toString());
        String finals = divergeAt > 0
                ? oldSummary ? "\"final_train_loss\": 1e35, \"final_val_loss\": 1.497, \"best_val_loss\": 1.497, \"best_val_step\": 0"
                        : "\"final_train_loss\": null, \"final_val_loss\": null, \"best_val_loss\": null, \"best_val_step\": null"
                : String.format(Locale.ROOT, "\"final_train_loss\": %s, \"final_val_loss\": %s, \"best_val_loss\": %s, "
                        + "\"best_val_step\": 300", level + 1.0 / 300, level * 1.05 + 1.0 / 300, level * 1.05 + 1.0 / 300);
        Files.writeString(dir.resolve("summary.json"), String.format(Locale.ROOT, """
                {"format": 1, "run_id": "%s", "index": %d, "outcome": "%s", "detail": "%s", "steps_done": %d, %s,
                 "wall_time_s": 0.8, "swept": {}}
                """, id, index, divergeAt > 0 ? "diverged" : "completed",
                divergeAt > 0 ? "diverged at step " + divergeAt + ": non-finite gradient of rnn.weight_ih_l0 (layer 0); "
                        + "weights kept from step " + (divergeAt - 1) : "", divergeAt > 0 ? divergeAt - 1 : 300, finals));
    }

    /** Detail telemetry at steps 100 and 300 for one layer, T = 20: a gradient that vanishes toward t = 1. */
    private static void detail(Path run) throws IOException {
        StringBuilder profile = new StringBuilder("step,layer,t,grad_norm\n");
        StringBuilder layers = new StringBuilder("step,layer,grad_norm,weight_norm\n");
        StringBuilder recurrent = new StringBuilder("step,layer,gate,spectral_radius,max_singular_value,saturation\n");
        for (int step : new int[] {100, 300}) {
            for (int t = 1; t <= 20; t++) {
                profile.append(String.format(Locale.ROOT, "%d,0,%d,%s%n", step, t, Math.pow(0.5, 20 - t)));
            }
            layers.append(String.format(Locale.ROOT, "%d,0,%s,3.0%n", step, 1.0 / step));
            recurrent.append(String.format(Locale.ROOT, "%d,0,h,%s,1.2,%n", step, 0.9 + step / 1000.0));
        }
        Files.writeString(run.resolve("time_profile.csv"), profile.toString());
        Files.writeString(run.resolve("layers.csv"), layers.toString());
        Files.writeString(run.resolve("recurrent.csv"), recurrent.toString());
    }

    private static void run(Path sweep, String id, int index, int hidden, String outcome, int steps, int divergeAt)
            throws IOException {
        Path dir = sweep.resolve("runs").resolve(id);
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder("step,train_loss,val_loss,grad_norm_pre,grad_norm_post,clipped,lr\n");
        csv.append("0,,1.0,,,,\n");
        int last = divergeAt > 0 ? divergeAt : steps;
        for (int s = 1; s <= last; s++) {
            double loss = s == divergeAt ? Double.NaN : 1.0 / (1 + 0.05 * s * hidden / 8.0);
            double norm = s == divergeAt ? Double.POSITIVE_INFINITY : 2.0 / Math.sqrt(s);
            String val = s % 50 == 0 ? Double.toString(loss * 1.1) : "";
            csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%s,%d,0.01%n", s, loss, val, norm, Math.min(norm, 1.0),
                    norm > 1 ? 1 : 0));
        }
        Files.writeString(dir.resolve("metrics.csv"), csv.toString());
        Files.writeString(dir.resolve("summary.json"), String.format(Locale.ROOT, """
                {"format": 1, "run_id": "%s", "index": %d, "outcome": "%s", "detail": "%s", "steps_done": %d,
                 "final_train_loss": %s, "final_val_loss": 0.5, "best_val_loss": 0.4, "best_val_step": 100,
                 "wall_time_s": 1.5, "swept": {}}
                """, id, index, outcome, divergeAt > 0 ? "non-finite loss at step " + divergeAt : "",
                last, divergeAt > 0 ? "null" : "0.1"));
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
