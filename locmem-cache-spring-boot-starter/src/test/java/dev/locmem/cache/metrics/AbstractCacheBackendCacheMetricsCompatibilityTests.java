package dev.locmem.cache.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinderCompatibilityKit;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.spring.CacheBackendCache;

/**
 * Micrometer's own compatibility kit for cache binders, over a {@link CacheBackendCache}; subclasses say which backend
 * it adapts.
 */
abstract class AbstractCacheBackendCacheMetricsCompatibilityTests
        extends CacheMeterBinderCompatibilityKit<CacheBackendCache> {

    /** The backend under the cache, new for each test. */
    abstract CacheBackend backend();

    @Override
    public CacheBackendCache createCache() {
        return new CacheBackendCache("mycache", backend());
    }

    @Override
    public CacheMeterBinder<CacheBackendCache> binder() {
        return new CacheBackendCacheMetrics(this.cache, Tags.empty());
    }

    @Override
    public void put(String key, String value) {
        this.cache.put(key, value);
    }

    @Override
    public String get(String key) {
        return this.cache.get(key, String.class);
    }
}
