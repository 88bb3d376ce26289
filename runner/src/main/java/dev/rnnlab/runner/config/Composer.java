package dev.rnnlab.runner.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Composition: {@code extends: base.yaml} (or a list, applied in order) names files, relative to the
 * extending file, whose mappings are deep-merged under it: the extending file's values win; mappings
 * merge key by key; lists and scalars replace. Each node keeps the location of the file it came from, so
 * an error in an inherited value points into the base file. Cycles are refused with both places.
 */
public final class Composer {

    public static final String EXTENDS = "extends";
    static final int MAX_DEPTH = 16;

    private Composer() {}

    /** Loads {@code file}; messages name it as given, and the files it extends relative to the working directory. */
    public static ConfigNode.Mapping load(Path file) throws ConfigException {
        return load(file, file.toAbsolutePath().normalize(), new ArrayList<>());
    }

    private static ConfigNode.Mapping load(Path display, Path file, List<Path> chain) throws ConfigException {
        ConfigNode.Mapping own = YamlLoader.loadFile(display);
        ConfigNode ext = own.get(EXTENDS);
        if (ext == null) {
            return own;
        }
        List<ConfigError> errors = new ArrayList<>();
        List<ConfigNode.Scalar> bases = new ArrayList<>();
        if (ext instanceof ConfigNode.Scalar s && !s.isNull()) {
            bases.add(s);
        } else if (ext instanceof ConfigNode.Sequence seq && seq.items().stream().allMatch(
                i -> i instanceof ConfigNode.Scalar s && !s.isNull())) {
            seq.items().forEach(i -> bases.add((ConfigNode.Scalar) i));
        } else {
            throw new ConfigException(new ConfigError(ext.location(), EXTENDS,
                    "expected a file name or a list of file names, got " + ext.describe()));
        }
        List<Path> next = new ArrayList<>(chain);
        next.add(file);
        if (next.size() > MAX_DEPTH) {
            throw new ConfigException(new ConfigError(ext.location(), EXTENDS, "extends nests deeper than " + MAX_DEPTH));
        }
        ConfigNode.Mapping merged = null;
        for (ConfigNode.Scalar b : bases) {
            Path base = file.getParent().resolve(b.text()).normalize();
            if (next.contains(base)) {
                errors.add(new ConfigError(b.location(), EXTENDS, "extends cycle: " + base + " is already being "
                        + "loaded (chain: " + next + ")"));
                continue;
            }
            if (!Files.isRegularFile(base)) {
                errors.add(new ConfigError(b.location(), EXTENDS, "no such file: " + base));
                continue;
            }
            try {
                ConfigNode.Mapping loaded = load(relativeForMessages(base), base, next);
                merged = merged == null ? loaded : merge(merged, loaded);
            } catch (ConfigException e) {
                errors.addAll(e.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return merge(merged, own.without(EXTENDS));
    }

    /** {@code over} deep-merged onto {@code base}. */
    static ConfigNode.Mapping merge(ConfigNode.Mapping base, ConfigNode.Mapping over) {
        Map<String, ConfigNode.Mapping.Entry> out = new LinkedHashMap<>(base.entries());
        for (ConfigNode.Mapping.Entry e : over.entries().values()) {
            ConfigNode.Mapping.Entry old = out.get(e.key());
            if (old != null && old.value() instanceof ConfigNode.Mapping a && e.value() instanceof ConfigNode.Mapping b) {
                out.put(e.key(), new ConfigNode.Mapping.Entry(e.key(), e.keyLocation(), merge(a, b)));
            } else {
                out.put(e.key(), e);
            }
        }
        return new ConfigNode.Mapping(out, over.location());
    }

    private static Path relativeForMessages(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file) : file;
    }
}
