package dev.locmem.cache.metrics;

import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.spring.CacheBackendCache;
import dev.locmem.cache.spring.CacheUnavailableListener;

/**
 * Counts the operations that failed open because a cache's backend could not be reached, as
 * {@code cache.unavailable{cache=<name>, cache.manager=<manager>, operation=<get|put|...>}}: a rate above zero means
 * the application is running without its cache.
 */
public class CacheUnavailableMetrics implements CacheUnavailableListener {

    /** The counter's name. */
    public static final String METER_NAME = "cache.unavailable";

    private final MeterRegistry registry;

    private final String cacheManager;

    /**
     * Creates the listener.
     * @param registry where the counter is registered
     * @param cacheManager the value of the {@code cache.manager} tag, as Spring Boot's cache meters have it
     */
    public CacheUnavailableMetrics(MeterRegistry registry, String cacheManager) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.cacheManager = Objects.requireNonNull(cacheManager, "cacheManager");
    }

    @Override
    public void cacheUnavailable(CacheBackendCache cache, String operation, CacheUnavailableException exception) {
        Counter.builder(METER_NAME)
            .description("Cache operations served without the cache because its backend could not be reached")
            .tag("cache", cache.getName())
            .tag("cache.manager", this.cacheManager)
            .tag("operation", operation)
            .register(this.registry)
            .increment();
    }
}
