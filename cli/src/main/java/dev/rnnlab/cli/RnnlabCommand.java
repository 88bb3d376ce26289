package dev.rnnlab.cli;

import picocli.CommandLine.Command;

/** The top-level command; the work is in its subcommands. */
@Command(name = "rnnlab", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Declarative experiment runner for recurrent neural networks.",
        subcommands = {ValidateCommand.class, PlanCommand.class, SweepCommand.class, ReportCommand.class,
                GradcheckCommand.class, VerifyCommand.class, BenchCommand.class},
        usageHelpAutoWidth = true)
final class RnnlabCommand {}
