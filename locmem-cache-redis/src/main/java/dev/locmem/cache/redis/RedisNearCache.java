package dev.locmem.cache.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import dev.locmem.cache.BaseCacheBackend;
import dev.locmem.cache.CacheAvailability;
import dev.locmem.cache.CacheStats;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
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
 * <p>{@code getMany} serves the copies it has and reads the rest from Redis without keeping them (it cannot read their
 * TTLs in one round trip).
 *
 * <p>Thread-safe.
 */
public final class RedisNearCache extends BaseCacheBackend implements CacheAvailability {

    /** How often the tracking connection is asked for a {@code PING}, to find a connection dead without a close. */
    static final Duration HEARTBEAT = Duration.ofSeconds(1);

    /** Stripes of the fill/invalidation ordering; a power of two. */
    private static final int STRIPES = 256;

    private final RedisCache remote;

    private final LocMemCache local;

    private final Timeout nearTimeout;

    private final int maxEntries;

    private final RedisInvalidations invalidations;

    /**
     * One lock per stripe of made keys: a fill's check-and-keep and an invalidation's drop of the same key never
     * interleave. A flush takes them all.
     */
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    /** Per stripe, how many invalidations it has had: a fill keeps its value only if its stripe's count is unchanged. */
    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

    /**
     * The local key of each made key kept in memory, so that an invalidation (which names the made key) finds its
     * copy. Every copy has an entry here; an entry may outlive its copy (culled), and is swept.
     */
    private final ConcurrentHashMap<String, LocalKey> localKeys = new ConcurrentHashMap<>();

    private final AtomicBoolean sweeping = new AtomicBoolean();

    /** Whether copies may be served and kept: only while the server tracks. */
    private volatile boolean serving;

    /** Changes whenever tracking starts or stops: a fill that began in another session keeps nothing. */
    private final AtomicLong session = new AtomicLong();

    private final LongAdder remoteHits = new LongAdder();

    private final LongAdder misses = new LongAdder();

    private final LongAdder invalidationsReceived = new LongAdder();

    private final LongAdder flushes = new LongAdder();

    private final LongAdder rejectedFills = new LongAdder();

    RedisNearCache(RedisCache remote, int maxEntries, Timeout nearTimeout, boolean storeByValue) {
        this(remote, maxEntries, nearTimeout, storeByValue, HEARTBEAT, RedisCache.DEFAULT_PROBE_INTERVAL);
    }

    RedisNearCache(RedisCache remote, int maxEntries, Timeout nearTimeout, boolean storeByValue, Duration heartbeat,
            Duration retry) {
        super(remote.keyPrefix(), remote.version(), remote.keyFunction(), remote.defaultTimeout());
        this.remote = remote;
        this.maxEntries = maxEntries;
        this.nearTimeout = Objects.requireNonNull(nearTimeout, "nearTimeout");
        // Stores of its own: the copy is this cache's alone, never shared with a locmem alias of the same location.
        this.local = LocMemCache.builder().stores(LocMemStores.create()).location("near:" + remote.location())
                .keyPrefix(remote.keyPrefix()).version(remote.version()).keyFunction(remote.keyFunction())
                .timeout(nearTimeout).maxEntries(maxEntries).storeByValue(storeByValue).build();
        for (int i = 0; i < STRIPES; i++) {
            this.locks[i] = new ReentrantLock();
        }
        this.invalidations = new RedisInvalidations(remote.location(),
                RedisInvalidations.uriOf(remote.connectionFactory(), RedisCache.DEFAULT_COMMAND_TIMEOUT),
                null, remote.keyspace().head(), heartbeat, retry, new Tracking());
        this.invalidations.start();
    }

    @Override
    public Object get(Object key, Object defaultValue, Integer version) {
        if (this.serving) {
            Object kept = this.local.get(key, MISSING, version);
            if (kept != MISSING) {
                return kept;
            }
        }
        return fill(key, defaultValue, version);
    }

