package dev.locmem.cache.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.locmem.cache.BaseCacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.CacheStats;
import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.Timeout;

/**
 * A remote-like backend for tests: entries in a map without expiry, and a switch that makes every call throw
 * {@link CacheUnavailableException}, as a Redis backend does while its server is down. Like the Redis backend, it
 * counts its own hits, misses and puts and does not know its store's size.
 */
public final class ReachableMapBackend extends BaseCacheBackend {

    private final Map<String, Object> entries = new ConcurrentHashMap<>();

    private final AtomicBoolean reachable = new AtomicBoolean(true);

    private final LongAdder hits = new LongAdder();

    private final LongAdder misses = new LongAdder();

    private final LongAdder puts = new LongAdder();

    public ReachableMapBackend() {
        this(CacheSettings.builder().backend(ReachableMapBackendProvider.class.getName()).build());
    }

    public ReachableMapBackend(CacheSettings settings) {
        super(settings.keyPrefix(), settings.version(), settings.keyFunction(), settings.timeout());
    }

    public void setReachable(boolean reachable) {
        this.reachable.set(reachable);
    }

    public Map<String, Object> entries() {
        return this.entries;
    }

    private void check(String operation) {
        if (!this.reachable.get()) {
            throw new CacheUnavailableException("Server down during " + operation, new java.io.IOException("refused"));
        }
    }

    private static final Object NULL = new Object();

    @Override
    public CacheStats stats() {
        return new CacheStats(this.hits.sum(), this.misses.sum(), this.puts.sum(), 0, 0, -1);
    }

    @Override
    public Object get(Object key, Object defaultValue, Integer version) {
        check("get");
        Object value = this.entries.get(makeKey(key, version));
        ((value != null) ? this.hits : this.misses).increment();
        return (value == null) ? defaultValue : (value == NULL) ? null : value;
    }

    /**
     * One read, counted once, and on a miss one add, as a backend that loads in one round trip would count; once per
     * key at a time, as {@code CacheBackend} requires.
     */
    @Override
    public Object getOrSet(Object key, Supplier<?> loader, Timeout timeout, Integer version) {
        check("getOrSet");
        String made = makeKey(key, version);
        return loadOnce(made, key, () -> {
            Object value = this.entries.get(made);
            if (value != null) {
                this.hits.increment();
                return (value == NULL) ? null : value;
            }
            this.misses.increment();
            Object loaded = loader.get();
            check("getOrSet");
            Object winner = this.entries.putIfAbsent(made, (loaded != null) ? loaded : NULL);
            if (winner == null) {
                this.puts.increment();
                return loaded;
            }
            return (winner == NULL) ? null : winner;
        });
    }

    @Override
    public void set(Object key, Object value, Timeout timeout, Integer version) {
        check("set");
        if (resolve(timeout).isExpired()) {
            this.entries.remove(makeKey(key, version));
            return;
        }
        this.entries.put(makeKey(key, version), (value != null) ? value : NULL);
        this.puts.increment();
    }

    @Override
    public boolean add(Object key, Object value, Timeout timeout, Integer version) {
        check("add");
        boolean added = this.entries.putIfAbsent(makeKey(key, version), (value != null) ? value : NULL) == null;
        if (added) {
            this.puts.increment();
        }
        return added;
    }

    @Override
    public boolean touch(Object key, Timeout timeout, Integer version) {
        check("touch");
        return this.entries.containsKey(makeKey(key, version));
    }

    @Override
    public boolean delete(Object key, Integer version) {
        check("delete");
        return this.entries.remove(makeKey(key, version)) != null;
    }

    @Override
    public boolean hasKey(Object key, Integer version) {
        check("hasKey");
        return this.entries.containsKey(makeKey(key, version));
    }

    @Override
    public long incr(Object key, long delta, Integer version) {
        check("incr");
        Object value = this.entries.computeIfPresent(makeKey(key, version), (k, v) -> ((Number) v).longValue() + delta);
        if (value == null) {
            throw notFound(key);
        }
        return (Long) value;
    }

    @Override
    public void clear() {
        check("clear");
        this.entries.clear();
    }
}
