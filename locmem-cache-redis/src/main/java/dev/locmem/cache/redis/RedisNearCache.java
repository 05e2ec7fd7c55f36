package dev.locmem.cache.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

import dev.locmem.cache.BaseCacheBackend;
import dev.locmem.cache.CacheAvailability;
import dev.locmem.cache.CacheMeasurements;
import dev.locmem.cache.CacheStats;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.Timeout;

/**
 * A Redis cache with a bounded copy of its entries in this process's memory: a hit costs what a
 * {@link LocMemCache} hit costs, and the server tells this process of every change to the cache's keys, by anyone,
 * so that the copy never outlives the value it copies.
 *
 * <p><b>What is guaranteed.</b>
 * <ul>
 * <li>Read your writes: every write of this cache (set, add, incr, touch, delete, their many forms, clear,
 * incrVersion, getOrSet's store) goes to Redis first and drops this process's copy before it returns, so the next read
 * in this process asks Redis.</li>
 * <li>Coherence while tracking: a change made anywhere (another instance, another language's client,
 * {@code redis-cli}, an expiry, an eviction, {@code FLUSHDB}) removes the copy when the server's invalidation arrives.
 * A value read from Redis is kept only if no invalidation of its key (and no flush) arrived after the read began: the
 * fill races no invalidation.</li>
 * <li>Nothing from memory while not tracking: from the moment the tracking connection is found lost (closed, killed,
 * or silent past a heartbeat) until tracking is on again on a new connection, every read goes to Redis and the copy is
 * emptied.</li>
 * <li>The last bound: a copy is kept at most {@code near-cache.timeout}, and never longer than Redis keeps the value.</li>
 * <li>Atomic operations stay atomic: incr, add and the rest run on the server; this class never reads, changes and
 * writes back a value itself.</li>
 * </ul>
 * What is not: a copy may be served for as long as an invalidation takes to arrive (the staleness window, measured in
 * docs/benchmarks.md), and a change made while the network silently drops packets may be served until the heartbeat
 * notices, at most a heartbeat interval plus the command timeout.
 *
 * <p><b>What it shows.</b> {@link #stats()} counts a read answered from memory as a hit of the cache, as one
 * answered by Redis; {@link #measurements()} tells them apart ({@code cache.near.gets}), counts what the server made
 * the copy drop, and shows whether it tracks ({@code cache.near.tracking}); {@link #details()} tells a health check
 * whether it tracks, and why not.
 *
 * <p>{@code getMany} serves the copies it has and reads the rest from Redis in one round trip, with their TTLs, and
 * keeps them as {@code get} does.
 *
 * <p>Thread-safe.
 */
public final class RedisNearCache extends BaseCacheBackend implements CacheAvailability, CacheMeasurements {

    /** How often the tracking connection is asked for a {@code PING}, to find a connection dead without a close. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    private static final String NEAR_GETS = "cache.near.gets";

    private static final String NEAR_GETS_DESCRIPTION = "Reads of the cache answered from the near copy in memory "
            + "(hit) or not, so from Redis (miss)";

    private final RedisCache remote;

    private final LocMemCache local;

    private final Timeout nearTimeout;

    private final int maxEntries;

    /** What this cache shares with the near caches of the same server in this process. */
    private final NearCacheStore store;

    /** Runs between a fill's read from Redis and its keep; only tests set it, to force the fill race. */
    volatile Runnable betweenReadAndKeep;

    private final LongAdder remoteHits = new LongAdder();

    private final LongAdder misses = new LongAdder();

    RedisNearCache(RedisCache remote, int maxEntries, Timeout nearTimeout, boolean storeByValue) {
        this(remote, maxEntries, nearTimeout, storeByValue, HEARTBEAT, RedisCache.DEFAULT_PROBE_INTERVAL);
    }

    RedisNearCache(RedisCache remote, int maxEntries, Timeout nearTimeout, boolean storeByValue, Duration heartbeat,
            Duration retry) {
        super(remote.keyPrefix(), remote.version(), remote.keyFunction(), remote.defaultTimeout());
        this.remote = remote;
        this.maxEntries = maxEntries;
        this.nearTimeout = Objects.requireNonNull(nearTimeout, "nearTimeout");
        this.store = NearCacheStore.acquire(remote, maxEntries, heartbeat, retry);
        // The server's copies live in one store, as Django's caches of one location share one: apart from every
        // locmem alias, and shared by the near caches of this server.
        this.local = LocMemCache.builder().stores(this.store.stores()).location("near")
                .keyPrefix(remote.keyPrefix()).version(remote.version()).keyFunction(remote.keyFunction())
                .timeout(nearTimeout).maxEntries(maxEntries).storeByValue(storeByValue).build();
    }

