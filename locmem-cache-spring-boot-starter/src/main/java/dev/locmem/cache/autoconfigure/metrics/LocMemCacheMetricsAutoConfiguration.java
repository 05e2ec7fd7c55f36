package dev.locmem.cache.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;
import org.springframework.context.annotation.Bean;

import dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration;
import dev.locmem.cache.metrics.CacheBackendCacheMeterBinderProvider;

/**
 * Auto-configuration of the metrics of locmem-cache's caches, when Micrometer is present.
 *
 * <p>It gives Spring Boot's cache metrics a {@link CacheBackendCacheMeterBinderProvider}, so every cache that exists
 * at start-up is metered by Spring Boot as its own caches are; it runs before Spring Boot's
 * {@link CacheMetricsAutoConfiguration}, whose registrar only acts when some provider exists. Spring Boot meters only
 * the caches that exist at start-up, so {@link LocMemCacheMetricsBinder} meters the ones created later (names
 * without an alias, first used after start-up), once each, and counts operations that failed open.
 */
@AutoConfiguration(before = CacheMetricsAutoConfiguration.class, after = LocMemCacheAutoConfiguration.class)
@ConditionalOnClass({ MeterRegistry.class, CacheMeterBinderProvider.class })
public final class LocMemCacheMetricsAutoConfiguration {

    LocMemCacheMetricsAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    CacheBackendCacheMeterBinderProvider cacheBackendCacheMeterBinderProvider() {
        return new CacheBackendCacheMeterBinderProvider();
    }

    @Bean
    static LocMemCacheMetricsBinder locMemCacheMetricsBinder(ListableBeanFactory beanFactory,
            ObjectProvider<CacheMetricsRegistrar> registrar, ObjectProvider<MeterRegistry> registry) {
        return new LocMemCacheMetricsBinder(beanFactory, registrar, registry);
    }
}