    private Object fill(Object key, Object defaultValue, Integer version) {
        long began = this.session.get();
        boolean keep = this.serving;
        String made = makeKey(key, version);
        int stripe = stripe(made);
        long generation = this.generations.get(stripe);
        RedisCache.Read read = this.remote.readWithTtl(key, version);
        if (read == null) {
            this.misses.increment();
            return defaultValue;
        }
        this.remoteHits.increment();
        if (keep) {
            keep(key, version, made, stripe, generation, began, read);
        }
        return read.value();
    }

    /** Keeps a value read from Redis, unless an invalidation or a change of session came after the read began. */
    private void keep(Object key, Integer version, String made, int stripe, long generation, long began,
            RedisCache.Read read) {
        Timeout timeout = this.nearTimeout;
        if (read.ttlMillis() >= 0) {
            Timeout remaining = Timeout.of(Duration.ofMillis(read.ttlMillis()));
            if (timeout.isNever() || remaining.toDuration().compareTo(timeout.toDuration()) < 0) {
                timeout = remaining;
            }
        }
        if (timeout.isExpired()) {
            return;
        }
        ReentrantLock lock = this.locks[stripe];
        lock.lock();
        try {
            if (!this.serving || this.session.get() != began || this.generations.get(stripe) != generation) {
                this.rejectedFills.increment();
                return;
            }
            LocalKey localKey = new LocalKey(key, resolve(version));
            LocalKey previous = this.localKeys.put(made, localKey);
            if (previous != null && !previous.equals(localKey)) {
                // A key function that gives two keys one made key: only one copy may answer for it.
                this.local.delete(previous.key, previous.version);
            }
            this.local.set(key, read.value(), timeout, version);
        }
        finally {
            lock.unlock();
        }
        if (this.localKeys.size() > 2 * this.maxEntries + STRIPES) {
            sweep();
        }
    }

