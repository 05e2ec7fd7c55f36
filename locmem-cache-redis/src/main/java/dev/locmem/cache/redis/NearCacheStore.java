package dev.locmem.cache.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import dev.locmem.cache.LocMemStores;
import io.lettuce.core.RedisURI;

/**
 * What the near caches of one Redis server share in this process: the copies (one local-memory store), the index
 * from made keys to copies, the ordering of fills against invalidations, and one tracking connection. Sharing is what
 * makes a write through one cache drop the copy that another cache of the same server keeps (two aliases, two
 * versions, Spring cache names), at once and without waiting for the server.
 *
 * <p>The fill race. A fill reads its stripe's generation before asking Redis and keeps the value only if, under the
 * stripe's lock, the generation (and the tracking session) is unchanged; an invalidation bumps the generation and
 * drops the copy under the same lock. So a value read before an invalidation arrived is never kept after it, and an
 * invalidation that arrives after the value was kept finds and drops it. A flush takes every lock.
 */
final class NearCacheStore {

    private static final Map<String, NearCacheStore> BY_SERVER = new HashMap<>();

    /** Stripes of the fill/invalidation ordering; a power of two. */
    private static final int STRIPES = 256;

    private final String server;

    private final LocMemStores stores = LocMemStores.create();

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    private final AtomicLongArray generations = new AtomicLongArray(STRIPES);

    /**
     * The copy of each made key kept in memory, so that an invalidation (which names the made key) finds it. Every
     * copy has an entry here; an entry may outlive its copy (culled, expired), and is swept.
     */
    private final ConcurrentHashMap<String, Copy> copies = new ConcurrentHashMap<>();

    private final AtomicBoolean sweeping = new AtomicBoolean();

    private final AtomicLong session = new AtomicLong();

    private final RedisInvalidations invalidations;

    private final List<String> heads = new ArrayList<>();

    private final LongAdder invalidationsReceived = new LongAdder();

    private final LongAdder flushes = new LongAdder();

    private final LongAdder rejectedFills = new LongAdder();

    /** Whether copies may be served and kept: only while the server tracks. */
    private volatile boolean serving;

    /** Guarded by {@code BY_SERVER}. */
    private int users;

    /** The sum of the users' bounds: the index is swept when it grows past twice that. */
    private volatile long maxEntries;

    private NearCacheStore(String server, String where, RedisURI uri, Duration heartbeat, Duration retry,
            String head) {
        this.server = server;
        for (int i = 0; i < STRIPES; i++) {
            this.locks[i] = new ReentrantLock();
        }
        this.heads.add(head);
        this.invalidations = new RedisInvalidations(where, uri, null, head, heartbeat, retry, new Tracking());
    }

    /**
     * The store of a cache's server, created on first use; every call is matched by a {@link #release()}.
     * @param remote the cache whose server it is
     * @param maxEntries how many copies that cache keeps at most
     * @param heartbeat how often the tracking connection is pinged (its first user's)
     * @param retry how long to wait between attempts to track again (its first user's)
     */
    static NearCacheStore acquire(RedisCache remote, int maxEntries, Duration heartbeat, Duration retry) {
        RedisURI uri = RedisInvalidations.uriOf(remote.connectionFactory(), RedisCache.DEFAULT_COMMAND_TIMEOUT);
        String server = uri.toString();
        String head = remote.keyspace().head();
        NearCacheStore store;
        boolean created = false;
        synchronized (BY_SERVER) {
            store = BY_SERVER.get(server);
            if (store == null) {
                store = new NearCacheStore(server, remote.location(), uri, heartbeat, retry, head);
                BY_SERVER.put(server, store);
                created = true;
            }
            store.users++;
            store.maxEntries += maxEntries;
        }
        if (created) {
            store.invalidations.start();
        }
        else {
            store.track(head);
        }
        return store;
    }

    /** Tracks the keys of one more head: when the tracked prefix does not cover it, tracking restarts wider. */
    private void track(String head) {
        String widened;
        synchronized (this.heads) {
            this.heads.add(head);
            widened = commonPrefix(this.heads);
        }
        this.invalidations.prefix(widened);
    }

    static String commonPrefix(List<String> heads) {
        String common = heads.get(0);
        for (String head : heads) {
            int length = 0;
            while (length < common.length() && length < head.length() && common.charAt(length) == head.charAt(length)) {
                length++;
            }
            common = common.substring(0, length);
        }
        return common;
    }

    /** Gives the store back; the last user closes its tracking connection. */
    void release(int maxEntries) {
        boolean last;
        synchronized (BY_SERVER) {
            this.maxEntries -= maxEntries;
            last = --this.users == 0;
            if (last) {
                BY_SERVER.remove(this.server, this);
            }
        }
        if (last) {
            this.serving = false;
            this.invalidations.close();
        }
    }

