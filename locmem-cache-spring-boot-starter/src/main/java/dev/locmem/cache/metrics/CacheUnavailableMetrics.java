package dev.locmem.cache.metrics;

import java.util.List;
import java.util.Objects;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.spring.CacheBackendCache;
import dev.locmem.cache.spring.CacheUnavailableListener;

/**
 * Counts the operations that failed open because a cache's backend could not be reached, as
 * {@code cache.unavailable{cache=<name>, name=<name>, cache.manager=<manager>, operation=<get|put|...>}}: a rate above
 * zero means the application is running without its cache.
 *
 * <p>The counters of a cache exist, at zero, from the moment its other meters are bound ({@link #register}, which
 * {@link CacheBackendCacheMetrics} calls), with the same tags as those meters, so that an alert on them can be set up
 * before the first failure. A failure counts on that counter; a cache whose meters were never bound gets one with
 * Spring Boot's tags when it first fails.
 */
public class CacheUnavailableMetrics implements CacheUnavailableListener {

    /** The counter's name. */
    public static final String METER_NAME = "cache.unavailable";

    /**
     * The values of the {@code operation} tag, one counter each: the operations of a {@link CacheBackendCache} that
     * fail open ({@code get} for every read, {@code put}, {@code putIfAbsent}, {@code evict}, {@code clear}).
     */
    public static final List<String> OPERATIONS = List.of("get", "put", "putIfAbsent", "evict", "clear");

    private static final String DESCRIPTION = "Cache operations served without the cache because its backend could "
            + "not be reached";

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

    /**
     * Registers a cache's counters at zero, one for each of {@link #OPERATIONS}.
     * @param registry the registry
     * @param cacheTags the tags of the cache's other meters, {@code cache=<name>} included
     */
    public static void register(MeterRegistry registry, Iterable<Tag> cacheTags) {
        for (String operation : OPERATIONS) {
            counter(registry, cacheTags, operation);
        }
    }

    private static Counter counter(MeterRegistry registry, Iterable<Tag> cacheTags, String operation) {
        return Counter.builder(METER_NAME)
            .description(DESCRIPTION)
            .tags(cacheTags)
            .tag("operation", operation)
            .register(registry);
    }

    @Override
    public void cacheUnavailable(CacheBackendCache cache, String operation, CacheUnavailableException exception) {
        // The counter registered with the cache's meters, whatever tags they were given; else one with Spring
        // Boot's tags. A second counter of other tag names under the same meter name would be refused by some
        // registries (Prometheus), so an existing one is always preferred.
        Counter registered = this.registry.find(METER_NAME)
            .tag("cache", cache.getName())
            .tag("cache.manager", this.cacheManager)
            .tag("operation", operation)
            .counter();
        Counter counter = (registered != null) ? registered : counter(this.registry,
                Tags.of("cache", cache.getName(), "name", cache.getName(), "cache.manager", this.cacheManager),
                operation);
        counter.increment();
    }
}
