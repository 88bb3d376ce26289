package dev.rnnlab.runner.sweep;

import dev.rnnlab.engine.api.Capabilities;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigException;
import dev.rnnlab.runner.config.ConfigNode;
import dev.rnnlab.runner.config.ConfigWriter;
import dev.rnnlab.runner.config.Composer;
import dev.rnnlab.runner.config.ExperimentBinder;
import dev.rnnlab.runner.config.ExperimentSpec;
import dev.rnnlab.runner.config.Location;
import dev.rnnlab.runner.config.Overrides;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an experiment file plus overrides into a validated {@link SweepPlan}: compose (with
 * {@code extends}), apply overrides, expand the {@code sweep:} block ({@link Expansion}), bind every run,
 * check every run against its engine's capabilities, and give each a stable id. Nothing runs, nothing is
 * written; all problems of all runs are reported together.
 */
public final class SweepPlanner {

    /** More runs than this is almost always a typo in a grid. */
    static final String SWEEP = SweepBlockReader.SWEEP;

    /** The keys of the sweep block as documented in experiments/README.md (SweepBlockReader reads them). */
    public static final List<String> SWEEP_KEYS = List.of("sweep.grid", "sweep.zip", "sweep.random.samples",
            "sweep.random.seed", "sweep.random.params", "sweep.when", "sweep.exclude", "sweep.repeats", "sweep.max_runs",
            "sweep.tpe.budget", "sweep.tpe.startup", "sweep.tpe.seed", "sweep.tpe.metric", "sweep.tpe.batch",
            "sweep.tpe.gamma", "sweep.tpe.candidates", "sweep.tpe.params");

    private final EngineRegistry engines;

    public SweepPlanner(EngineRegistry engines) {
        this.engines = engines;
    }

    public SweepPlan plan(Path file, List<String> overrideArgs) throws ConfigException {
        ConfigNode.Mapping root = Composer.load(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(new Location(file.toString(), 1, 1), "", "cannot read: " + e));
        }
        List<Overrides.Override> overrides = Overrides.parse(overrideArgs);
        List<ConfigError> errors = new ArrayList<>();
        Set<String> pinned = new LinkedHashSet<>();
        for (Overrides.Override o : overrides) {
            try {
                root = override(root, o, pinned);
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
        }
        SweepDefinition sweep = unpin(new SweepBlockReader(errors).read(root.get(SWEEP), root.location()), pinned);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        ConfigNode.Mapping base = root.without(SWEEP);
        if (sweep.tpe() != null) {
            TpeAdaptive tpe = new TpeAdaptive(sweep.tpe(), (index, assignments) -> bindOne(base, index, assignments));
            List<PlannedRun> startup = tpe.startup();
            return new SweepPlan(startup.get(0).spec().name(), file.toString(), text, overrideArgs,
                    sweep.tpe().params().stream().map(SweepDefinition.Param::path).toList(), startup, tpe);
        }
        List<List<Expansion.Assignment>> combos = Expansion.expand(sweep, base, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        List<PlannedRun> runs = bindAll(base, combos, sweep.location(), errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(dedupe(errors));
        }
        return new SweepPlan(runs.get(0).spec().name(), file.toString(), text, overrideArgs, Expansion.axes(combos), runs,
                null);
    }

    /** Binds one run (an adaptive search's proposal); all of its problems are thrown together. */
    private PlannedRun bindOne(ConfigNode.Mapping base, int index, List<Expansion.Assignment> assignments)
            throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        List<PlannedRun> runs = bindAll(base, List.of(assignments), base.location(), errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(dedupe(errors));
        }
        PlannedRun r = runs.get(0);
        return new PlannedRun(index, r.id(), r.spec(), r.swept(), r.resolvedConfig());
    }

    /**
     * Applies one override: {@code sweep.grid.<key.path>} and {@code sweep.zip.<key.path>} set an axis (the
     * rest of the key is one axis name); any other key is set in the tree and pins that key (its axes go).
     */
    private static ConfigNode.Mapping override(ConfigNode.Mapping root, Overrides.Override o, Set<String> pinned)
            throws ConfigException {
        for (String block : List.of("grid", "zip")) {
            String prefix = SWEEP + "." + block + ".";
            if (o.key().startsWith(prefix)) {
                return root.withPath(List.of(SWEEP, block, o.key().substring(prefix.length())), o.keyLocation(), o.value());
            }
        }
        root = root.withPath(ConfigNode.splitPath(o.key()), o.keyLocation(), o.value());
        if (!o.key().startsWith(SWEEP + ".")) {
            pinned.add(o.key());
        }
        return root;
    }

