package dev.locmem.cache.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;

import dev.locmem.cache.CacheStats;
import dev.locmem.cache.spring.CacheBackendCache;

/**
 * Micrometer's cache meters for a {@link CacheBackendCache}, by {@link CacheMeterBinder}'s conventions:
 * {@code cache.gets{result=hit|miss}}, {@code cache.puts}, and for a backend that knows its store (local memory)
 * {@code cache.evictions} (entries culled from the store) and {@code cache.size} (entries in the store). Other
 * backends report no size and no evictions rather than a wrong zero; a backend that counts nothing reports zero. With them, at zero, the cache's {@code cache.unavailable} counters
 * ({@link CacheUnavailableMetrics}), and the meters of whatever else its backend measures
 * ({@link CacheMeasurementMetrics}, such as a near cache's {@code cache.near.*}), with the same tags.
 *
 * <p>The figures are {@link CacheBackendCache#stats()}: see there for what a shared store means for them.
 */
public class CacheBackendCacheMetrics extends CacheMeterBinder<CacheBackendCache> {

    private final Tags tags;

    /**
     * Creates the meters' binder.
     * @param cache the cache; held weakly, as Micrometer's binders do
     * @param tags tags to add to every meter, besides {@code cache=<name>}
     */
    public CacheBackendCacheMetrics(CacheBackendCache cache, Iterable<Tag> tags) {
        super(cache, cache.getName(), tags);
        // The tags of every meter of the cache, as CacheMeterBinder makes them, for the counters bound here.
        this.tags = Tags.concat(tags, "cache", cache.getName());
    }

    private CacheStats stats() {
        CacheBackendCache cache = getCache();
        return (cache != null) ? cache.stats() : null;
    }

    @Override
    protected Long size() {
        CacheStats stats = stats();
        return (stats != null && stats.knowsStore()) ? stats.size() : null;
    }

    @Override
    protected long hitCount() {
        CacheStats stats = stats();
        return (stats != null && stats.countsCalls()) ? stats.hits() : 0;
    }

    @Override
    protected Long missCount() {
        CacheStats stats = stats();
        return (stats != null && stats.countsCalls()) ? stats.misses() : 0L;
    }

    @Override
    protected Long evictionCount() {
        CacheStats stats = stats();
        return (stats != null && stats.knowsStore()) ? stats.evictions() : null;
    }

    @Override
    protected long putCount() {
        CacheStats stats = stats();
        return (stats != null && stats.countsCalls()) ? stats.puts() : 0;
    }

    @Override
    protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
        // Failed-open operations, at zero until the first failure so that alerts can exist before it. The store's
        // expirations are in CacheBackendCache#stats() for those who need them.
        CacheUnavailableMetrics.register(registry, this.tags);
        CacheBackendCache cache = getCache();
        if (cache != null) {
            // What the backend measures besides its statistics (a near cache's hits, its tracking state).
            CacheMeasurementMetrics.register(registry, cache, this.tags);
        }
    }
}
