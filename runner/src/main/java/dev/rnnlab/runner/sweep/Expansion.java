package dev.rnnlab.runner.sweep;

import dev.rnnlab.runner.config.ConfigError;
import dev.rnnlab.runner.config.ConfigNode;
import dev.rnnlab.runner.config.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Expands a {@link SweepDefinition} into combinations of assignments, one per run: grid (first axis
 * slowest) x zip rows x random samples, each extended by the matching {@code when} grids, minus the
 * excluded ones, each repeated with seeds {@code seed, seed + 1, ...}. The number of runs is computed
 * before any run is bound, and a sweep over {@code max_runs} is refused naming its axes.
 */
final class Expansion {

    /** One swept value: where in the config it goes and where it was written. */
    record Assignment(String path, Location location, ConfigNode value) {}

    private Expansion() {}

    static List<List<Assignment>> expand(SweepDefinition d, ConfigNode.Mapping base, List<ConfigError> errors) {
        long baseCount;
        try {
            baseCount = 1;
            for (Axis a : d.grid()) {
                baseCount = Math.multiplyExact(baseCount, a.values().size());
            }
            baseCount = Math.multiplyExact(baseCount, d.zip().isEmpty() ? 1 : d.zip().get(0).values().size());
            baseCount = Math.multiplyExact(baseCount, d.random() == null ? 1 : d.random().samples());
            baseCount = Math.multiplyExact(baseCount, d.repeats());
        } catch (ArithmeticException overflow) {
            baseCount = Long.MAX_VALUE;
        }
        if (baseCount > d.maxRuns()) {
            errors.add(new ConfigError(d.location(), SweepBlockReader.SWEEP, "the sweep has " + (baseCount == Long.MAX_VALUE
                    ? "more than 9.2e18" : String.format("%,d", baseCount)) + " runs, more than max_runs " + d.maxRuns()
                    + " (" + describe(d) + ")"));
            return List.of();
        }
        boolean seedSwept = assignsSeed(d);
        if (d.repeats() > 1 && seedSwept) {
            errors.add(new ConfigError(d.location(), SweepBlockReader.SWEEP + ".repeats",
                    "seed is swept and repeats is set: use one or the other"));
            return List.of();
        }
        List<List<Assignment>> combos = new ArrayList<>();
        combos.add(List.of());
        for (Axis a : d.grid()) {
            combos = product(combos, axisRows(a));
        }
        if (!d.zip().isEmpty()) {
            List<List<Assignment>> rows = new ArrayList<>();
            for (int i = 0; i < d.zip().get(0).values().size(); i++) {
                List<Assignment> row = new ArrayList<>();
                for (Axis a : d.zip()) {
                    row.add(new Assignment(a.path(), a.location(), a.values().get(i)));
                }
                rows.add(row);
            }
            combos = product(combos, rows);
        }
        if (d.random() != null) {
            combos = product(combos, samples(d.random()));
        }
        List<List<Assignment>> withWhen = new ArrayList<>();
        for (List<Assignment> c : combos) {
            List<List<Assignment>> expanded = List.of(c);
            for (SweepDefinition.When w : d.when()) {
                List<List<Assignment>> next = new ArrayList<>();
                for (List<Assignment> e : expanded) {
                    if (matches(w.condition(), e, base)) {
                        List<List<Assignment>> grown = List.of(e);
                        for (Axis a : w.grid()) {
                            grown = product(grown, axisRows(a));
                        }
                        next.addAll(grown);
                    } else {
                        next.add(e);
                    }
                }
                expanded = next;
            }
            for (List<Assignment> e : expanded) {
                if (d.exclude().stream().noneMatch(x -> matches(x, e, base))) {
                    withWhen.add(e);
                }
            }
            if ((long) withWhen.size() * d.repeats() > d.maxRuns()) {
                errors.add(new ConfigError(d.location(), SweepBlockReader.SWEEP, "the sweep has more than max_runs "
                        + d.maxRuns() + " runs once its when blocks are applied (" + describe(d) + ")"));
                return List.of();
            }
        }
        if (withWhen.isEmpty()) {
            errors.add(new ConfigError(d.location(), SweepBlockReader.SWEEP, "every run is excluded: a sweep of 0 runs"));
            return List.of();
        }
        if (d.repeats() == 1) {
            return withWhen;
        }
        long seed = baseSeed(base);
        List<List<Assignment>> repeated = new ArrayList<>();
        Location at = d.location();
        for (List<Assignment> c : withWhen) {
            for (int r = 0; r < d.repeats(); r++) {
                List<Assignment> withSeed = new ArrayList<>(c);
                withSeed.add(new Assignment("seed", at, new ConfigNode.Scalar(Long.toString(seed + r), false, at)));
                repeated.add(withSeed);
            }
        }
        return repeated;
    }

