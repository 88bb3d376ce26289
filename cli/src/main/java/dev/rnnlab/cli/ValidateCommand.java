package dev.rnnlab.cli;

import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.sweep.SweepPlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rnnlab validate FILE [key=value ...]}: checks a config and its whole sweep; writes nothing. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check an experiment and every run of its sweep. Exit 0 if valid, else 2 with every "
                + "error on stderr as FILE:LINE:COL: key.path: message.")
final class ValidateCommand implements Callable<Integer> {

    private final EngineRegistry engines;
    @Spec CommandSpec spec;
    @Mixin ConfigArguments config = new ConfigArguments();

    ValidateCommand(EngineRegistry engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() {
        SweepPlan plan = config.plan(engines, spec.commandLine().getErr());
        if (plan == null) {
            return ExitCodes.USAGE;
        }
        spec.commandLine().getOut().println(config.file + ": valid, sweep '" + plan.name() + "' has "
                + plan.runs().size() + " run" + (plan.runs().size() == 1 ? "" : "s"));
        return ExitCodes.OK;
    }
}