    /** The local-memory stores that the copies live in. */
    LocMemStores stores() {
        return this.stores;
    }

    boolean serving() {
        return this.serving;
    }

    long session() {
        return this.session.get();
    }

    static int stripe(String made) {
        int hash = made.hashCode();
        return (hash ^ (hash >>> 16)) & (STRIPES - 1);
    }

    long generation(int stripe) {
        return this.generations.get(stripe);
    }

    /**
     * Keeps a copy read from Redis, unless an invalidation of its stripe or a change of session came after the
     * read began: then it counts the fill as rejected and keeps nothing.
     * @param made the made key
     * @param copy the copy's owner and local key
     * @param stripe the made key's stripe
     * @param generation the stripe's generation when the read began
     * @param began the session when the read began
     * @param keep stores the copy in the owner's local cache
     */
    void keep(String made, Copy copy, int stripe, long generation, long began, Runnable keep) {
        ReentrantLock lock = this.locks[stripe];
        lock.lock();
        try {
            if (!this.serving || this.session.get() != began || this.generations.get(stripe) != generation) {
                this.rejectedFills.increment();
                return;
            }
            Copy previous = this.copies.put(made, copy);
            if (previous != null && !previous.equals(copy)) {
                // Two local keys with one made key (two caches, or a key function that merges keys): one copy only.
                previous.drop();
            }
            keep.run();
        }
        finally {
            lock.unlock();
        }
        if (this.copies.size() > 2 * (long) this.maxEntries + STRIPES) {
            sweep();
        }
    }

    /** Drops the index entries whose copies were culled or expired, so that the index stays bounded. */
    private void sweep() {
        if (!this.sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Map.Entry<String, Copy> entry : this.copies.entrySet()) {
                ReentrantLock lock = this.locks[stripe(entry.getKey())];
                lock.lock();
                try {
                    if (!entry.getValue().isKept()) {
                        this.copies.remove(entry.getKey(), entry.getValue());
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

    /** Drops every copy of one near cache, which closes: nothing of it may answer an invalidation later. */
    void dropAll(Object owner) {
        for (Map.Entry<String, Copy> entry : this.copies.entrySet()) {
            if (entry.getValue().owner() == owner) {
                ReentrantLock lock = this.locks[stripe(entry.getKey())];
                lock.lock();
                try {
                    if (this.copies.remove(entry.getKey(), entry.getValue())) {
                        entry.getValue().drop();
                    }
                }
                finally {
                    lock.unlock();
                }
            }
        }
    }

    /** Drops the copy of a made key, and makes every fill of it that began before now keep nothing. */
    void invalidate(String made) {
        int stripe = stripe(made);
        ReentrantLock lock = this.locks[stripe];
        lock.lock();
        try {
            this.generations.incrementAndGet(stripe);
            Copy copy = this.copies.remove(made);
            if (copy != null) {
                copy.drop();
            }
        }
        finally {
            lock.unlock();
        }
    }

    /**
     * Drops every copy (each has its index entry, so dropping those drops all); with {@code stopServing}, serves none
     * until tracking starts again.
     */
    void flush(boolean stopServing) {
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
            for (Copy copy : this.copies.values()) {
                copy.drop();
            }
            this.copies.clear();
        }
        finally {
            for (ReentrantLock lock : this.locks) {
                lock.unlock();
            }
        }
        this.flushes.increment();
    }

    long invalidationsReceived() {
        return this.invalidationsReceived.sum();
    }

    long flushes() {
        return this.flushes.sum();
    }

    long rejectedFills() {
        return this.rejectedFills.sum();
    }

    RedisInvalidations invalidations() {
        return this.invalidations;
    }

    @Override
    public String toString() {
        return "NearCacheStore[" + this.server + ", " + this.invalidations.state() + "]";
    }

    /** A copy in one near cache's local cache: how to drop it and how to tell it is still there. */
    interface Copy {

        /** Removes the copy from its local cache. */
        void drop();

        /** Tells whether the local cache still keeps it. */
        boolean isKept();

        /** The near cache whose copy it is. */
        Object owner();
    }

    private final class Tracking implements RedisInvalidations.Listener {

        @Override
        public void invalidated(String key) {
            NearCacheStore.this.invalidationsReceived.increment();
            invalidate(key);
        }

        @Override
        public void flushed() {
            NearCacheStore.this.invalidationsReceived.increment();
            flush(false);
        }

        @Override
        public void lost(String reason) {
            flush(true);
        }

        @Override
        public void started() {
            // A new session: a fill that began before tracking was on keeps nothing.
            NearCacheStore.this.session.incrementAndGet();
            NearCacheStore.this.serving = true;
        }
    }
}
