package dev.locmem.cache.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinderCompatibilityKit;

import dev.locmem.cache.spring.CacheBackendCache;
import dev.locmem.cache.testsupport.ReachableMapBackend;

/** Micrometer's own compatibility kit for cache binders, over a backend whose statistics the adapter counts. */
class RemoteBackedCacheMetricsCompatibilityTests extends CacheMeterBinderCompatibilityKit<CacheBackendCache> {

    @Override
    public CacheBackendCache createCache() {
        return new CacheBackendCache("mycache", new ReachableMapBackend());
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
