package dev.locmem.cache.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import dev.locmem.cache.BaseCacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.CacheStats;
import dev.locmem.cache.Timeout;

/**
 * A third party's backend, as a user would write one outside this repository: entries in a map, an option of its own
 * ({@code shards}, which it only reports), and its own statistics. Only the starter's tests know it.
 */
public final class MapBackend extends BaseCacheBackend {

    private static final Object NULL = new Object();

    private final Map<String, Object> entries = new ConcurrentHashMap<>();

    private final int shards;

    private final LongAdder hits = new LongAdder();

    private final LongAdder misses = new LongAdder();

    private final LongAdder puts = new LongAdder();

    MapBackend(CacheSettings settings, int shards) {
        super(settings.keyPrefix(), settings.version(), settings.keyFunction(), settings.timeout());
        this.shards = shards;
    }

    public int shards() {
        return this.shards;
    }

    @Override
    public CacheStats stats() {
        return new CacheStats(this.hits.sum(), this.misses.sum(), this.puts.sum(), 0, 0, this.entries.size());
    }

    @Override
    public Object get(Object key, Object defaultValue, Integer version) {
        Object value = this.entries.get(makeKey(key, version));
        ((value != null) ? this.hits : this.misses).increment();
        return (value == null) ? defaultValue : (value == NULL) ? null : value;
    }

    @Override
    public void set(Object key, Object value, Timeout timeout, Integer version) {
        if (resolve(timeout).isExpired()) {
            this.entries.remove(makeKey(key, version));
            return;
        }
        this.entries.put(makeKey(key, version), (value != null) ? value : NULL);
        this.puts.increment();
    }

    @Override
    public boolean add(Object key, Object value, Timeout timeout, Integer version) {
        boolean added = this.entries.putIfAbsent(makeKey(key, version), (value != null) ? value : NULL) == null;
        if (added) {
            this.puts.increment();
        }
        return added;
    }

    @Override
    public boolean touch(Object key, Timeout timeout, Integer version) {
        return this.entries.containsKey(makeKey(key, version));
    }

    @Override
    public boolean delete(Object key, Integer version) {
        return this.entries.remove(makeKey(key, version)) != null;
    }

    @Override
    public boolean hasKey(Object key, Integer version) {
        return this.entries.containsKey(makeKey(key, version));
    }

    @Override
    public long incr(Object key, long delta, Integer version) {
        Object value = this.entries.computeIfPresent(makeKey(key, version), (k, v) -> ((Number) v).longValue() + delta);
        if (value == null) {
            throw notFound(key);
        }
        return (Long) value;
    }

    @Override
    public void clear() {
        this.entries.clear();
    }
}
