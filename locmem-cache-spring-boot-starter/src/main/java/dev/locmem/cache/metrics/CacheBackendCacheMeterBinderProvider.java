package dev.locmem.cache.metrics;

import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.cache.metrics.CacheMeterBinderProvider;

import dev.locmem.cache.spring.CacheBackendCache;

/**
 * Tells Spring Boot's cache metrics how to meter a {@link CacheBackendCache}: with {@link CacheBackendCacheMetrics}.
 */
public class CacheBackendCacheMeterBinderProvider implements CacheMeterBinderProvider<CacheBackendCache> {

    /** Creates the provider. */
    public CacheBackendCacheMeterBinderProvider() {
    }

    @Override
    public MeterBinder getMeterBinder(CacheBackendCache cache, Iterable<Tag> tags) {
        return new CacheBackendCacheMetrics(cache, tags);
    }
}
