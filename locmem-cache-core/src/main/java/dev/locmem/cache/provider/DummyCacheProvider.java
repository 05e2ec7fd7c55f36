package dev.locmem.cache.provider;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.DummyCache;

/** Provides backend {@code dummy}: a {@link DummyCache}, which keeps nothing. It takes no options. */
public final class DummyCacheProvider implements CacheBackendProvider {

    /** The backend's name. */
    public static final String NAME = "dummy";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public DummyCacheProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CacheBackend create(CacheSettings settings) {
        if (!settings.options().isEmpty()) {
            throw new IllegalArgumentException("The dummy backend takes no options, but was given "
                    + settings.options().keySet());
        }
        return new DummyCache(settings);
    }
}
