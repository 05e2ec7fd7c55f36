package dev.locmem.cache.metrics;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.testsupport.ReachableMapBackend;

/** Micrometer's own compatibility kit for cache binders, over a backend whose statistics the adapter counts. */
class RemoteBackedCacheMetricsCompatibilityTests extends AbstractCacheBackendCacheMetricsCompatibilityTests {

    @Override
    CacheBackend backend() {
        return new ReachableMapBackend();
    }
}