    @Override
    public Object get(Object key, Object defaultValue, Integer version) {
        if (this.store.serving()) {
            Object kept = this.local.get(key, MISSING, version);
            if (kept != MISSING) {
                return kept;
            }
        }
        return fill(key, defaultValue, version);
    }

    private Object fill(Object key, Object defaultValue, Integer version) {
        long began = this.store.session();
        boolean keep = this.store.serving();
        String made = makeKey(key, version);
        int stripe = NearCacheStore.stripe(made);
        long generation = this.store.generation(stripe);
        RedisCache.Read read = this.remote.readWithTtl(key, version);
        if (read == null) {
            this.misses.increment();
            return defaultValue;
        }
        this.remoteHits.increment();
        betweenReadAndKeep();
        if (keep) {
            keep(key, version, read, made, stripe, generation, began);
        }
        return read.value();
    }

    /**
     * Reads keys missing from the copy from Redis in one round trip, and keeps what it read as {@link #fill} does,
     * each key against its own stripe's generation.
     * @param keys distinct keys
     */
    private <K> Map<K, Object> fillMany(List<K> keys, Integer version) {
        long began = this.store.session();
        boolean keep = this.store.serving();
        String[] made = new String[keys.size()];
        int[] stripes = new int[made.length];
        long[] generations = new long[made.length];
        for (int i = 0; i < made.length; i++) {
            made[i] = makeKey(keys.get(i), version);
            stripes[i] = NearCacheStore.stripe(made[i]);
            generations[i] = this.store.generation(stripes[i]);
        }
        List<RedisCache.Read> reads = this.remote.readManyWithTtl(keys, version);
        betweenReadAndKeep();
        Map<K, Object> found = new LinkedHashMap<>();
        for (int i = 0; i < made.length; i++) {
            RedisCache.Read read = reads.get(i);
            if (read == null) {
                this.misses.increment();
                continue;
            }
            this.remoteHits.increment();
            found.put(keys.get(i), read.value());
            if (keep) {
                keep(keys.get(i), version, read, made[i], stripes[i], generations[i], began);
            }
        }
        return found;
    }

    private void betweenReadAndKeep() {
        Runnable hook = this.betweenReadAndKeep;
        if (hook != null) {
            hook.run();
        }
    }

    /**
     * Keeps a copy of a value read from Redis, unless an invalidation of its stripe or a new tracking session came
     * after the read began ({@link NearCacheStore#keep}), or its TTL is already over.
     */
    private void keep(Object key, Integer version, RedisCache.Read read, String made, int stripe, long generation,
            long began) {
        Timeout timeout = keptFor(read);
        if (!timeout.isExpired()) {
            int resolved = resolve(version);
            this.store.keep(made, new LocalCopy(key, resolved), stripe, generation, began,
                    () -> this.local.set(key, read.value(), timeout, resolved));
        }
    }

    /** The near timeout, or what is left of Redis's TTL when that is shorter. */
    private Timeout keptFor(RedisCache.Read read) {
        if (read.ttlMillis() < 0) {
            return this.nearTimeout;
        }
        Timeout remaining = Timeout.of(Duration.ofMillis(read.ttlMillis()));
        return (this.nearTimeout.isNever() || remaining.toDuration().compareTo(this.nearTimeout.toDuration()) < 0)
                ? remaining : this.nearTimeout;
    }

    private void invalidate(Object key, Integer version) {
        this.store.invalidate(makeKey(key, version));
    }

    /**
     * Runs a write of one key on Redis, then drops this process's copy of the key, also when the write failed (what
     * Redis holds then is not known).
     */
    private <T> T written(Object key, Integer version, Supplier<T> write) {
        try {
            return write.get();
        }
        finally {
            invalidate(key, version);
        }
    }

    @Override
    public void set(Object key, Object value, Timeout timeout, Integer version) {
        written(key, version, () -> {
            this.remote.set(key, value, timeout, version);
            return null;
        });
    }

    @Override
    public boolean add(Object key, Object value, Timeout timeout, Integer version) {
        return written(key, version, () -> this.remote.add(key, value, timeout, version));
    }