    /** Drops the local keys whose copies were culled or expired, so that the index stays bounded. */
    private void sweep() {
        if (!this.sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Map.Entry<String, LocalKey> entry : this.localKeys.entrySet()) {
                ReentrantLock lock = this.locks[stripe(entry.getKey())];
                lock.lock();
                try {
                    LocalKey localKey = entry.getValue();
                    if (!this.local.hasKey(localKey.key, localKey.version)) {
                        this.localKeys.remove(entry.getKey(), localKey);
                    }
                }
                finally {
                    lock.unlock();
                }
            }
        }
        finally {
            this.sweeping.set(false);
        }
    }

    /** Drops the copy of a made key, and makes every fill of it that began before now keep nothing. */
    private void invalidate(String made) {
        int stripe = stripe(made);
        ReentrantLock lock = this.locks[stripe];
        lock.lock();
        try {
            this.generations.incrementAndGet(stripe);
            LocalKey localKey = this.localKeys.remove(made);
            if (localKey != null) {
                this.local.delete(localKey.key, localKey.version);
            }
        }
        finally {
            lock.unlock();
        }
    }

    /** Drops every copy; with {@code stopServing}, serves none until tracking starts again. */
    private void flush(boolean stopServing) {
        if (stopServing) {
            this.serving = false;
        }
        this.session.incrementAndGet();
        for (ReentrantLock lock : this.locks) {
            lock.lock();
        }
        try {
            for (int i = 0; i < STRIPES; i++) {
                this.generations.incrementAndGet(i);
            }
            this.localKeys.clear();
            this.local.clear();
        }
        finally {
            for (ReentrantLock lock : this.locks) {
                lock.unlock();
            }
        }
        this.flushes.increment();
    }

    private static int stripe(String made) {
        int hash = made.hashCode();
        return (hash ^ (hash >>> 16)) & (STRIPES - 1);
    }

    private void invalidate(Object key, Integer version) {
        invalidate(makeKey(key, version));
    }

    @Override
    public void set(Object key, Object value, Timeout timeout, Integer version) {
        try {
            this.remote.set(key, value, timeout, version);
        }
        finally {
            invalidate(key, version);
        }
    }

    @Override
    public boolean add(Object key, Object value, Timeout timeout, Integer version) {
        try {
            return this.remote.add(key, value, timeout, version);
        }
        finally {
            invalidate(key, version);
        }
    }

    @Override
    protected Object addOrGet(Object key, Object loaded, Timeout timeout, Integer version) {
        try {
            return this.remote.addOrGet(key, loaded, timeout, version);
        }
        finally {
            invalidate(key, version);
        }
    }

    @Override
    public boolean touch(Object key, Timeout timeout, Integer version) {
        try {
            return this.remote.touch(key, timeout, version);
        }
        finally {
            invalidate(key, version);
        }
    }

    @Override
    public boolean delete(Object key, Integer version) {
        try {
            return this.remote.delete(key, version);
        }
        finally {
            invalidate(key, version);
        }
    }

    @Override
    public boolean hasKey(Object key, Integer version) {
        if (this.serving && this.local.hasKey(key, version)) {
            return true;
        }
        return this.remote.hasKey(key, version);
    }

    @Override
    public long incr(Object key, long delta, Integer version) {
        try {
            return this.remote.incr(key, delta, version);
        }
        finally {
            invalidate(key, version);
        }
    }

    @Override
    public <K> Map<K, Object> getMany(Collection<? extends K> keys, Integer version) {
        Objects.requireNonNull(keys, "keys");
        Map<K, Object> found = new LinkedHashMap<>();
        List<K> rest = new ArrayList<>();
        boolean near = this.serving;
        for (K key : keys) {
            Object kept = near ? this.local.get(key, MISSING, version) : MISSING;
            if (kept != MISSING) {
                found.put(key, kept);
            }
            else if (!found.containsKey(key)) {
                rest.add(key);
            }
        }
        if (!rest.isEmpty()) {
            Map<K, Object> read = this.remote.getMany(rest, version);
            this.remoteHits.add(read.size());
            this.misses.add(new LinkedHashSet<>(rest).size() - read.size());
            found.putAll(read);
        }
        Map<K, Object> ordered = new LinkedHashMap<>();
        for (K key : keys) {
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
            flush(false);
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
        return new NearCacheStats(kept.hits(), kept.misses(), this.invalidationsReceived.sum(), this.flushes.sum(),
                this.rejectedFills.sum(), kept.size(), this.serving);
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
     * Tells whether copies are served now: the server tracks this cache's keys.
     * @return {@code true} while tracking
     */
    public boolean isTracking() {
        return this.serving;
    }

    /** The server's client id of the tracking connection, or -1 while none tracks. */
    long trackingClientId() {
        return this.invalidations.clientId();
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
        this.serving = false;
        this.invalidations.close();
        this.remote.close();
        this.local.close();
    }

    @Override
    public String toString() {
        return "RedisNearCache[" + this.remote + ", maxEntries=" + this.maxEntries + ", timeout=" + this.nearTimeout
                + ", " + this.invalidations.state()
                + (this.serving ? "" : " (" + this.invalidations.lastFailure() + ")") + "]";
    }

    private record LocalKey(Object key, int version) {
    }

    private final class Tracking implements RedisInvalidations.Listener {

        @Override
        public void invalidated(String key) {
            RedisNearCache.this.invalidationsReceived.increment();
            invalidate(key);
        }

        @Override
        public void flushed() {
            RedisNearCache.this.invalidationsReceived.increment();
            flush(false);
        }

        @Override
        public void lost(String reason) {
            flush(true);
        }

        @Override
        public void started() {
            // A new session: a fill that began before tracking was on keeps nothing.
            RedisNearCache.this.session.incrementAndGet();
            RedisNearCache.this.serving = true;
        }
    }
}
