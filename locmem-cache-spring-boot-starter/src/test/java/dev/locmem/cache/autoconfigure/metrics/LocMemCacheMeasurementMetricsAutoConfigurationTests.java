package dev.locmem.cache.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import dev.locmem.cache.autoconfigure.EnableCachingConfiguration;
import dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration;
import dev.locmem.cache.testsupport.MeasuredBackendProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocMemCacheMetricsAutoConfiguration} with a backend that measures more than its statistics: its
 * measurements are meters of the cache, with Spring Boot's tags, from start-up.
 */
class LocMemCacheMeasurementMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class,
                LocMemCacheMetricsAutoConfiguration.class, CacheMetricsAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class)
        .withUserConfiguration(EnableCachingConfiguration.class);

    @Test
    void aBackendsMeasurementsAreMetersOfItsCacheWithSpringBootsTags() {
        this.runner.withPropertyValues("app.caches.default.backend=" + MeasuredBackendProvider.class.getName())
            .run((context) -> {
                Cache cache = context.getBean(CacheManager.class).getCache("default");
                cache.put("k", "v");
                cache.get("k");
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(registry.get("cache.test.reads").tag("cache", "default").tag("cache.manager", "cacheManager")
                    .tag("result", "hit").functionCounter().count()).isEqualTo(1);
                assertThat(registry.get("cache.test.link").tag("cache", "default").tag("cache.manager", "cacheManager")
                    .gauge().value()).isEqualTo(1);
            });
    }
}
