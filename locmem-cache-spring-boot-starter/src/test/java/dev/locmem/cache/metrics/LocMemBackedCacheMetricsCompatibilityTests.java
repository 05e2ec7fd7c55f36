package dev.locmem.cache.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinderCompatibilityKit;

import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.spring.CacheBackendCache;

/** Micrometer's own compatibility kit for cache binders, over a local-memory cache. */
class LocMemBackedCacheMetricsCompatibilityTests extends CacheMeterBinderCompatibilityKit<CacheBackendCache> {

    @Override
    public CacheBackendCache createCache() {
        return new CacheBackendCache("mycache", LocMemCache.builder().stores(LocMemStores.create()).build());
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
