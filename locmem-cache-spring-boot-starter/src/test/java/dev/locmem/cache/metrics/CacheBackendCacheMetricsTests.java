package dev.locmem.cache.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.spring.CacheBackendCache;
import dev.locmem.cache.testsupport.ReachableMapBackend;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@link CacheBackendCacheMetrics} reports beyond Micrometer's compatibility kit. */
class CacheBackendCacheMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aLocalMemoryCacheReportsItsStoresCullsAsEvictions() {
        CacheBackendCache cache = new CacheBackendCache("small",
                LocMemCache.builder().stores(LocMemStores.create()).maxEntries(2).cullFrequency(2).build());
        new CacheBackendCacheMetrics(cache, Tags.of("cache.manager", "cacheManager")).bindTo(this.registry);
        cache.put("a", "1");
        cache.put("b", "2");
        cache.put("c", "3");
        assertThat(this.registry.get("cache.evictions").tag("cache", "small").functionCounter().count())
            .isEqualTo(1);
        assertThat(this.registry.get("cache.size").tag("cache", "small").tag("cache.manager", "cacheManager")
            .gauge().value()).isEqualTo(2);
    }

    @Test
    void aBackendWithoutStoreStatisticsReportsNoSizeAndNoEvictions() {
        CacheBackendCache cache = new CacheBackendCache("remote", new ReachableMapBackend());
        new CacheBackendCacheMetrics(cache, Tags.empty()).bindTo(this.registry);
        assertThat(this.registry.find("cache.size").gauge()).isNull();
        assertThat(this.registry.find("cache.evictions").functionCounter()).isNull();
        assertThat(this.registry.find("cache.puts").tag("cache", "remote").functionCounter()).isNotNull();
    }

    @Test
    void failedOperationsAreCountedPerCacheManagerAndOperation() {
        ReachableMapBackend backend = new ReachableMapBackend();
        CacheBackendCache cache = new CacheBackendCache("remote", backend, true,
                new CacheUnavailableMetrics(this.registry, "cacheManager"));
        backend.setReachable(false);
        cache.get("a");
        cache.get("b");
        cache.put("c", "1");
        assertThat(this.registry.get("cache.unavailable").tag("cache", "remote").tag("cache.manager", "cacheManager")
            .tag("operation", "get").counter().count()).isEqualTo(2);
        assertThat(this.registry.get("cache.unavailable").tag("operation", "put").counter().count()).isEqualTo(1);
    }
}
