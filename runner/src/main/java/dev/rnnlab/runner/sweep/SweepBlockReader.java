package dev.rnnlab.runner.sweep;

import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigNode;
import dev.rnnlab.runner.config.Location;
import dev.rnnlab.runner.config.MappingReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the {@code sweep:} block into a {@link SweepDefinition}, reporting every problem with its
 * location. Axis paths are checked later, when each run is bound (an unknown path is an unknown key at
 * the axis's location).
 */
final class SweepBlockReader {

    static final String SWEEP = "sweep";
    static final long DEFAULT_MAX_RUNS = 10_000;
    static final long MAX_MAX_RUNS = 1_000_000;

    private final List<ConfigError> errors;

    SweepBlockReader(List<ConfigError> errors) {
        this.errors = errors;
    }

    SweepDefinition read(ConfigNode node, Location fallback) {
        ConfigNode.Mapping block = node instanceof ConfigNode.Mapping m ? m : new ConfigNode.Mapping(Map.of(), fallback);
        if (node != null && !(node instanceof ConfigNode.Mapping) && !(node instanceof ConfigNode.Scalar s && s.isNull())) {
            errors.add(new ConfigError(node.location(), SWEEP, "expected a mapping, got " + node.describe()));
        }
        MappingReader r = new MappingReader(block, SWEEP, errors);
        List<Axis> grid = axes(r.node("grid"), SWEEP + ".grid");
        List<Axis> zip = axes(r.node("zip"), SWEEP + ".zip");
        checkZipLengths(zip);
        SweepDefinition.RandomSearch random = r.has("random") ? random(r.mapping("random", true)) : null;
        List<SweepDefinition.When> when = when(r.node("when"));
        List<Map<String, ConfigNode>> exclude = exclude(r.node("exclude"));
        Integer repeats = r.intValue("repeats", 1, 1, 1000);
        Long maxRuns = r.integer("max_runs", DEFAULT_MAX_RUNS, 1, MAX_MAX_RUNS);
        TpeSearch tpe = r.has("tpe") ? tpe(r.mapping("tpe", true)) : null;
        if (r.has("tpe")) {
            for (String other : List.of("grid", "zip", "random", "when", "exclude", "repeats")) {
                if (r.has(other)) {
                    r.error(other, "cannot be combined with tpe (at " + r.locationOf("tpe") + "): a model-based "
                            + "search proposes every run itself");
                }
            }
        }
        r.rejectUnknownKeys("");
        return new SweepDefinition(grid, zip, random, when, exclude, repeats == null ? 1 : repeats,
                maxRuns == null ? DEFAULT_MAX_RUNS : maxRuns, tpe, block.location());
    }

    /** A mapping of key path to a non-empty list of values. */
    List<Axis> axes(ConfigNode node, String where) {
        List<Axis> out = new ArrayList<>();
        if (node == null || (node instanceof ConfigNode.Scalar s && s.isNull())) {
            return out;
        }
        if (!(node instanceof ConfigNode.Mapping m)) {
            errors.add(new ConfigError(node.location(), where, "expected a mapping of key paths to lists of values, got "
                    + node.describe()));
            return out;
        }
        for (ConfigNode.Mapping.Entry e : m.entries().values()) {
            axis(e.key(), e.keyLocation(), e.value(), where + "." + e.key()).ifPresent(out::add);
        }
        return out;
    }

    java.util.Optional<Axis> axis(String path, Location at, ConfigNode values, String where) {
        if (!validPath(path, at, where)) {
            return java.util.Optional.empty();
        }
        if (!(values instanceof ConfigNode.Sequence seq)) {
            errors.add(new ConfigError(values.location(), where, "expected a list of values, got " + values.describe()));
            return java.util.Optional.empty();
        }
        if (seq.items().isEmpty()) {
            errors.add(new ConfigError(values.location(), where, "the list of values is empty: a sweep of 0 runs"));
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new Axis(path, at, seq.items()));
    }

    private boolean validPath(String path, Location at, String where) {
        if (path.equals("name") || path.equals(SWEEP) || path.startsWith(SWEEP + ".")) {
            errors.add(new ConfigError(at, where, "'" + path + "' cannot be swept"));
            return false;
        }
        if (ConfigNode.splitPath(path).stream().anyMatch(String::isEmpty)) {
            errors.add(new ConfigError(at, where, "not a valid key path (names joined by '.')"));
            return false;
        }
        return true;
    }

    private void checkZipLengths(List<Axis> zip) {
        for (Axis a : zip) {
            if (a.values().size() != zip.get(0).values().size()) {
                errors.add(new ConfigError(a.location(), SWEEP + ".zip." + a.path(), "has " + a.values().size()
                        + " values but " + zip.get(0).path() + " (at " + zip.get(0).location() + ") has "
                        + zip.get(0).values().size() + ": zipped lists must be equally long"));
            }
        }
    }

    private TpeSearch tpe(MappingReader r) {
        if (r == null) {
            return null;
        }
        Integer budget = r.intValue("budget", null, 1, (int) MAX_MAX_RUNS);
        Integer startup = r.intValue("startup", 10, 1, (int) MAX_MAX_RUNS);
        Long seed = r.integer("seed", 0L, 0, Long.MAX_VALUE);
        String metric = r.string("metric", "best_val_loss");
        if (metric != null && !TpeSearch.METRICS.contains(metric)) {
            r.error("metric", "unknown metric '" + metric + "', expected one of " + String.join(", ", TpeSearch.METRICS));
            metric = null;
        }
        Integer batch = r.intValue("batch", 1, 1, 1000);
        Double gamma = r.number("gamma", 0.25, 0, 0.999);
        Integer candidates = r.intValue("candidates", 24, 1, 10_000);
        List<SweepDefinition.Param> params = params(r, SWEEP + ".tpe");
        r.rejectUnknownKeys("");
        if (budget == null || startup == null || seed == null || metric == null || batch == null || gamma == null
                || candidates == null || params.isEmpty()) {
            return null;
        }
        return new TpeSearch(budget, Math.min(startup, budget), seed, metric, batch, gamma, candidates, params);
    }

    private SweepDefinition.RandomSearch random(MappingReader r) {
        if (r == null) {
            return null;
        }
        Integer samples = r.intValue("samples", null, 1, (int) MAX_MAX_RUNS);
        Long seed = r.integer("seed", 0L, 0, Long.MAX_VALUE);
        List<SweepDefinition.Param> params = params(r, SWEEP + ".random");
        r.rejectUnknownKeys("");
        return samples == null || seed == null ? null
                : new SweepDefinition.RandomSearch(samples, seed, params, r.location());
    }

    /** The {@code params} mapping of key paths to distributions. */
    private List<SweepDefinition.Param> params(MappingReader r, String where) {
        List<SweepDefinition.Param> params = new ArrayList<>();
        ConfigNode p = r.node("params");
        if (p == null) {
            r.error(null, "needs params: a mapping of key paths to distributions");
        } else if (p instanceof ConfigNode.Mapping m) {
            for (ConfigNode.Mapping.Entry e : m.entries().values()) {
                String at = where + ".params." + e.key();
                if (!validPath(e.key(), e.keyLocation(), at)) {
                    continue;
                }
                SweepDefinition.Distribution d = distribution(e.value(), at);
                if (d != null) {
                    params.add(new SweepDefinition.Param(e.key(), e.keyLocation(), d));
                }
            }
        } else {
            errors.add(new ConfigError(p.location(), where + ".params", "expected a mapping, got " + p.describe()));
        }
        return params;
    }

    private SweepDefinition.Distribution distribution(ConfigNode node, String where) {
        if (!(node instanceof ConfigNode.Mapping m)) {
            errors.add(new ConfigError(node.location(), where, "expected {distribution: uniform|log_uniform|int_uniform, "
                    + "low, high} or {choice: [values]}, got " + node.describe()));
            return null;
        }
        MappingReader r = new MappingReader(m, where, errors);
        if (r.has("choice")) {
            ConfigNode values = r.node("choice");
            r.rejectUnknownKeys(" for a choice");
            if (values instanceof ConfigNode.Sequence seq && !seq.items().isEmpty()) {
                return new SweepDefinition.Choice(seq.items());
            }
            errors.add(new ConfigError(values.location(), where + ".choice", "expected a non-empty list of values"));
            return null;
        }
        String kind = r.string("distribution", (String) null);
        SweepDefinition.Distribution d = null;
        if ("int_uniform".equals(kind)) {
            Long low = r.integer("low", null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            Long high = r.integer("high", null, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2);
            if (low != null && high != null) {
                if (high < low) {
                    r.error("high", "high " + high + " is below low " + low + " (at " + r.locationOf("low") + ")");
                } else {
                    d = new SweepDefinition.IntUniform(low, high);
                }
            }
        } else if ("uniform".equals(kind) || "log_uniform".equals(kind)) {
            double min = "log_uniform".equals(kind) ? 0 : -Double.MAX_VALUE;
            Double low = r.number("low", null, min, Double.MAX_VALUE);
            Double high = r.number("high", null, min, Double.MAX_VALUE);
            if (low != null && high != null) {
                if (!(high > low)) {
                    r.error("high", "high " + high + " must be above low " + low + " (at " + r.locationOf("low") + ")");
                } else {
                    d = "uniform".equals(kind) ? new SweepDefinition.Uniform(low, high)
                            : new SweepDefinition.LogUniform(low, high);
                }
            }
        } else if (kind != null) {
            r.error("distribution", "unknown distribution '" + kind + "', expected one of uniform, log_uniform, "
                    + "int_uniform (or use choice: [...])");
        }
        r.rejectUnknownKeys("");
        return d;
    }

    private List<SweepDefinition.When> when(ConfigNode node) {
        List<SweepDefinition.When> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof ConfigNode.Sequence seq)) {
            errors.add(new ConfigError(node.location(), SWEEP + ".when", "expected a list of {if: {...}, grid: {...}}"));
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            String where = SWEEP + ".when[" + i + "]";
            ConfigNode item = seq.items().get(i);
            if (!(item instanceof ConfigNode.Mapping m)) {
                errors.add(new ConfigError(item.location(), where, "expected {if: {...}, grid: {...}}"));
                continue;
            }
            MappingReader r = new MappingReader(m, where, errors);
            Map<String, ConfigNode> condition = assignment(r.node("if"), where + ".if");
            List<Axis> grid = axes(r.node("grid"), where + ".grid");
            if (!r.has("if")) {
                r.error(null, "a when block needs if: {key.path: value, ...}");
            }
            if (grid.isEmpty() && !r.has("grid")) {
                r.error(null, "a when block needs grid: {key.path: [values]}");
            }
            r.rejectUnknownKeys("");
            out.add(new SweepDefinition.When(condition, grid, m.location()));
        }
        return out;
    }

    private List<Map<String, ConfigNode>> exclude(ConfigNode node) {
        List<Map<String, ConfigNode>> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof ConfigNode.Sequence seq)) {
            errors.add(new ConfigError(node.location(), SWEEP + ".exclude", "expected a list of {key.path: value, ...}"));
            return out;
        }
        for (int i = 0; i < seq.items().size(); i++) {
            Map<String, ConfigNode> a = assignment(seq.items().get(i), SWEEP + ".exclude[" + i + "]");
            if (!a.isEmpty()) {
                out.add(a);
            }
        }
        return out;
    }

    /** A mapping of key path to one value (a condition or an exclusion). */
    private Map<String, ConfigNode> assignment(ConfigNode node, String where) {
        Map<String, ConfigNode> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!(node instanceof ConfigNode.Mapping m) || m.entries().isEmpty()) {
            errors.add(new ConfigError(node.location(), where, "expected a non-empty mapping of key paths to values"));
            return out;
        }
        for (ConfigNode.Mapping.Entry e : m.entries().values()) {
            if (validPath(e.key(), e.keyLocation(), where + "." + e.key())) {
                out.put(e.key(), e.value());
            }
        }
        return out;
    }
}
