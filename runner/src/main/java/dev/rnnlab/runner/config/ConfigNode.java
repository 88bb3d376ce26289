package dev.rnnlab.runner.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable YAML tree that remembers where each node came from. Scalars keep their source text
 * untouched: the binder decides what a scalar means from the key's declared type, so YAML 1.1's
 * implicit conversions ({@code no} to false, {@code 0755} to 493) never happen behind anyone's back.
 */
public sealed interface ConfigNode permits ConfigNode.Scalar, ConfigNode.Sequence, ConfigNode.Mapping {

    Location location();

    /** What the node is, for "expected X, got Y" messages. */
    String describe();

    /**
     * @param text   the scalar's text as written (quotes removed)
     * @param quoted whether it was written in quotes (then it is a string, whatever it looks like)
     */
    record Scalar(String text, boolean quoted, Location location) implements ConfigNode {
        public Scalar {
            Objects.requireNonNull(text, "text");
        }

        /** An empty, {@code ~} or {@code null} plain scalar. */
        public boolean isNull() {
            return !quoted && (text.isEmpty() || text.equals("~") || text.equals("null") || text.equals("Null")
                    || text.equals("NULL"));
        }

        @Override
        public String describe() {
            return isNull() ? "null" : quoted ? "the string \"" + text + "\"" : "'" + text + "'";
        }
    }

    record Sequence(List<ConfigNode> items, Location location) implements ConfigNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A mapping in source order; each entry keeps the location of its key. */
    record Mapping(Map<String, Entry> entries, Location location) implements ConfigNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        public record Entry(String key, Location keyLocation, ConfigNode value) {}

        @Override
        public String describe() {
            return "a mapping";
        }

        public ConfigNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        /** A copy with {@code key} set to {@code value} (appended if new). */
        public Mapping with(String key, Location keyLocation, ConfigNode value) {
            Map<String, Entry> copy = new LinkedHashMap<>(entries);
            Entry old = copy.get(key);
            copy.put(key, new Entry(key, old != null ? old.keyLocation() : keyLocation, value));
            return new Mapping(copy, location);
        }

        public Mapping without(String key) {
            Map<String, Entry> copy = new LinkedHashMap<>(entries);
            copy.remove(key);
            return new Mapping(copy, location);
        }

        /**
         * A copy with the value at a dotted path replaced, creating mappings on the way. Fails with a
         * message when a node on the way is not a mapping.
         */
        public Mapping withPath(List<String> path, Location keyLocation, ConfigNode value) throws ConfigException {
            String head = path.get(0);
            if (path.size() == 1) {
                return with(head, keyLocation, value);
            }
            ConfigNode child = get(head);
            Mapping childMap;
            if (child == null) {
                childMap = new Mapping(Map.of(), keyLocation);
            } else if (child instanceof Mapping m) {
                childMap = m;
            } else {
                throw new ConfigException(new ConfigError(keyLocation, String.join(".", path),
                        "cannot set a key inside '" + head + "', which is " + child.describe()));
            }
            return with(head, keyLocation, childMap.withPath(path.subList(1, path.size()), keyLocation, value));
        }
    }

    /** Splits a dotted key path ({@code training.optimizer.lr}). */
    static List<String> splitPath(String dotted) {
        List<String> parts = new ArrayList<>(List.of(dotted.split("\\.", -1)));
        return parts;
    }
}
