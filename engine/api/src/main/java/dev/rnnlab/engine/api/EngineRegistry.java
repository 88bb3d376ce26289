package dev.rnnlab.engine.api;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The engines available to one process. Built once in {@code main} and handed down, so tests can
 * build a registry holding a fake engine instead of relying on the class path.
 */
public final class EngineRegistry {

    private final Map<String, EngineProvider> byName = new TreeMap<>();

    public EngineRegistry(Collection<? extends EngineProvider> providers) {
        for (EngineProvider p : providers) {
            EngineProvider previous = byName.putIfAbsent(p.name(), p);
            if (previous != null) {
                throw new IllegalStateException("two engines are named '" + p.name() + "': "
                        + previous.getClass().getName() + " and " + p.getClass().getName());
            }
        }
    }

    /** Every {@link EngineProvider} visible to {@code loader} through {@link ServiceLoader}. */
    public static EngineRegistry discover(ClassLoader loader) {
        return new EngineRegistry(ServiceLoader.load(EngineProvider.class, loader).stream()
                .map(ServiceLoader.Provider::get).toList());
    }

    public Optional<EngineProvider> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Engine names in sorted order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }
}
