package dev.rnnlab.runner.config;

import dev.rnnlab.engine.api.spec.ConfigNamed;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed values out of one mapping, adding an error (with location and key path) for every
 * missing, mistyped or out-of-range value instead of stopping at the first. Each accessor returns
 * {@code null} after recording an error; the binder builds records only when no error was found.
 */
public final class MappingReader {

    private static final Pattern INTEGER = Pattern.compile("[-+]?(0|[1-9][0-9]*)");
    private static final Pattern DECIMAL =
            Pattern.compile("[-+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][-+]?[0-9]+)?");

    private final ConfigNode.Mapping map;
    private final String path;
    private final List<ConfigError> errors;
    private final Set<String> declared = new LinkedHashSet<>();

    public MappingReader(ConfigNode.Mapping map, String path, List<ConfigError> errors) {
        this.map = map;
        this.path = path;
        this.errors = errors;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public Location location() {
        return map.location();
    }

    /** The location of {@code key}'s value, or of this mapping when the key is absent. */
    public Location locationOf(String key) {
        ConfigNode n = map.get(key);
        return n != null ? n.location() : map.location();
    }

    public boolean has(String key) {
        declared.add(key);
        return map.get(key) != null;
    }

    public void error(String key, String message) {
        errors.add(new ConfigError(locationOf(key), key == null ? path : path(key), message));
    }

    /** The scalar at {@code key}, or null (with an error unless it is optional and absent). */
    private ConfigNode.Scalar scalar(String key, boolean required) {
        declared.add(key);
        ConfigNode n = map.get(key);
        if (n == null) {
            if (required) {
                errors.add(new ConfigError(map.location(), path(key), "required key is missing"));
            }
            return null;
        }
        if (!(n instanceof ConfigNode.Scalar s)) {
            errors.add(new ConfigError(n.location(), path(key), "expected a single value, got " + n.describe()));
            return null;
        }
        if (s.isNull()) {
            errors.add(new ConfigError(n.location(), path(key), "needs a value, got null"));
            return null;
        }
        return s;
    }

    public String string(String key, String defaultValue) {
        ConfigNode.Scalar s = scalar(key, defaultValue == null);
        return s == null ? (has(key) ? null : defaultValue) : s.text();
    }

    /** A string matching {@code pattern}, described to the user as {@code what}. */
    String string(String key, Pattern pattern, String what) {
        ConfigNode.Scalar s = scalar(key, true);
        if (s == null) {
            return null;
        }
        if (!pattern.matcher(s.text()).matches()) {
            errors.add(new ConfigError(s.location(), path(key), "must be " + what + ", got '" + s.text() + "'"));
            return null;
        }
        return s.text();
    }

    public Long integer(String key, Long defaultValue, long min, long max) {
        ConfigNode.Scalar s = scalar(key, defaultValue == null);
        if (s == null) {
            return map.get(key) == null ? defaultValue : null;
        }
        if (s.quoted() || !INTEGER.matcher(s.text()).matches()) {
            String hint = !s.quoted() && s.text().matches("[-+]?0[0-9]+") ? " (leading zeros are ambiguous)" : "";
            errors.add(new ConfigError(s.location(), path(key), "expected an integer, got " + s.describe() + hint));
            return null;
        }
        long v;
        try {
            v = Long.parseLong(s.text());
        } catch (NumberFormatException e) {
            v = s.text().startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        if (v < min || v > max) {
            errors.add(new ConfigError(s.location(), path(key), "must be in [" + min + ", " + max + "], got " + s.text()));
            return null;
        }
        return v;
    }

    public Integer intValue(String key, Integer defaultValue, int min, int max) {
        Long v = integer(key, defaultValue == null ? null : defaultValue.longValue(), min, max);
        return v == null ? null : v.intValue();
    }

    /** The scalar at {@code key} read as a number, or null after an error; {@code s} must not be null. */
    private Double decimal(ConfigNode.Scalar s, String key) {
        if (s.quoted() || !DECIMAL.matcher(s.text()).matches()) {
            errors.add(new ConfigError(s.location(), path(key), "expected a number, got " + s.describe()));
            return null;
        }
        return Double.parseDouble(s.text());
    }

    /** A finite number strictly greater than {@code exclusiveMin} and at most {@code max}. */
    public Double number(String key, Double defaultValue, double exclusiveMin, double max) {
        ConfigNode.Scalar s = scalar(key, defaultValue == null);
        if (s == null) {
            return map.get(key) == null ? defaultValue : null;
        }
        Double parsed = decimal(s, key);
        if (parsed == null) {
            return null;
        }
        double v = parsed;
        if (!(v > exclusiveMin && v <= max) || !Double.isFinite(v)) {
            String range = max == Double.MAX_VALUE ? "> " + exclusiveMin : "in (" + exclusiveMin + ", " + max + "]";
            errors.add(new ConfigError(s.location(), path(key), "must be " + range + ", got " + s.text()));
            return null;
        }
        return v;
    }

    /** {@code true} or {@code false}, exactly (YAML 1.1's yes/no/on/off are refused, not converted). */
    public Boolean bool(String key, boolean defaultValue) {
        ConfigNode.Scalar s = scalar(key, false);
        if (s == null) {
            return map.get(key) == null ? defaultValue : null;
        }
        if (!s.quoted() && (s.text().equals("true") || s.text().equals("false"))) {
            return Boolean.parseBoolean(s.text());
        }
        errors.add(new ConfigError(s.location(), path(key), "expected true or false, got " + s.describe()));
        return null;
    }

    /** A finite number >= 0. */
    public Double nonNegative(String key, Double defaultValue) {
        ConfigNode.Scalar s = scalar(key, defaultValue == null);
        if (s == null) {
            return map.get(key) == null ? defaultValue : null;
        }
        Double parsed = decimal(s, key);
        if (parsed == null) {
            return null;
        }
        double v = parsed;
        if (!(v >= 0) || !Double.isFinite(v)) {
            errors.add(new ConfigError(s.location(), path(key), "must be >= 0, got " + s.text()));
            return null;
        }
        return v;
    }

    /** A number in the half-open range {@code [min, maxExclusive)}. */
    public Double fraction(String key, double defaultValue, double min, double maxExclusive) {
        ConfigNode.Scalar s = scalar(key, false);
        if (s == null) {
            return map.get(key) == null ? defaultValue : null;
        }
        Double parsed = decimal(s, key);
        if (parsed == null) {
            return null;
        }
        double v = parsed;
        if (!(v >= min && v < maxExclusive)) {
            errors.add(new ConfigError(s.location(), path(key),
                    "must be in [" + min + ", " + maxExclusive + "), got " + s.text()));
            return null;
        }
        return v;
    }

    public <E extends Enum<E> & ConfigNamed> E choice(String key, Class<E> type, E defaultValue) {
        ConfigNode.Scalar s = scalar(key, defaultValue == null);
        if (s == null) {
            return map.get(key) == null ? defaultValue : null;
        }
        E value = ConfigNamed.parse(type, s.text()).orElse(null);
        if (value == null) {
            List<String> names = Arrays.stream(type.getEnumConstants()).map(ConfigNamed::configName).toList();
            errors.add(new ConfigError(s.location(), path(key), "unknown value '" + s.text() + "', expected one of "
                    + String.join(", ", names) + Suggestions.didYouMean(s.text(), names)));
        }
        return value;
    }

    /**
     * The mapping at {@code key}. When absent and not required, an empty mapping (so defaults apply);
     * when of the wrong type, null after an error.
     */
    public MappingReader mapping(String key, boolean required) {
        declared.add(key);
        ConfigNode n = map.get(key);
        if (n == null || (n instanceof ConfigNode.Scalar s && s.isNull() && !required)) {
            if (required) {
                errors.add(new ConfigError(map.location(), path(key), "required section is missing"));
                return null;
            }
            return new MappingReader(new ConfigNode.Mapping(Map.of(), map.location()), path(key), errors);
        }
        if (!(n instanceof ConfigNode.Mapping m)) {
            errors.add(new ConfigError(n.location(), path(key), "expected a mapping of keys, got " + n.describe()));
            return null;
        }
        return new MappingReader(m, path(key), errors);
    }

    /**
     * A variant given as a mapping with {@code kind}, or as the bare kind ({@code orthogonal} for
     * {@code {kind: orthogonal}}). Absent: an empty mapping, so defaults apply; of another type: null
     * after an error.
     */
    public MappingReader variant(String key) {
        ConfigNode n = map.get(key);
        if (n instanceof ConfigNode.Scalar s && !s.isNull()) {
            declared.add(key);
            ConfigNode.Mapping m = new ConfigNode.Mapping(
                    Map.of("kind", new ConfigNode.Mapping.Entry("kind", s.location(), s)), s.location());
            return new MappingReader(m, path(key), errors);
        }
        return mapping(key, false);
    }

    /** The raw node at {@code key} (declaring the key), or null. */
    public ConfigNode node(String key) {
        declared.add(key);
        return map.get(key);
    }

    /** Reports every key that no accessor asked for, with the closest declared key as a suggestion. */
    public void rejectUnknownKeys(String context) {
        for (ConfigNode.Mapping.Entry e : map.entries().values()) {
            if (!declared.contains(e.key())) {
                errors.add(new ConfigError(e.keyLocation(), path(e.key()), "unknown key" + context
                        + Suggestions.didYouMean(e.key(), declared)
                        + (Suggestions.closest(e.key(), declared).isEmpty() ? "; allowed keys: "
                        + String.join(", ", declared) : "")));
            }
        }
    }
}
