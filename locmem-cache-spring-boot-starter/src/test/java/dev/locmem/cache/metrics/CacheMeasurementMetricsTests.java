package dev.locmem.cache.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.locmem.cache.spring.CacheBackendCache;
import dev.locmem.cache.testsupport.MeasuredBackend;
import dev.locmem.cache.testsupport.ReachableMapBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CacheMeasurementMetrics}, through {@link CacheBackendCacheMetrics}: what a backend measures besides its
 * statistics becomes meters of its cache, whatever the backend is.
 */
class CacheMeasurementMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void aBackendsCountersBecomeFunctionCountersWithTheCacheTagsAndTheirOwn() {
        CacheBackendCache cache = new CacheBackendCache("measured", new MeasuredBackend());
        new CacheBackendCacheMetrics(cache, Tags.of("cache.manager", "cacheManager")).bindTo(this.registry);
        cache.put("k", "v");
        cache.get("k");
        cache.get("k");
        cache.get("missing");
        FunctionCounter hits = this.registry.get("cache.test.reads").tag("cache", "measured")
            .tag("cache.manager", "cacheManager").tag("result", "hit").functionCounter();
        assertThat(hits.count()).isEqualTo(2);
        assertThat(hits.getId().getDescription()).isEqualTo("Reads answered by the test backend");
        assertThat(this.registry.get("cache.test.reads").tag("cache", "measured").tag("result", "miss")
            .functionCounter().count()).isEqualTo(1);
    }

    @Test
    void aBackendsGaugeFollowsItsValueAtEachRead() {
        MeasuredBackend backend = new MeasuredBackend();
        CacheBackendCache cache = new CacheBackendCache("measured", backend);
        new CacheBackendCacheMetrics(cache, Tags.empty()).bindTo(this.registry);
        var link = this.registry.get("cache.test.link").tag("cache", "measured").gauge();
        assertThat(link.value()).isEqualTo(1);
        backend.setLinked(false);
        assertThat(link.value()).isEqualTo(0);
        backend.setLinked(true);
        assertThat(link.value()).isEqualTo(1);
    }

    @Test
    void aBackendThatMeasuresNothingElseHasOnlyTheCacheMeters() {
        CacheBackendCache cache = new CacheBackendCache("plain", new ReachableMapBackend());
        new CacheBackendCacheMetrics(cache, Tags.empty()).bindTo(this.registry);
        assertThat(this.registry.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getName())
            .isIn("cache.gets", "cache.puts", "cache.unavailable"));
    }
}
