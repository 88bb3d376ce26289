package dev.rnnlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.sweep.PlannedRun;
import dev.rnnlab.runner.sweep.SweepPlan;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnnlab plan FILE [overrides] [--json]}: lists the runs a sweep would make, without running them. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "List the expanded runs (id and swept values) without running them.")
final class PlanCommand implements Callable<Integer> {

    private final EngineRegistry engines;
    @Spec CommandSpec spec;
    @Mixin ConfigArguments config = new ConfigArguments();

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    PlanCommand(EngineRegistry engines) {
        this.engines = engines;
    }

    @Override
    public Integer call() throws Exception {
        SweepPlan plan = config.plan(engines, spec.commandLine().getErr());
        if (plan == null) {
            return ExitCodes.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(plan)));
        } else {
            printTable(plan, out);
        }
        out.flush();
        return ExitCodes.OK;
    }

    static Map<String, Object> toJson(SweepPlan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", plan.name());
        root.put("source", plan.source());
        root.put("overrides", plan.overrides());
        root.put("axes", plan.axes());
        if (plan.adaptive() != null) {
            root.put("adaptive", Map.of("budget", plan.adaptive().budget(), "description", plan.adaptive().describe()));
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (PlannedRun r : plan.runs()) {
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("index", r.index());
            run.put("id", r.id());
            run.put("swept", r.swept());
            run.put("engine", r.spec().engine());
            run.put("seed", r.spec().seed());
            runs.add(run);
        }
        root.put("runs", runs);
        return root;
    }

    private static void printTable(SweepPlan plan, PrintWriter out) {
        out.println("sweep " + plan.name() + ": " + plan.runs().size() + " run" + (plan.runs().size() == 1 ? "" : "s")
                + (plan.axes().isEmpty() ? "" : " over " + String.join(" x ", plan.axes())));
        if (plan.adaptive() != null) {
            out.println("model-based search: the " + plan.runs().size() + " runs below come first, then "
                    + (plan.adaptive().budget() - plan.runs().size()) + " more are proposed from their results ("
                    + plan.adaptive().describe() + ")");
        }
        List<String> header = new ArrayList<>(List.of("#", "id"));
        header.addAll(plan.axes());
        List<List<String>> rows = new ArrayList<>();
        rows.add(header);
        for (PlannedRun r : plan.runs()) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(r.index()), r.id()));
            plan.axes().forEach(a -> row.add(r.swept().get(a)));
            rows.add(row);
        }
        int[] widths = new int[header.size()];
        rows.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(String.format("%-" + widths[i] + "s", row.get(i)));
                if (i < row.size() - 1) {
                    line.append("  ");
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
