package dev.rnnlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rnnlab.engine.api.Capabilities;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.check.GradientCase;
import dev.rnnlab.engine.api.check.TrajectorySpec;
import dev.rnnlab.engine.api.spec.ClippingSpec;
import dev.rnnlab.engine.api.spec.OptimizerSpec;
import dev.rnnlab.engine.api.spec.Precision;
import dev.rnnlab.engine.api.spec.RunSpec;
import dev.rnnlab.engine.api.spec.ScheduleSpec;
import dev.rnnlab.engine.api.spec.TelemetrySpec;
import dev.rnnlab.engine.api.spec.TrainingSpec;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.engine.api.check.GradientChecker;
import dev.rnnlab.engine.api.check.GradientReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rnnlab gradcheck FIXTURE.json [--engine native]}: recomputes a PyTorch fixture in float64 and
 * prints, per quantity, {@code max|ours - ref| / max(max|ref|, 1e-12)}; the last line is
 * {@code max_rel_err=<worst>}. Exit 0 iff the worst is within {@value #TOLERANCE}.
 */
@Command(name = "gradcheck", mixinStandardHelpOptions = true,
        description = "Check an engine in float64 against a PyTorch golden fixture (make_golden.py): loss, "
                + "predictions, every gradient, per-timestep ||dL/dh_t|| per layer and the optimizer trajectory.")
final class GradcheckCommand implements Callable<Integer> {

    static final double TOLERANCE = 1e-6;

    private final EngineRegistry engines;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FIXTURE.json")
    Path fixture;

    @Option(names = "--engine", defaultValue = "native", description = "Engine to check: native or dl4j (default: "
            + "${DEFAULT-VALUE}). Exit 2 when the engine cannot run the fixture (dl4j: no GRU), with the reason.")
    String engine;

    GradcheckCommand(EngineRegistry engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<GradientChecker> checker = engines.find(engine).flatMap(EngineProvider::gradientChecker);
        if (checker.isEmpty()) {
            err.println("rnnlab gradcheck: engine '" + engine + "' " + (engines.find(engine).isEmpty()
                    ? "does not exist; available: " + engines.names() : "has no float64 reference evaluator"));
            err.flush();
            return ExitCodes.USAGE;
        }
        EngineProvider provider = engines.find(engine).orElseThrow();
        GoldenFixture f;
        GradientCase gradientCase;
        GradientReport ours;
        try {
            f = GoldenFixture.read(fixture);
            gradientCase = f.toCase();
            List<Capabilities.Unsupported> refused = provider.unsupported(asRun(gradientCase));
            if (!refused.isEmpty()) {
                err.println("rnnlab gradcheck: engine '" + engine + "' cannot run " + fixture + ": "
                        + refused.stream().map(Capabilities.Unsupported::message).collect(Collectors.joining("; ")));
                err.flush();
                return ExitCodes.USAGE;
            }
            ours = checker.get().evaluate(gradientCase);
        } catch (IOException | GoldenFixture.FormatException | IllegalArgumentException e) {
            err.println("rnnlab gradcheck: " + fixture + ": " + e.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        }
        Comparison c = new Comparison(out);
        c.compare("loss", new double[] {f.loss()}, new double[] {ours.loss()});
        c.compare("predictions", f.predictions(), ours.predictions());
        for (Map.Entry<String, double[]> g : f.gradients().entrySet()) {
            c.compare("grad " + g.getKey(), g.getValue(), ours.gradients().get(g.getKey()));
        }
        List<double[]> norms = f.hiddenGradNormsByLayer();
        if (!provider.recordsTimeProfile(gradientCase.model().cell().kind())) {
            // Not computed by this engine for this cell (and said so wherever it would be shown), so not compared.
            out.println(String.format(Locale.ROOT, "%-48s not available on %s for %s", "grad_h_total_norms", engine,
                    gradientCase.model().cell().kind().configName()));
            norms = List.of();
        }
        for (int l = 0; l < norms.size(); l++) {
            c.compare("grad_h_total_norms layer " + l, norms.get(l),
                    l < ours.hiddenGradNormsByLayer().size() ? ours.hiddenGradNormsByLayer().get(l) : null);
        }
        JsonNode t = f.trajectoryNode();
        if (t != null && ours.trajectory() != null) {
            GradientReport.TrajectoryReport r = ours.trajectory();
            c.compare("trajectory losses", GoldenFixture.array(t.get("losses")), r.losses());
            c.compare("trajectory grad_norm_pre_clip", GoldenFixture.array(t.get("grad_norm_pre_clip")), r.gradNormPre());
            c.compare("trajectory grad_norm_post_clip", GoldenFixture.array(t.get("grad_norm_post_clip")),
                    r.gradNormPost());
            if (t.has("lrs")) {
                c.compare("trajectory lrs", GoldenFixture.array(t.get("lrs")), r.lrs());
            }
            c.compare("trajectory final_loss", new double[] {t.get("final_loss").asDouble()}, new double[] {r.finalLoss()});
            for (Map.Entry<String, double[]> p : GoldenFixture.named(t.get("final_params")).entrySet()) {
                c.compare("trajectory final " + p.getKey(), p.getValue(), r.finalParameters().get(p.getKey()));
            }
        }
        out.println(String.format(Locale.ROOT, "max_rel_err=%.3e", c.worst));
        out.flush();
        return c.worst <= TOLERANCE ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    /** The fixture as a run, for the engine's capability checks (its cell, depth, optimizer and clipping). */
    private static RunSpec asRun(GradientCase c) {
        TrajectorySpec t = c.trajectory();
        TrainingSpec training = new TrainingSpec(t == null ? 1 : t.steps(), c.batch(), 1,
                t == null ? new OptimizerSpec.Sgd(0.1) : t.optimizer(), t == null ? new ScheduleSpec.Constant() : t.schedule(),
                t == null ? new ClippingSpec.None() : t.clipping());
        return new RunSpec("gradcheck", 0, c.model(), training, Precision.FLOAT64, TelemetrySpec.DEFAULT);
    }

    /** Prints one line per quantity and keeps the worst error; a missing or misshapen value is infinitely wrong. */
    private static final class Comparison {
        private final PrintWriter out;
        double worst;

        Comparison(PrintWriter out) {
            this.out = out;
        }

        void compare(String what, double[] ref, double[] ours) {
            double err = relativeError(ref, ours);
            worst = Math.max(worst, err);
            out.println(String.format(Locale.ROOT, "%-48s rel_err=%.3e%s", what, err,
                    ours == null || ours.length != ref.length ? "  (missing or wrong shape)" : ""));
        }

        static double relativeError(double[] ref, double[] ours) {
            if (ours == null || ours.length != ref.length) {
                return Double.POSITIVE_INFINITY;
            }
            double maxDiff = 0;
            double maxRef = 0;
            for (int i = 0; i < ref.length; i++) {
                double d = Math.abs(ours[i] - ref[i]);
                maxDiff = Double.isNaN(d) ? Double.POSITIVE_INFINITY : Math.max(maxDiff, d);
                maxRef = Math.max(maxRef, Math.abs(ref[i]));
            }
            return maxDiff / Math.max(maxRef, 1e-12);
        }
    }
}
