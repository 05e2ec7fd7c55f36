package dev.locmem.cache.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;

/**
 * Provides {@link ReachableMapBackend}s, chosen by class name in {@code backend}; remembers what it created so that a
 * test can switch a backend off. Options are accepted only if named {@code server} (any other fails, as a real
 * provider's unknown option would).
 */
public final class ReachableMapBackendProvider implements CacheBackendProvider {

    public static final List<ReachableMapBackend> CREATED = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "reachable-map";
    }

    @Override
    public CacheBackend create(CacheSettings settings) {
        for (String option : settings.options().keySet()) {
            if (!option.equals("server")) {
                throw new IllegalArgumentException("Unknown option '" + option + "'; known options: [server]");
            }
        }
        ReachableMapBackend backend = new ReachableMapBackend(settings);
        CREATED.add(backend);
        return backend;
    }
}
