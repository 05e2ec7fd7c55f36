package dev.locmem.cache.metrics;

import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheMeasurements;
import dev.locmem.cache.CacheMeasurements.Measurement;
import dev.locmem.cache.spring.CacheBackendCache;

/**
 * Registers the measurements of a cache whose backend reports more than its statistics ({@link CacheMeasurements},
 * such as a near cache's {@code cache.near.gets} and {@code cache.near.tracking}) as meters with the cache's tags:
 * a {@link CacheMeasurements.Kind#COUNTER} as a {@link FunctionCounter}, a {@link CacheMeasurements.Kind#GAUGE} as a
 * {@link Gauge}. Nothing here knows a backend's type: whatever a backend reports is shown.
 *
 * <p>Each meter reads its value again at every scrape, from a new {@link CacheMeasurements#measurements()}, and holds
 * the cache weakly, as the cache's other meters do: a cache that is gone reads as NaN rather than being kept alive by
 * its meters.
 */
public final class CacheMeasurementMetrics {

    private CacheMeasurementMetrics() {
    }

    /**
     * Registers the meters of the cache's backend measurements, when its backend has any.
     * @param registry the registry
     * @param cache the cache
     * @param cacheTags the tags of the cache's other meters, {@code cache=<name>} included
     */
    public static void register(MeterRegistry registry, CacheBackendCache cache, Iterable<Tag> cacheTags) {
        if (!(cache.getNativeCache() instanceof CacheMeasurements measured)) {
            return;
        }
        for (Measurement measurement : measured.measurements()) {
            Tags tags = Tags.empty();
            for (var tag : measurement.tags().entrySet()) {
                tags = tags.and(tag.getKey(), tag.getValue());
            }
            // The cache's tags last, so that a backend's tag of the same key cannot make the meter another cache's.
            tags = tags.and(cacheTags);
            switch (measurement.kind()) {
                case COUNTER -> FunctionCounter.builder(measurement.name(), cache, (c) -> valueOf(c, measurement))
                    .description(measurement.description())
                    .tags(tags)
                    .register(registry);
                case GAUGE -> Gauge.builder(measurement.name(), cache, (c) -> valueOf(c, measurement))
                    .description(measurement.description())
                    .tags(tags)
                    .register(registry);
            }
        }
    }

    /** The measurement's value now, found by its name and tags; NaN when the backend no longer reports it. */
    static double valueOf(CacheBackendCache cache, Measurement registered) {
        CacheBackend backend = cache.getNativeCache();
        if (!(backend instanceof CacheMeasurements measured)) {
            return Double.NaN;
        }
        List<Measurement> now = measured.measurements();
        for (Measurement measurement : now) {
            if (measurement.sameMeter(registered)) {
                return measurement.value();
            }
        }
        return Double.NaN;
    }
}
