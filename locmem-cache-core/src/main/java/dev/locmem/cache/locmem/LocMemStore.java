package dev.locmem.cache.locmem;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

import dev.locmem.cache.SingleFlight;
import dev.locmem.cache.Ticker;
import dev.locmem.cache.Timeout;

/**
 * The data of one location: what Django keeps in {@code _caches[name]}, {@code _expire_info[name]} and
 * {@code _locks[name]}.
 *
 * <p><b>Design.</b> Values live in {@link Entry entries} held by {@link KeySpace}s, one
 * {@link EntryTable} per made-key head ({@code "prefix:version:"}), keyed by the caller's key. Reads take no
 * lock: a lookup, a deadline check and, unless several threads share the entry, a plain write of its access stamp
 * (see {@link AccessStamps}). This class is the only writer of entries' values, deadlines and liveness; a cache finds
 * keys and hands the changes to it. Changes to an existing entry
 * (overwrite, incr, touch) lock only that entry. Only what changes the set of keys (an insert, a removal, a cull) takes
 * the store's lock, so that the entry count is exact and the bound holds under any concurrency.
 *
 * <p><b>Invariants</b>, each kept under {@link #lock}:
 * <ul>
 * <li>{@link #count} equals the number of entries in all spaces.</li>
 * <li>Every entry in a space is alive; an entry is retired (under its own monitor) before it is removed.</li>
 * <li>A space in {@link #spaces} is the only one with its head; a space that is not pinned is dropped only when
 * empty, and an insert re-reads the space of its head under the lock, so no entry goes into a dropped space.</li>
 * <li>An insert into a store holding {@code maxEntries} or more (the inserting cache's {@link CullPolicy}) first
 * culls at least one entry, so when every cache of a store has the same max-entries, {@code count <= maxEntries}
 * always holds. Caches of one location with different max-entries each apply their own bound when they insert, as in
 * Django.</li>
 * </ul>
 *
 * <p><b>Culling</b> (Django's {@code _cull}, when the inserting cache's {@link CullPolicy} says it is due): with
 * cull-frequency 0 the whole store is cleared; otherwise {@link CullPolicy#victims} entries go, the expired ones first
 * (they can never be read again), then the least recently used ones that the policy chooses. Django removes
 * {@code count / cullFrequency} least recently used entries, expired or not.
 */
public final class LocMemStore {

    /** What the reads answer for a key that holds no live value, where {@code null} could be a stored value. */
    public static final Object ABSENT = new Object();

    private final String location;

    private final Ticker ticker;

    private final ConcurrentHashMap<String, KeySpace> spaces = new ConcurrentHashMap<>();

    /**
     * The values being loaded by {@code getOrSet}, by space head and key in the space: the loader of a key runs once
     * at a time.
     */
    private final SingleFlight loads = new SingleFlight();

    /** Taken to insert, remove and cull; never by a read or by a change to an existing entry. */
    private final ReentrantLock lock = new ReentrantLock();

    /** Guarded by {@link #lock} for writes; read without it as a hint. */
    private volatile int count;

    private final LongAdder evictions = new LongAdder();

    private final LongAdder expirations = new LongAdder();

    /**
     * Creates an empty store; {@code dev.locmem.cache.LocMemStores} creates one per location.
     * @param location the location's name
     * @param ticker the source of time of every cache of this store
     */
    public LocMemStore(String location, Ticker ticker) {
        this.location = location;
        this.ticker = ticker;
    }

    /**
     * The name of the location whose data this store holds.
     * @return the location
     */
    public String location() {
        return this.location;
    }

    /**
     * The source of time that deadlines are read against; every cache of this store must use it.
     * @return the ticker
     */
    public Ticker ticker() {
        return this.ticker;
    }

    /**
     * The number of entries, expired ones not yet removed included.
     * @return the count, read without a lock
     */
    public int size() {
        return this.count;
    }

    /**
     * How many live entries culls have removed.
     * @return the count so far
     */
    public long evictions() {
        return this.evictions.sum();
    }

    /**
     * How many expired entries have been removed.
     * @return the count so far
     */
    public long expirations() {
        return this.expirations.sum();
    }

    /**
     * The loads that {@code getOrSet} runs on this store: one at a time per key, across every cache of the store.
     * @return the store's flights
     */
    public SingleFlight loads() {
        return this.loads;
    }

