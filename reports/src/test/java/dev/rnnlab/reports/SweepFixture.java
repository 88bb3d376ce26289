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
