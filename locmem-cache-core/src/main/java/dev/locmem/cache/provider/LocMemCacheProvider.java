package dev.locmem.cache.provider;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;

/**
 * Provides backend {@code locmem}: a {@link LocMemCache} with options {@code max-entries}, {@code cull-frequency}
 * and {@code store-by-value}.
 */
public final class LocMemCacheProvider implements CacheBackendProvider {

    /** The backend's name. */
    public static final String NAME = "locmem";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public LocMemCacheProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CacheBackend create(CacheSettings settings) {
        return create(settings, LocMemStores.processWide());
    }

    @Override
    public CacheBackend create(CacheSettings settings, LocMemStores stores) {
        return LocMemCache.fromSettings(settings, stores);
    }
}
