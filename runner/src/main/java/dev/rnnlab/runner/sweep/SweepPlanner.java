package dev.rnnlab.runner.sweep;

import dev.rnnlab.engine.api.Capabilities;
import dev.rnnlab.engine.api.EngineProvider;
import dev.rnnlab.engine.api.EngineRegistry;
import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigException;
import dev.rnnlab.runner.config.ConfigNode;
import dev.rnnlab.runner.config.ConfigWriter;
import dev.rnnlab.runner.config.ExperimentBinder;
import dev.rnnlab.runner.config.ExperimentSpec;
import dev.rnnlab.runner.config.Location;
import dev.rnnlab.runner.config.Overrides;
import dev.rnnlab.runner.config.YamlLoader;
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
 * Turns an experiment file plus overrides into a validated {@link SweepPlan}: compose, apply
 * overrides, expand the {@code sweep.grid} outer product, bind every run, check every run against its
 * engine's capabilities, and give each a stable id. Nothing runs, nothing is written; all problems of
 * all runs are reported together.
 */
public final class SweepPlanner {

    /** More runs than this is almost always a typo in a grid. */
    public static final long MAX_RUNS = 10_000;
    static final String SWEEP = "sweep";
    static final String GRID = "grid";
    static final String GRID_OVERRIDE_PREFIX = SWEEP + "." + GRID + ".";

    private final EngineRegistry engines;

    public SweepPlanner(EngineRegistry engines) {
        this.engines = engines;
    }

    public SweepPlan plan(Path file, List<String> overrideArgs) throws ConfigException {
        ConfigNode.Mapping root = YamlLoader.loadFile(file);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(new ConfigError(new Location(file.toString(), 1, 1), "", "cannot read: " + e));
        }
        List<Overrides.Override> overrides = Overrides.parse(overrideArgs);
        List<ConfigError> errors = new ArrayList<>();

