package dev.locmem.cache.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import dev.locmem.cache.BaseCacheBackend;
import dev.locmem.cache.CacheAvailability;
import dev.locmem.cache.CacheMeasurements;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.CacheStats;
import dev.locmem.cache.Timeout;

/**
 * A backend for tests that reports more than its statistics, as a near cache does, without being one: a
 * {@link ReachableMapBackend} whose reads it counts as {@code cache.test.reads{result=hit|miss}}, with a
 * {@code cache.test.link} gauge (1 or 0) and a {@code link} health detail that the test switches, and details that
 * can be made to fail. Nothing here is of the Redis module: the starter must show it all the same.
 */
public final class MeasuredBackend extends BaseCacheBackend implements CacheAvailability, CacheMeasurements {

    private final ReachableMapBackend map;

    private final LongAdder hits = new LongAdder();

    private final LongAdder misses = new LongAdder();

    private final AtomicBoolean linked = new AtomicBoolean(true);

    private volatile RuntimeException detailsFailure;

    public MeasuredBackend() {
        this(CacheSettings.builder().backend(MeasuredBackendProvider.class.getName()).build());
    }

    public MeasuredBackend(CacheSettings settings) {
        super(settings.keyPrefix(), settings.version(), settings.keyFunction(), settings.timeout());
        this.map = new ReachableMapBackend(settings);
    }

    public void setLinked(boolean linked) {
        this.linked.set(linked);
    }

    public void setReachable(boolean reachable) {
        this.map.setReachable(reachable);
    }

    public void failDetailsWith(RuntimeException failure) {
        this.detailsFailure = failure;
    }

    @Override
    public List<Measurement> measurements() {
        return List.of(
                Measurement.counter("cache.test.reads", "Reads answered by the test backend", this.hits.sum())
                    .withTag("result", "hit"),
                Measurement.counter("cache.test.reads", "Reads answered by the test backend", this.misses.sum())
                    .withTag("result", "miss"),
                Measurement.gauge("cache.test.link", "1 while the test backend's link is up", this.linked.get() ? 1 : 0));
    }

    @Override
    public Map<String, Object> details() {
        RuntimeException failure = this.detailsFailure;
        if (failure != null) {
            throw failure;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("link", this.linked.get() ? "UP" : "DOWN");
        details.put("reads", this.hits.sum() + this.misses.sum());
        return details;
    }

    @Override
    public void checkAvailable() {
        // Any call of the map fails as an unreachable server would.
        this.map.hasKey("availability-check");
    }

    @Override
    public CacheStats stats() {
        return this.map.stats();
    }

    @Override
    public Object get(Object key, Object defaultValue, Integer version) {
        Object missing = new Object();
        Object value = this.map.get(key, missing, version);
        ((value != missing) ? this.hits : this.misses).increment();
        return (value == missing) ? defaultValue : value;
    }

    @Override
    public void set(Object key, Object value, Timeout timeout, Integer version) {
        this.map.set(key, value, timeout, version);
    }

    @Override
    public boolean add(Object key, Object value, Timeout timeout, Integer version) {
        return this.map.add(key, value, timeout, version);
    }

    @Override
    public boolean touch(Object key, Timeout timeout, Integer version) {
        return this.map.touch(key, timeout, version);
    }

    @Override
    public boolean delete(Object key, Integer version) {
        return this.map.delete(key, version);
    }

    @Override
    public boolean hasKey(Object key, Integer version) {
        return this.map.hasKey(key, version);
    }

    @Override
    public long incr(Object key, long delta, Integer version) {
        return this.map.incr(key, delta, version);
    }

    @Override
    public void clear() {
        this.map.clear();
    }
}
