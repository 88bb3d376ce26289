package dev.rnnlab.cli;

import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigException;
import dev.rnnlab.runner.sweep.SweepPlan;
import dev.rnnlab.runner.sweep.SweepPlanner;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The arguments every config-reading command shares: the experiment file and its overrides. */
final class ConfigArguments {

    @Parameters(index = "0", paramLabel = "FILE", description = "Experiment file (YAML).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "key.path=value",
            description = "Overrides of any key, e.g. model.hidden=32 training.optimizer.lr=1e-3.")
    List<String> overrides = new ArrayList<>();

    /** The plan, or null after printing every config error to {@code err}. */
    SweepPlan plan(EngineRegistry engines, PrintWriter err) {
        try {
            return new SweepPlanner(engines).plan(file, overrides);
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                err.println(error.format());
            }
            err.flush();
            return null;
        }
    }
}