    /** Every assignment path, in order of first appearance. */
    static List<String> axes(List<List<Assignment>> combos) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        combos.forEach(c -> c.forEach(a -> out.add(a.path())));
        return List.copyOf(out);
    }

    private static List<List<Assignment>> axisRows(Axis a) {
        List<List<Assignment>> rows = new ArrayList<>();
        for (ConfigNode v : a.values()) {
            rows.add(List.of(new Assignment(a.path(), a.location(), v)));
        }
        return rows;
    }

    private static List<List<Assignment>> product(List<List<Assignment>> left, List<List<Assignment>> right) {
        List<List<Assignment>> out = new ArrayList<>(left.size() * right.size());
        for (List<Assignment> l : left) {
            for (List<Assignment> r : right) {
                List<Assignment> c = new ArrayList<>(l);
                c.addAll(r);
                out.add(c);
            }
        }
        return out;
    }

    /** The random samples, drawn in order from one seeded stream: the same file always gives the same runs. */
    private static List<List<Assignment>> samples(SweepDefinition.RandomSearch random) {
        SplittableRandom rng = new SplittableRandom(random.seed());
        List<List<Assignment>> rows = new ArrayList<>();
        for (int i = 0; i < random.samples(); i++) {
            List<Assignment> row = new ArrayList<>();
            for (SweepDefinition.Param p : random.params()) {
                row.add(new Assignment(p.path(), p.location(), drawOne(p, rng)));
            }
            rows.add(row);
        }
        return rows;
    }

    /** One value of {@code p} drawn from its distribution. */
    static ConfigNode drawOne(SweepDefinition.Param p, SplittableRandom rng) {
        return draw(p.distribution(), rng, p.location());
    }

    private static ConfigNode draw(SweepDefinition.Distribution d, SplittableRandom rng, Location at) {
        if (d instanceof SweepDefinition.Uniform u) {
            return scalar(Double.toString(u.low() + rng.nextDouble() * (u.high() - u.low())), at);
        }
        if (d instanceof SweepDefinition.LogUniform u) {
            double lo = Math.log(u.low());
            return scalar(Double.toString(Math.exp(lo + rng.nextDouble() * (Math.log(u.high()) - lo))), at);
        }
        if (d instanceof SweepDefinition.IntUniform u) {
            return scalar(Long.toString(u.low() + rng.nextLong(u.high() - u.low() + 1)), at);
        }
        List<ConfigNode> values = ((SweepDefinition.Choice) d).values();
        return values.get(rng.nextInt(values.size()));
    }

    private static ConfigNode scalar(String text, Location at) {
        return new ConfigNode.Scalar(text, false, at);
    }

    /** Whether every key of {@code condition} has that value in the run (its assignments, else the base config). */
    static boolean matches(Map<String, ConfigNode> condition, List<Assignment> combo, ConfigNode.Mapping base) {
        for (Map.Entry<String, ConfigNode> e : condition.entrySet()) {
            ConfigNode actual = null;
            for (Assignment a : combo) {
                if (a.path().equals(e.getKey())) {
                    actual = a.value();
                }
            }
            if (actual == null) {
                actual = at(base, e.getKey());
            }
            if (actual == null || !sameValue(actual, e.getValue())) {
                return false;
            }
        }
        return true;
    }

    /** Scalars that both read as numbers compare as numbers (1e-3 = 0.001); anything else by its text. */
    static boolean sameValue(ConfigNode a, ConfigNode b) {
        if (a instanceof ConfigNode.Scalar x && b instanceof ConfigNode.Scalar y) {
            if (!x.quoted() && !y.quoted()) {
                try {
                    return Double.parseDouble(x.text()) == Double.parseDouble(y.text());
                } catch (NumberFormatException notNumbers) {
                    // fall through to text
                }
            }
            return x.text().equals(y.text());
        }
        return SweepPlanner.display(a).equals(SweepPlanner.display(b));
    }

    private static ConfigNode at(ConfigNode.Mapping root, String dotted) {
        ConfigNode node = root;
        for (String part : ConfigNode.splitPath(dotted)) {
            if (!(node instanceof ConfigNode.Mapping m)) {
                return null;
            }
            node = m.get(part);
        }
        return node;
    }

    private static long baseSeed(ConfigNode.Mapping base) {
        ConfigNode s = base.get("seed");
        if (s instanceof ConfigNode.Scalar sc) {
            try {
                return Long.parseLong(sc.text());
            } catch (NumberFormatException e) {
                return 0; // the binder reports the bad seed
            }
        }
        return 0;
    }

    private static boolean assignsSeed(SweepDefinition d) {
        return d.grid().stream().anyMatch(a -> a.path().equals("seed")) || d.zip().stream().anyMatch(a -> a.path().equals("seed"))
                || (d.random() != null && d.random().params().stream().anyMatch(p -> p.path().equals("seed")))
                || d.when().stream().anyMatch(w -> w.grid().stream().anyMatch(a -> a.path().equals("seed")));
    }

    private static String describe(SweepDefinition d) {
        List<String> parts = new ArrayList<>();
        d.grid().forEach(a -> parts.add(a.path() + "=" + a.values().size()));
        if (!d.zip().isEmpty()) {
            parts.add("zip=" + d.zip().get(0).values().size());
        }
        if (d.random() != null) {
            parts.add("random samples=" + d.random().samples());
        }
        if (d.repeats() > 1) {
            parts.add("repeats=" + d.repeats());
        }
        return "axes: " + String.join(", ", parts);
    }
}
