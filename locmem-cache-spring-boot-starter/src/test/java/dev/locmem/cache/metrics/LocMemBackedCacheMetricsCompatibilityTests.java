package dev.locmem.cache.metrics;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;

/** Micrometer's own compatibility kit for cache binders, over a local-memory cache. */
class LocMemBackedCacheMetricsCompatibilityTests extends AbstractCacheBackendCacheMetricsCompatibilityTests {

    @Override
    CacheBackend backend() {
        return LocMemCache.builder().stores(LocMemStores.create()).build();
    }
}