    @Override
    protected Object addOrGet(Object key, Object loaded, Timeout timeout, Integer version) {
        return written(key, version, () -> this.remote.addOrGet(key, loaded, timeout, version));
    }

    @Override
    public boolean touch(Object key, Timeout timeout, Integer version) {
        return written(key, version, () -> this.remote.touch(key, timeout, version));
    }

    @Override
    public boolean delete(Object key, Integer version) {
        return written(key, version, () -> this.remote.delete(key, version));
    }

    @Override
    public boolean hasKey(Object key, Integer version) {
        if (this.store.serving() && this.local.hasKey(key, version)) {
            return true;
        }
        return this.remote.hasKey(key, version);
    }

    @Override
    public long incr(Object key, long delta, Integer version) {
        return written(key, version, () -> this.remote.incr(key, delta, version));
    }

    @Override
    public <K> Map<K, Object> getMany(Collection<? extends K> keys, Integer version) {
        Objects.requireNonNull(keys, "keys");
        Set<K> distinct = new LinkedHashSet<>(keys);
        Map<K, Object> found = new LinkedHashMap<>();
        List<K> rest = new ArrayList<>();
        boolean near = this.store.serving();
        for (K key : distinct) {
            Object kept = near ? this.local.get(key, MISSING, version) : MISSING;
            if (kept != MISSING) {
                found.put(key, kept);
            }
            else {
                rest.add(key);
            }
        }
        if (rest.isEmpty()) {
            return found;
        }
        found.putAll(fillMany(rest, version));
        // In the order of the keys asked, as every backend answers.
        Map<K, Object> ordered = new LinkedHashMap<>();
        for (K key : distinct) {
            if (found.containsKey(key)) {
                ordered.put(key, found.get(key));
            }
        }
        return ordered;
    }

    @Override
    public <K> List<K> setMany(Map<? extends K, ?> data, Timeout timeout, Integer version) {
        try {
            return this.remote.setMany(data, timeout, version);
        }
        finally {
            data.keySet().forEach((key) -> invalidate(key, version));
        }
    }

    @Override
    public void deleteMany(Collection<?> keys, Integer version) {
        try {
            this.remote.deleteMany(keys, version);
        }
        finally {
            keys.forEach((key) -> invalidate(key, version));
        }
    }

    @Override
    public int incrVersion(Object key, int delta, Integer version) {
        int from = resolve(version);
        try {
            return this.remote.incrVersion(key, delta, version);
        }
        finally {
            invalidate(key, from);
            invalidate(key, from + delta);
        }
    }

    @Override
    public void clear() {
        try {
            this.remote.clear();
        }
        finally {
            this.store.flush(false);
        }
    }

    /**
     * A snapshot: hits are answered from memory or from Redis, misses found in neither, as the alias's callers see
     * them; puts are Redis's. Size is -1 (unknown) as for {@link RedisCache}; {@link #nearCacheStats()} tells the
     * copy's own.
     */
    @Override
    public CacheStats stats() {
        CacheStats kept = this.local.stats();
        return new CacheStats(kept.hits() + this.remoteHits.sum(), this.misses.sum(), this.remote.stats().puts(), 0, 0,
                -1);
    }

    /**
     * The copy's own statistics.
     * @return hits and misses of the copy, what the server made it drop, and whether it serves now
     */
    public NearCacheStats nearCacheStats() {
        CacheStats kept = this.local.stats();
        return new NearCacheStats(kept.hits(), kept.misses(), this.store.invalidationsReceived(),
                this.store.flushes(), this.store.rejectedFills(), kept.size(), this.store.serving());
    }

    /**
     * What the near copy did.
     * @param hits reads answered from memory
     * @param misses reads that asked Redis while serving from memory
     * @param invalidations invalidations the server sent
     * @param flushes times the copy was emptied whole (a flush on the server, a clear, tracking lost)
     * @param rejectedFills values read from Redis and not kept, because an invalidation came during the read
     * @param size copies kept now
     * @param tracking whether the server tracks this cache's keys now, so that copies are served
     */
    public record NearCacheStats(long hits, long misses, long invalidations, long flushes, long rejectedFills, long size,
            boolean tracking) {
    }