    private static SweepDefinition unpin(SweepDefinition d, Set<String> pinned) {
        if (pinned.isEmpty()) {
            return d;
        }
        List<Axis> grid = d.grid().stream().filter(a -> !pinned.contains(a.path())).toList();
        List<Axis> zip = d.zip().stream().filter(a -> !pinned.contains(a.path())).toList();
        SweepDefinition.RandomSearch random = d.random() == null ? null : new SweepDefinition.RandomSearch(
                d.random().samples(), d.random().seed(), d.random().params().stream()
                .filter(p -> !pinned.contains(p.path())).toList(), d.random().location());
        return new SweepDefinition(grid, zip, random, d.when(), d.exclude(), d.repeats(), d.maxRuns(), d.tpe(),
                d.location());
    }

    private List<PlannedRun> bindAll(ConfigNode.Mapping base, List<List<Expansion.Assignment>> combos,
                                     Location sweepAt, List<ConfigError> errors) {
        List<PlannedRun> runs = new ArrayList<>();
        Map<String, Integer> firstById = new HashMap<>();
        InitFromCheck initFromCheck = new InitFromCheck();
        for (int index = 0; index < combos.size(); index++) {
            ConfigNode.Mapping tree = base;
            Map<String, String> swept = new LinkedHashMap<>();
            try {
                for (Expansion.Assignment a : combos.get(index)) {
                    tree = tree.withPath(ConfigNode.splitPath(a.path()), a.location(), a.value());
                    swept.put(a.path(), display(a.value()));
                }
                ExperimentSpec spec = ExperimentBinder.bind(tree);
                checkEngine(spec, tree, errors);
                ConfigError initFrom = initFromCheck.check(spec, tree);
                if (initFrom != null && !errors.contains(initFrom)) {
                    errors.add(initFrom);
                }
                String canonical = ConfigWriter.write(spec);
                String id = RunIds.of(canonical);
                Integer previous = firstById.putIfAbsent(id, index);
                if (previous != null) {
                    errors.add(new ConfigError(sweepAt, SWEEP, "runs " + previous + " and " + index
                            + " resolve to the same config " + swept + "; remove the repeated value"));
                }
                runs.add(new PlannedRun(index, id, spec, swept, canonical));
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
        }
        return runs;
    }

    private void checkEngine(ExperimentSpec spec, ConfigNode.Mapping tree, List<ConfigError> errors) {
        Optional<EngineProvider> provider = engines.find(spec.engine());
        if (provider.isEmpty()) {
            errors.add(new ConfigError(locate(tree, "engine"), "engine", "unknown engine '" + spec.engine()
                    + "'; available: " + String.join(", ", engines.names())));
            return;
        }
        for (Capabilities.Unsupported u : provider.get().unsupported(spec.toRunSpec("check"))) {
            errors.add(new ConfigError(locate(tree, u.keyPath()), u.keyPath(), u.message()));
        }
    }

    /** The location of the node at a dotted path, or of its nearest existing ancestor. */
    static Location locate(ConfigNode.Mapping root, String dotted) {
        ConfigNode node = root;
        for (String part : ConfigNode.splitPath(dotted)) {
            if (!(node instanceof ConfigNode.Mapping m) || m.get(part) == null) {
                break;
            }
            node = m.get(part);
        }
        return node.location();
    }

    /** A swept value as a short text: the scalar as written, or a compact flow form. */
    static String display(ConfigNode node) {
        if (node instanceof ConfigNode.Scalar s) {
            return s.text();
        }
        if (node instanceof ConfigNode.Sequence seq) {
            return seq.items().stream().map(SweepPlanner::display).toList().toString();
        }
        StringBuilder b = new StringBuilder("{");
        ((ConfigNode.Mapping) node).entries().values().forEach(e -> {
            if (b.length() > 1) {
                b.append(", ");
            }
            b.append(e.key()).append(": ").append(display(e.value()));
        });
        return b.append('}').toString();
    }

    private static List<ConfigError> dedupe(List<ConfigError> errors) {
        return new ArrayList<>(new LinkedHashSet<>(errors));
    }
}