    /**
     * The space of a head, created if need be and never dropped: for a cache to keep and read without a lock.
     * @param head the head of the space's made keys
     * @return the pinned space
     */
    public KeySpace pinnedSpace(String head) {
        // Under the lock, which every drop takes: the space pinned is the one in the map, and stays there.
        this.lock.lock();
        try {
            KeySpace space = space(head);
            space.pinned = true;
            return space;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * The space of a head, created if need be; for one operation (it may be dropped once empty).
     * @param head the head of the space's made keys
     * @return the space
     */
    public KeySpace space(String head) {
        return this.spaces.computeIfAbsent(head, KeySpace::new);
    }

    /**
     * The space of a head if it has one; for reads, which must not create spaces.
     * @param head the head of the space's made keys
     * @return the space, or {@code null}
     */
    public KeySpace existingSpace(String head) {
        return this.spaces.get(head);
    }

    /**
     * Reads the live value of a key and records the use, as Django's {@code get} moves a key to the end of its
     * order; an expired entry it finds is removed. The whole of a cache hit: a lookup, a deadline check and a stamp.
     * @param space the key's space, or {@code null} when it has none
     * @param key the key within the space
     * @param stripe {@link ThreadStripe#current()}, which the caller counts the hit with too
     * @return the stored value, or {@link #ABSENT}
     */
    public Object read(KeySpace space, Object key, int stripe) {
        Entry entry = (space != null) ? space.entries.get(key) : null;
        if (entry != null) {
            long now = this.ticker.read();
            if (!entry.isExpired(now)) {
                Object value = entry.value;
                AccessStamps.read(entry, now, stripe);
                return value;
            }
            expire(entry, now);
        }
        return ABSENT;
    }

    /**
     * Reads the live value of a key without recording a use or removing anything.
     * @param space the key's space, or {@code null} when it has none
     * @param key the key within the space
     * @return the stored value, or {@link #ABSENT}
     */
    public Object peek(KeySpace space, Object key) {
        Entry entry = (space != null) ? space.entries.get(key) : null;
        return (entry != null && !entry.isExpired(this.ticker.read())) ? entry.value : ABSENT;
    }

    /**
     * Whether a key holds a live value, without recording a use; Django's {@code has_key}, which removes the key it
     * finds expired.
     * @param space the key's space, or {@code null} when it has none
     * @param key the key within the space
     * @return {@code true} for a live value
     */
    public boolean contains(KeySpace space, Object key) {
        Entry entry = (space != null) ? space.entries.get(key) : null;
        if (entry == null) {
            return false;
        }
        long now = this.ticker.read();
        if (entry.isExpired(now)) {
            expire(entry, now);
            return false;
        }
        return true;
    }

    /**
     * Overwrites the live entry of a key in place, when no cull is due: the set of keys does not change, so only the
     * entry is locked. Django's {@code _set} for a key it already has.
     * @param space the key's space
     * @param key the key within the space
     * @param value the value to store
     * @param deadline ticker time at which it expires, {@link Long#MAX_VALUE} for never
     * @param now ticker time now
     * @param policy the writing cache's cull policy
     * @return {@code false} when the caller must {@link #insert}: the key has no entry, the store is full (a cull is
     *     due before any set, as in Django), or the entry has been removed meanwhile
     */
    public boolean overwrite(KeySpace space, Object key, Object value, long deadline, long now, CullPolicy policy) {
        Entry entry = space.entries.get(key);
        if (entry == null || policy.isDue(this.count)) {
            return false;
        }
        synchronized (entry) {
            if (!entry.alive) {
                return false;
            }
            entry.value = value;
            entry.deadline = deadline;
            AccessStamps.write(entry, now);
            return true;
        }
    }

    /**
     * Stores a value under a key of a space, culling first when the store is full; Django's {@code _set}.
     * @param space the key's space
     * @param key the key within the space
     * @param value the value to store
     * @param deadline ticker time at which it expires, {@link Long#MAX_VALUE} for never
     * @param now ticker time now
     * @param policy the writing cache's cull policy
     */
    public void insert(KeySpace space, Object key, Object value, long deadline, long now, CullPolicy policy) {
        this.lock.lock();
        try {
            insertLocked(space, key, value, deadline, now, policy);
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Stores a value only if the key holds no live value; Django's {@code add}.
     * @param space the key's space
     * @param key the key within the space
     * @param value the value to store
     * @param deadline ticker time at which it expires, {@link Long#MAX_VALUE} for never
     * @param now ticker time now
     * @param policy the writing cache's cull policy
     * @return {@code true} when stored, {@code false} when the key held a live value
     */
    public boolean add(KeySpace space, Object key, Object value, long deadline, long now, CullPolicy policy) {
        this.lock.lock();
        try {
            Entry entry = currentLocked(space).entries.get(key);
            if (entry != null && !entry.isExpired(now)) {
                return false;
            }
            insertLocked(space, key, value, deadline, now, policy);
            return true;
        }
        finally {
            this.lock.unlock();
        }
    }

    private void insertLocked(KeySpace space, Object key, Object value, long deadline, long now, CullPolicy policy) {
        if (policy.isDue(this.count)) {
            cullLocked(now, policy);
        }
        KeySpace current = currentLocked(space);
        int hash = EntryTable.hash(key);
        Entry entry = current.entries.get(key, hash);
        if (entry != null) {
            // Alive: only this lock's holder removes entries.
            synchronized (entry) {
                entry.value = value;
                entry.deadline = deadline;
                AccessStamps.write(entry, now);
            }
        }
        else {
            Entry created = new Entry(current, key, hash, value, deadline);
            AccessStamps.write(created, now);
            current.entries.insert(created);
            this.count++;
        }
    }

    /**
     * Gives a live key of a space a new deadline; Django's {@code touch}. An expired entry it finds is removed.
     * @param space the key's space, or {@code null} when it has none
     * @param key the key within the space
     * @param timeout the new timeout, from now
     * @return {@code false} when the key holds no live value
     */
    public boolean touch(KeySpace space, Object key, Timeout timeout) {
        return changeLive(space, key, (entry, now) -> {
            entry.deadline = timeout.deadlineFrom(now);
            return Boolean.TRUE;
        }) != null;
    }

    /**
     * Replaces the live value of a key of a space by {@code change} of it, atomically, and counts it as a use; the
     * heart of Django's {@code incr}. An expired entry it finds is removed.
     * @param space the key's space, or {@code null} when it has none
     * @param key the key within the space
     * @param change the new value from the current one; it runs under the entry's monitor and must not return
     *     {@code null}
     * @return the new value, or {@code null} when the key holds no live value
     */
    public Object update(KeySpace space, Object key, UnaryOperator<Object> change) {
        return changeLive(space, key, (entry, now) -> {
            Object next = change.apply(entry.value);
            entry.value = next;
            AccessStamps.write(entry, now);
            return next;
        });
    }

    /**
     * The protocol of every change to an existing entry: under its monitor, only while it is alive (else the key is
     * looked up again, since it may have been stored again in a new entry) and live (else it is removed as expired).
     * @return what {@code change} returned, or {@code null} when the key holds no live value
     */
    private Object changeLive(KeySpace space, Object key, EntryChange change) {
        for (;;) {
            Entry entry = (space != null) ? space.entries.get(key) : null;
            if (entry == null) {
                return null;
            }
            long now = this.ticker.read();
            synchronized (entry) {
                if (!entry.alive) {
                    continue;
                }
                if (!entry.isExpired(now)) {
                    return change.apply(entry, now);
                }
            }
            expire(entry, now);
            return null;
        }
    }

    /** A change to a live entry, made under its monitor. */
    @FunctionalInterface
    private interface EntryChange {

        /** Changes the entry; returns what the caller answers, never {@code null}. */
        Object apply(Entry entry, long now);
    }

    /** The space in the map for the head of {@code space}: the same one, unless it was dropped meanwhile. */
    private KeySpace currentLocked(KeySpace space) {
        KeySpace current = this.spaces.get(space.head);
        return (current != null) ? current : space(space.head);
    }

    /**
     * Removes an entry found expired by a read, unless it has changed since: Django's get and has_key delete an
     * expired key.
     */
    private void expire(Entry entry, long now) {
        this.lock.lock();
        try {
            if (entry.space.entries.get(entry.key, entry.hash) == entry && retireIfExpired(entry, now)) {
                unlinkLocked(entry);
                this.expirations.increment();
            }
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Deletes a key of a space.
     * @param space the key's space, or {@code null} when it has none
     * @param key the key within the space
     * @param now ticker time now
     * @return {@code true} if it held a live value
     */
    public boolean delete(KeySpace space, Object key, long now) {
        if (space == null || space.entries.get(key) == null) {
            return false;
        }
        this.lock.lock();
        try {
            Entry entry = space.entries.get(key);
            if (entry == null) {
                return false;
            }
            removeLocked(entry);
            return !entry.isExpired(now);
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Removes every entry; Django's {@code clear}. */
    public void clear() {
        this.lock.lock();
        try {
            clearLocked();
        }
        finally {
            this.lock.unlock();
        }
    }

    private void clearLocked() {
        for (KeySpace space : this.spaces.values()) {
            for (Entry entry : space.entries) {
                retire(entry);
            }
            space.entries.clear();
        }
        this.count = 0;
        dropEmptySpacesLocked();
    }

    private void removeLocked(Entry entry) {
        retire(entry);
        unlinkLocked(entry);
    }

    /** Takes a retired entry out of its space, and the space out of the store if that left it empty and unpinned. */
    private void unlinkLocked(Entry entry) {
        KeySpace space = entry.space;
        space.entries.remove(entry);
        this.count--;
        if (!space.pinned && space.entries.isEmpty()) {
            this.spaces.remove(space.head, space);
        }
    }

    private void dropEmptySpacesLocked() {
        this.spaces.values().removeIf((space) -> !space.pinned && space.entries.isEmpty());
    }

    private static void retire(Entry entry) {
        synchronized (entry) {
            entry.alive = false;
        }
    }

    /**
     * Retires an entry only if it is expired, deciding under its monitor: an overwrite (which holds the monitor)
     * either comes first, and the entry is live and kept, or comes after and finds it retired and inserts again.
     * Checking the deadline outside the monitor would let a removal meant for an expired value take the live value
     * that replaced it.
     */
    private static boolean retireIfExpired(Entry entry, long now) {
        if (!entry.isExpired(now)) {
            // Live now, whatever a concurrent write does next: keeping it needs no monitor, and a cull passes every
            // entry through here.
            return false;
        }
        synchronized (entry) {
            if (!entry.isExpired(now)) {
                return false;
            }
            entry.alive = false;
            return true;
        }
    }

    /** Django's {@code _cull} as the policy decides it, with expired entries going first; see the class Javadoc. */
    private void cullLocked(long now, CullPolicy policy) {
        if (policy.clearsAll()) {
            // Count as the other culls do: expired entries are expirations, live ones evictions.
            long expired = 0;
            for (KeySpace space : this.spaces.values()) {
                for (Entry entry : space.entries) {
                    if (entry.isExpired(now)) {
                        expired++;
                    }
                }
            }
            this.expirations.add(expired);
            this.evictions.add(this.count - expired);
            clearLocked();
            return;
        }
        int victims = policy.victims(this.count);
        List<Entry> live = new ArrayList<>(this.count);
        for (KeySpace space : this.spaces.values()) {
            for (Entry entry : space.entries) {
                if (retireIfExpired(entry, now)) {
                    unlinkLocked(entry);
                    this.expirations.increment();
                    victims--;
                }
                else {
                    live.add(entry);
                }
            }
        }
        if (victims > 0 && !live.isEmpty()) {
            for (Entry victim : CullPolicy.leastRecentlyUsed(live, Math.min(victims, live.size()))) {
                removeLocked(victim);
                this.evictions.increment();
            }
        }
        dropEmptySpacesLocked();
    }

    /** Every entry by its made key; a snapshot, for tests and diagnostics. */
    Map<String, Entry> entriesByMadeKey() {
        Map<String, Entry> byMadeKey = new LinkedHashMap<>();
        for (KeySpace space : this.spaces.values()) {
            space.entries.forEach((entry) -> byMadeKey.put(entry.madeKey(), entry));
        }
        return byMadeKey;
    }

    /** The number of spaces, for tests. */
    int spaceCount() {
        return this.spaces.size();
    }

    @Override
    public String toString() {
        return "LocMemStore['" + this.location + "', " + this.count + " entries]";
    }
}
