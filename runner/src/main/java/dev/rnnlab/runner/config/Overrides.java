package dev.rnnlab.runner.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Command-line overrides {@code key.path=value}. The value is parsed as YAML ({@code lr=0.01},
 * {@code model.hidden=[8,16]} for a list), and located as {@code <cli>:N:COL} where N is the
 * override's position among the overrides.
 */
public final class Overrides {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** One override: the dotted key, where it was given, and the value. */
    public record Override(String key, Location keyLocation, ConfigNode value) {}

    private Overrides() {}

    public static List<Override> parse(List<String> args) throws ConfigException {
        List<Override> out = new ArrayList<>();
        List<ConfigError> errors = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            Location at = new Location(Location.CLI, i + 1, 1);
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                errors.add(new ConfigError(at, "", "override '" + arg + "' is not of the form key.path=value"));
                continue;
            }
            String key = arg.substring(0, eq);
            if (!KEY.matcher(key).matches()) {
                errors.add(new ConfigError(at, key, "not a valid key path (names joined by '.')"));
                continue;
            }
            try {
                ConfigNode value = YamlLoader.load(Location.CLI, arg.substring(eq + 1));
                out.add(new Override(key, at, relocate(value, new Location(Location.CLI, i + 1, eq + 2))));
            } catch (ConfigException e) {
                for (ConfigError err : e.errors()) {
                    errors.add(new ConfigError(new Location(Location.CLI, i + 1, eq + 1 + err.location().column()),
                            key, err.message()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return out;
    }

    /** Re-bases the locations of a value parsed on its own onto its place in the override list. */
    private static ConfigNode relocate(ConfigNode node, Location base) {
        Location at = new Location(base.source(), base.line(), base.column() + node.location().column() - 1);
        if (node instanceof ConfigNode.Scalar s) {
            return new ConfigNode.Scalar(s.text(), s.quoted(), at);
        }
        if (node instanceof ConfigNode.Sequence seq) {
            return new ConfigNode.Sequence(seq.items().stream().map(n -> relocate(n, base)).toList(), at);
        }
        ConfigNode.Mapping m = (ConfigNode.Mapping) node;
        java.util.Map<String, ConfigNode.Mapping.Entry> entries = new java.util.LinkedHashMap<>();
        m.entries().forEach((k, e) -> entries.put(k, new ConfigNode.Mapping.Entry(k, at, relocate(e.value(), base))));
        return new ConfigNode.Mapping(entries, at);
    }
}
