package dev.rnnlab.runner.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes YAML into a {@link ConfigNode} tree with SnakeYAML, never constructing Java objects from
 * it. Safe options: no global tags, a bound on aliases (alias bombs), nesting and size; duplicate keys
 * are errors naming both places.
 */
public final class YamlLoader {

    /** Configs are small; anything bigger than this is a mistake or an attack. */
    public static final int MAX_CODE_POINTS = 1 << 20;
    public static final int MAX_ALIASES = 50;
    public static final int MAX_NESTING = 40;
    /**
     * Nodes after aliases are expanded. The alias limit alone is no amplification limit: 48 aliases in
     * 434 bytes expand to 129 million leaves (shared/notes/reliability.md), so expansion is budgeted too.
     */
    public static final int MAX_NODES = 100_000;

    /** The tags a config may carry, all resolved implicitly from plain scalars and collections. */
    private static final Set<Tag> ALLOWED_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.MAP, Tag.SEQ, Tag.TIMESTAMP);

    private YamlLoader() {}

    public static ConfigNode.Mapping loadFile(Path file) throws ConfigException {
        String source = file.toString();
        Location start = new Location(source, 1, 1);
        String text;
        try {
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(new ConfigError(start, "", Files.exists(file)
                        ? "not a regular file (a directory, device or pipe)" : "cannot read file: no such file"));
            }
            long size = Files.size(file);
            if (size > 4L * MAX_CODE_POINTS) {
                throw new ConfigException(new ConfigError(start, "", String.format(
                        "config too large: %,d bytes, the limit is %,d", size, 4L * MAX_CODE_POINTS)));
            }
            text = decode(source, Files.readAllBytes(file));
        } catch (IOException e) {
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
            throw new ConfigException(new ConfigError(start, "", "cannot read file: " + why));
        }
        if (text.isBlank() || text.lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"))) {
            throw new ConfigException(new ConfigError(start, "", "the file is empty"));
        }
        ConfigNode root = load(source, text);
        if (root instanceof ConfigNode.Mapping m) {
            return m;
        }
        throw new ConfigException(new ConfigError(root.location(), "",
                "an experiment file must be a mapping of keys, got " + root.describe()));
    }

    /**
     * Strict UTF-8: invalid bytes are an error naming the line and column where they are (SnakeYAML itself
     * reports none); a leading byte-order mark is dropped; NUL is refused.
     */
    static String decode(String source, byte[] bytes) throws ConfigException {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            out.flip();
            throw new ConfigException(new ConfigError(position(source, out.toString()), "",
                    "invalid UTF-8 at byte " + in.position() + " (is the file UTF-8?)"));
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            throw new ConfigException(new ConfigError(position(source, text.substring(0, nul)), "", "NUL character in the file"));
        }
        return text;
    }

    /** The location just after {@code prefix}. */
    private static Location position(String source, String prefix) {
        int line = 1 + (int) prefix.chars().filter(c -> c == '\n').count();
        int col = prefix.length() - prefix.lastIndexOf('\n');
        return new Location(source, line, col);
    }

    /** Composes one YAML document; an empty document is an empty mapping. */
    public static ConfigNode load(String source, String text) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // detected below, with both locations
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setTagInspector(tag -> false);
        options.setAllowRecursiveKeys(false);
        Node node;
        StreamReader reader = new StreamReader(text);
        TrackingParser parser = new TrackingParser(reader, options);
        try {
            // what Yaml.compose does, with a parser that remembers where it is
            node = new Composer(parser, new Resolver(), options).getSingleNode();
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new ConfigException(new ConfigError(location(source, mark), "",
                    "invalid YAML: " + (e.getProblem() != null ? e.getProblem() : e.getMessage())));
        } catch (YAMLException e) {
            // The limits (aliases, nesting, size) carry no mark: point at the event that tripped them.
            Mark at = parser.last != null ? parser.last : reader.getMark();
            throw new ConfigException(new ConfigError(location(source, at), "", "invalid YAML: " + e.getMessage()));
        }
        if (node == null) {
            return new ConfigNode.Mapping(Map.of(), new Location(source, 1, 1));
        }
        List<ConfigError> errors = new ArrayList<>();
        int[] budget = {MAX_NODES};
        ConfigNode tree = convert(source, node, "", errors, 0, budget);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return tree;
    }

    private static ConfigNode convert(String source, Node node, String path, List<ConfigError> errors, int depth,
                                      int[] budget) {
        Location at = location(source, node.getStartMark());
        if (--budget[0] < 0) {
            if (budget[0] == -1) {
                errors.add(new ConfigError(at, path, "more than " + MAX_NODES
                        + " values once aliases are expanded (an alias bomb?)"));
            }
            return new ConfigNode.Mapping(Map.of(), at);
        }
        if (!ALLOWED_TAGS.contains(node.getTag())) {
            errors.add(new ConfigError(at, path, "YAML tag " + node.getTag() + " is not allowed in configs"));
        }
        if (depth > MAX_NESTING) {
            errors.add(new ConfigError(at, path, "nested deeper than " + MAX_NESTING + " levels"));
            return new ConfigNode.Mapping(Map.of(), at);
        }
        if (node instanceof ScalarNode s) {
            return new ConfigNode.Scalar(s.getValue(), !s.isPlain(), at);
        }
        if (node instanceof SequenceNode seq) {
            List<ConfigNode> items = new ArrayList<>();
            for (int i = 0; i < seq.getValue().size(); i++) {
                items.add(convert(source, seq.getValue().get(i), path + "[" + i + "]", errors, depth + 1, budget));
            }
            return new ConfigNode.Sequence(items, at);
        }
        MappingNode map = (MappingNode) node;
        Map<String, ConfigNode.Mapping.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : map.getValue()) {
            Node keyNode = tuple.getKeyNode();
            Location keyAt = location(source, keyNode.getStartMark());
            if (!(keyNode instanceof ScalarNode k) || k.getValue().isEmpty()) {
                errors.add(new ConfigError(keyAt, path, "keys must be plain, non-empty names"));
                continue;
            }
            if (keyNode.getTag().equals(Tag.MERGE)) {
                errors.add(new ConfigError(keyAt, path, "merge keys (<<) are not supported; use sweep values"));
                continue;
            }
            String key = k.getValue();
            String childPath = path.isEmpty() ? key : path + "." + key;
            ConfigNode.Mapping.Entry previous = entries.get(key);
            if (previous != null) {
                errors.add(new ConfigError(keyAt, childPath, "duplicate key, first defined at "
                        + previous.keyLocation()));
                continue;
            }
            entries.put(key, new ConfigNode.Mapping.Entry(key, keyAt,
                    convert(source, tuple.getValueNode(), childPath, errors, depth + 1, budget)));
        }
        return new ConfigNode.Mapping(entries, at);
    }

    /**
     * A parser that remembers where the latest event it produced starts: the composer looks at an event
     * (and may then consume it) before it counts the alias or the nesting level that event adds.
     */
    private static final class TrackingParser extends ParserImpl {
        Mark last;

        TrackingParser(StreamReader reader, LoaderOptions options) {
            super(reader, options);
        }

        @Override
        public Event peekEvent() {
            return track(super.peekEvent());
        }

        @Override
        public Event getEvent() {
            return track(super.getEvent());
        }

        private Event track(Event event) {
            if (event != null) {
                last = event.getStartMark();
            }
            return event;
        }
    }

    private static Location location(String source, Mark mark) {
        return mark == null ? new Location(source, 1, 1) : new Location(source, mark.getLine() + 1, mark.getColumn() + 1);
    }
}
