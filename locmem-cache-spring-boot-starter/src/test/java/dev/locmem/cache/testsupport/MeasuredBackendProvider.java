package dev.locmem.cache.testsupport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;

/**
 * Provides {@link MeasuredBackend}s, chosen by class name in {@code backend}; remembers what it created so that a test
 * can switch a backend's state.
 */
public final class MeasuredBackendProvider implements CacheBackendProvider {

    public static final List<MeasuredBackend> CREATED = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "measured";
    }

    @Override
    public CacheBackend create(CacheSettings settings) {
        MeasuredBackend backend = new MeasuredBackend(settings);
        CREATED.add(backend);
        return backend;
    }
}