    /**
     * The near copy's meters, beside the cache's own {@code cache.gets}: {@code cache.near.gets{result=hit}} counts the
     * reads answered from memory and {@code cache.near.gets{result=miss}} those that were not (Redis answered, or
     * nothing was found), so that both add up to {@code cache.gets} and the miss share is what Redis still serves;
     * reads while not tracking are misses. {@code cache.near.invalidations} (invalidations and flushes the server
     * sent), {@code cache.near.flushes} (the copy emptied whole), {@code cache.near.fills.rejected} and
     * {@code cache.near.size} are the server's store, which every near cache of the server in this process shares, so
     * each such cache shows the same figures. {@code cache.near.tracking} is 1 while copies are served, 0 while not.
     */
    @Override
    public List<Measurement> measurements() {
        CacheStats kept = this.local.stats();
        // Every read not answered from memory went to Redis: a near miss, whether the copy was asked or not tracking.
        long notNear = this.remoteHits.sum() + this.misses.sum();
        return List.of(
                Measurement.counter(NEAR_GETS, NEAR_GETS_DESCRIPTION, kept.hits()).withTag("result", "hit"),
                Measurement.counter(NEAR_GETS, NEAR_GETS_DESCRIPTION, notNear).withTag("result", "miss"),
                Measurement.counter("cache.near.invalidations",
                        "Invalidations the Redis server sent to this process's near caches of it",
                        this.store.invalidationsReceived()),
                Measurement.counter("cache.near.flushes",
                        "Times the near copies of the Redis server were emptied whole (a flush, a clear, tracking lost)",
                        this.store.flushes()),
                Measurement.counter("cache.near.fills.rejected",
                        "Values read from Redis and not kept in memory because an invalidation came during the read",
                        this.store.rejectedFills()),
                Measurement.gauge("cache.near.size", "Copies kept in memory for the Redis server", kept.size()),
                Measurement.gauge("cache.near.tracking",
                        "1 while the Redis server tracks the near cache's keys and copies are served, 0 while not",
                        this.store.serving() ? 1 : 0));
    }

    /**
     * Tells a health check whether copies are served: {@code nearCache} holds {@code tracking} ({@code UP} or
     * {@code DOWN}), and while down the last failure of the tracking connection as {@code reason}. A near cache that
     * does not track reads every value from Redis: correct values, at Redis's cost, so it is shown here and does not
     * make the cache unavailable.
     */
    @Override
    public Map<String, Object> details() {
        Map<String, Object> near = new LinkedHashMap<>();
        boolean tracking = this.store.serving();
        near.put("tracking", tracking ? "UP" : "DOWN");
        if (!tracking) {
            near.put("reason", String.valueOf(this.store.invalidations().lastFailure()));
        }
        near.put("size", this.local.stats().size());
        return Map.of("nearCache", near);
    }

    /**
     * Tells whether copies are served now: the server tracks this cache's keys.
     * @return {@code true} while tracking
     */
    public boolean isTracking() {
        return this.store.serving();
    }

    /** The server's client id of the tracking connection, or -1 while none tracks. */
    long trackingClientId() {
        return this.store.invalidations().clientId();
    }

    @Override
    public void checkAvailable() {
        this.remote.checkAvailable();
    }

    /**
     * The server, as messages name it.
     * @return the description
     */
    public String location() {
        return this.remote.location();
    }

    @Override
    public void close() {
        try {
            this.store.dropAll(this);
            this.remote.close();
            this.local.close();
        }
        finally {
            this.store.release(this.maxEntries);
        }
    }

    @Override
    public String toString() {
        return "RedisNearCache[" + this.remote + ", maxEntries=" + this.maxEntries + ", timeout=" + this.nearTimeout
                + ", " + this.store.invalidations().state()
                + (this.store.serving() ? "" : " (" + this.store.invalidations().lastFailure() + ")") + "]";
    }

    /** A copy in this cache's local cache, by its key and resolved version. */
    private final class LocalCopy implements NearCacheStore.Copy {

        private final Object key;

        private final int version;

        LocalCopy(Object key, int version) {
            this.key = key;
            this.version = version;
        }

        @Override
        public void drop() {
            RedisNearCache.this.local.delete(this.key, this.version);
        }

        @Override
        public boolean isKept() {
            return RedisNearCache.this.local.hasKey(this.key, this.version);
        }

        @Override
        public Object owner() {
            return RedisNearCache.this;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof LocalCopy that && owner() == that.owner() && this.version == that.version
                    && this.key.equals(that.key);
        }

        @Override
        public int hashCode() {
            return this.key.hashCode() * 31 + this.version;
        }
    }
}