        // Split overrides: grid axes replace axes; anything else sets the key and pins it (drops its axis).
        Map<String, Overrides.Override> gridOverrides = new LinkedHashMap<>();
        Set<String> pinned = new LinkedHashSet<>();
        for (Overrides.Override o : overrides) {
            if (o.key().startsWith(GRID_OVERRIDE_PREFIX)) {
                gridOverrides.put(o.key().substring(GRID_OVERRIDE_PREFIX.length()), o);
                continue;
            }
            if (o.key().equals(SWEEP) || o.key().startsWith(SWEEP + ".")) {
                errors.add(new ConfigError(o.keyLocation(), o.key(),
                        "only sweep.grid.<key.path>=[values] can be overridden in the sweep block"));
                continue;
            }
            try {
                root = root.withPath(ConfigNode.splitPath(o.key()), o.keyLocation(), o.value());
                pinned.add(o.key());
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
        }
        List<Axis> axes = axes(root.get(SWEEP), gridOverrides, pinned, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        ConfigNode.Mapping base = root.without(SWEEP);
        List<PlannedRun> runs = expand(base, axes, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(dedupe(errors));
        }
        return new SweepPlan(runs.get(0).spec().name(), file.toString(), text, overrideArgs,
                axes.stream().map(Axis::path).toList(), runs);
    }

    private static List<Axis> axes(ConfigNode sweep, Map<String, Overrides.Override> gridOverrides,
                                   Set<String> pinned, List<ConfigError> errors) {
        Map<String, Axis> axes = new LinkedHashMap<>();
        if (sweep instanceof ConfigNode.Mapping m) {
            for (ConfigNode.Mapping.Entry e : m.entries().values()) {
                if (!e.key().equals(GRID)) {
                    errors.add(new ConfigError(e.keyLocation(), SWEEP + "." + e.key(),
                            "unknown sweep key; allowed keys: " + GRID));
                }
            }
            ConfigNode grid = m.get(GRID);
            if (grid instanceof ConfigNode.Mapping g) {
                for (ConfigNode.Mapping.Entry e : g.entries().values()) {
                    axis(e.key(), e.keyLocation(), e.value(), errors).ifPresent(a -> axes.put(a.path(), a));
                }
            } else if (grid != null) {
                errors.add(new ConfigError(grid.location(), SWEEP + "." + GRID,
                        "expected a mapping of key paths to lists of values, got " + grid.describe()));
            }
        } else if (sweep != null && !(sweep instanceof ConfigNode.Scalar s && s.isNull())) {
            errors.add(new ConfigError(sweep.location(), SWEEP, "expected a mapping, got " + sweep.describe()));
        }
        for (Map.Entry<String, Overrides.Override> e : gridOverrides.entrySet()) {
            axis(e.getKey(), e.getValue().keyLocation(), e.getValue().value(), errors)
                    .ifPresent(a -> axes.put(a.path(), a));
        }
        pinned.forEach(axes::remove);
        long size = 1;
        for (Axis a : axes.values()) {
            size *= a.values().size();
            if (size > MAX_RUNS) {
                errors.add(new ConfigError(a.location(), SWEEP + "." + GRID, "the grid has "
                        + axes.values().stream().map(x -> x.path() + " (" + x.values().size() + ")").toList()
                        + " values, more than the limit of " + MAX_RUNS + " runs"));
                break;
            }
        }
        return List.copyOf(axes.values());
    }

    private static Optional<Axis> axis(String path, Location at, ConfigNode values, List<ConfigError> errors) {
        String where = SWEEP + "." + GRID + "." + path;
        if (path.equals("name") || path.equals(SWEEP) || path.startsWith(SWEEP + ".")) {
            errors.add(new ConfigError(at, where, "'" + path + "' cannot be swept"));
            return Optional.empty();
        }
        if (ConfigNode.splitPath(path).stream().anyMatch(String::isEmpty)) {
            errors.add(new ConfigError(at, where, "not a valid key path (names joined by '.')"));
            return Optional.empty();
        }
        if (!(values instanceof ConfigNode.Sequence seq)) {
            errors.add(new ConfigError(values.location(), where, "expected a list of values, got " + values.describe()));
            return Optional.empty();
        }
        if (seq.items().isEmpty()) {
            errors.add(new ConfigError(values.location(), where, "the list of values is empty"));
            return Optional.empty();
        }
        return Optional.of(new Axis(path, at, seq.items()));
    }

    private List<PlannedRun> expand(ConfigNode.Mapping base, List<Axis> axes, List<ConfigError> errors) {
        List<PlannedRun> runs = new ArrayList<>();
        Map<String, Integer> firstById = new HashMap<>();
        int[] choice = new int[axes.size()];
        int index = 0;
        do {
            ConfigNode.Mapping tree = base;
            Map<String, String> swept = new LinkedHashMap<>();
            try {
                for (int a = 0; a < axes.size(); a++) {
                    Axis axis = axes.get(a);
                    ConfigNode value = axis.values().get(choice[a]);
                    tree = tree.withPath(ConfigNode.splitPath(axis.path()), axis.location(), value);
                    swept.put(axis.path(), display(value));
                }
                ExperimentSpec spec = ExperimentBinder.bind(tree);
                checkEngine(spec, tree, errors);
                String canonical = ConfigWriter.write(spec);
                String id = RunIds.of(canonical);
                Integer previous = firstById.putIfAbsent(id, index);
                if (previous != null) {
                    errors.add(new ConfigError(base.location(), SWEEP + "." + GRID, "runs " + previous + " and "
                            + index + " resolve to the same config " + swept + "; remove the repeated value"));
                }
                runs.add(new PlannedRun(index, id, spec, swept, canonical));
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
            index++;
        } while (next(choice, axes));
        return runs;
    }

    private void checkEngine(ExperimentSpec spec, ConfigNode.Mapping tree, List<ConfigError> errors) {
        Optional<EngineProvider> provider = engines.find(spec.engine());
        if (provider.isEmpty()) {
            errors.add(new ConfigError(locate(tree, "engine"), "engine", "unknown engine '" + spec.engine()
                    + "'; available: " + String.join(", ", engines.names())));
            return;
        }
        for (Capabilities.Unsupported u : provider.get().capabilities().check(spec.engine(), spec.toRunSpec("check"))) {
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

    /** Odometer increment, last axis fastest; false after the last combination. */
    private static boolean next(int[] choice, List<Axis> axes) {
        for (int a = axes.size() - 1; a >= 0; a--) {
            if (++choice[a] < axes.get(a).values().size()) {
                return true;
            }
            choice[a] = 0;
        }
        return false;
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
