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
 * <li>{@link #count} equals the number of entries in all spaces that are not culled (see below).</li>
 * <li>Every entry in a space is alive; an entry is retired (under its own monitor) before it is removed, and a clear
 * ends the era of all a space's entries at once ({@link KeySpace#clear()}).</li>
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
 *
 * <p><b>Culls of large stores</b> (max-entries of at least {@link #PREPARED_CULL_MIN_ENTRIES}) do not pass over the
 * store in the set that culls, which would hold every insert for as long as it takes to read every entry. A
 * {@link CullPreparation} chooses the victims in small steps on the inserts of the last stretch before the store fills
 * and marks them ({@link Entry#doom}); the set that finds the store full then only sets {@link #culled} to the
 * preparation's number, which makes every marked entry absent to every reader at once (each read compares the two),
 * and takes them off the count. They leave their tables afterwards, a bounded number on each insert
 * ({@link #removing}); a culled entry found meanwhile is treated as absent and, under the lock, removed at once. The
 * count, the moment of the cull and the number of victims are Django's; which entries go is the least recently used
 * as of the preparation's scan, except that a use (get, set, incr) of a marked entry before the cull saves it, as
 * Django's use would, as long as the preparation's spares last (see {@link CullPreparation} for how, and what is still
 * given up).
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

    /** What culls that emptied the store took and have not counted yet. */
    private final ClearedEntries cleared = new ClearedEntries(this.evictions, this.expirations);

    /** The smallest max-entries whose culls are prepared ahead (see the class Javadoc). */
    static final int PREPARED_CULL_MIN_ENTRIES = 1 << 12;

    /** Culled entries removed from their tables per insert, at least; small for the reason of the preparation's. */
    private static final int REMOVALS_PER_INSERT = 8;

    /**
     * Slots of the tables that a cull of everything took, counted per insert after it: at most a few dozen entries,
     * so that no insert pays much, while a million entries' tables are counted long before the next such cull.
     */
    private static final int CLEARED_SLOTS_PER_INSERT = 256;

    private final int preparedCullMinEntries;

    /** Guarded by {@link #lock}. */
    private final CullPreparation preparation = new CullPreparation();

    /**
     * The number of the last prepared cull: an entry whose {@link Entry#doom}, less its noted bit, equals it is culled.
     * Written under {@link #lock}, after the marks it publishes; read by every read before the entry's mark. Never 0,
     * the mark of an entry that no preparation chose; before the first prepared cull -1, which no mark less its noted
     * bit equals.
     */
    private volatile byte culled = -1;

    /** Culled entries still in their tables, from {@link #removingIndex} on; guarded by {@link #lock}. */
    private EntryChunks removing;

    private int removingIndex;

    /** Culls made by a preparation, and exact ones; guarded by {@link #lock}, for tests and diagnostics. */
    private long preparedCulls;

    private long exactCulls;

    /** Victims that uses saved from prepared culls; guarded by {@link #lock}, for tests and diagnostics. */
    private long savedVictims;

    /**
     * Creates an empty store; {@code dev.locmem.cache.LocMemStores} creates one per location.
     * @param location the location's name
     * @param ticker the source of time of every cache of this store
     */
    public LocMemStore(String location, Ticker ticker) {
        this(location, ticker, PREPARED_CULL_MIN_ENTRIES);
    }

    /** A store whose culls are prepared ahead from a smaller max-entries on; for tests. */
    LocMemStore(String location, Ticker ticker, int preparedCullMinEntries) {
        this.location = location;
        this.ticker = ticker;
        this.preparedCullMinEntries = preparedCullMinEntries;
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
        this.cleared.countAll();
        return this.evictions.sum();
    }

    /**
     * How many expired entries have been removed.
     * @return the count so far
     */
    public long expirations() {
        this.cleared.countAll();
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
                byte culled = this.culled;
                byte doom = entry.doom;
                // Unmarked, the common case: one compare.
                if (doom != 0 && isCulledElseNoted(entry, doom, culled)) {
                    return ABSENT;
                }
                Object value = entry.value;
                AccessStamps.read(entry, now, stripe);
                return value;
            }
            expire(entry, now);
        }
        return ABSENT;
    }

    /**
     * Whether a cull has taken an entry that is still in its table. The store's mark is read first: it publishes the
     * entry's.
     */
    private boolean isCulled(Entry entry) {
        byte culled = this.culled;
        return (entry.doom & CullPreparation.GENERATION) == culled;
    }

    /**
     * Whether a marked entry that is being used is culled; if it is not, it is a victim of the cull to come (or holds
     * a stale mark), and the use is noted so that the cull may save it. Out of line, to keep the hit path small.
     * @param doom the entry's mark, read after {@code culled}
     * @param culled the store's mark
     */
    private boolean isCulledElseNoted(Entry entry, byte doom, byte culled) {
        if ((doom & CullPreparation.GENERATION) == culled) {
            return true;
        }
        this.preparation.rescue(entry, doom);
        return false;
    }

    /** Notes a use of an entry that a preparation may have marked; after a check that it is not culled. */
    private void noteUse(Entry entry) {
        byte doom = entry.doom;
        if (doom != 0) {
            this.preparation.rescue(entry, doom);
        }
    }

    /**
     * Reads the live value of a key without recording a use or removing anything.
     * @param space the key's space, or {@code null} when it has none
     * @param key the key within the space
     * @return the stored value, or {@link #ABSENT}
     */
    public Object peek(KeySpace space, Object key) {
        Entry entry = (space != null) ? space.entries.get(key) : null;
        return (entry != null && !entry.isExpired(this.ticker.read()) && !isCulled(entry)) ? entry.value : ABSENT;
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
        return !isCulled(entry);
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
            if (!entry.isAlive() || isCulled(entry)) {
                return false;
            }
            entry.value = value;
            entry.deadline = deadline;
            AccessStamps.write(entry, now);
            noteUse(entry);
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
            if (entry != null && !entry.isExpired(now) && !isCulled(entry)) {
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
        else {
            maintainLocked(now, policy);
            this.cleared.countSome(CLEARED_SLOTS_PER_INSERT);
            growIntoEmptiedLocked();
        }
        KeySpace current = currentLocked(space);
        int hash = EntryTable.hash(key);
        Entry entry = current.entries.get(key, hash);
        if (entry != null && isCulled(entry)) {
            // Gone already as far as any reader knows; out of the way of the new one.
            discardLocked(entry);
            entry = null;
        }
        if (entry != null) {
            // Alive: only this lock's holder removes entries.
            synchronized (entry) {
                entry.value = value;
                entry.deadline = deadline;
                AccessStamps.write(entry, now);
            }
            noteUse(entry);
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
            noteUse(entry);
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
                if (!entry.isAlive()) {
                    continue;
                }
                if (isCulled(entry)) {
                    // Stays in its table until removed, and is absent meanwhile; a new entry of the key replaces it.
                    return null;
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
            if (entry.era.space.entries.get(entry.key, entry.hash) == entry && !isCulled(entry)
                    && retireIfExpired(entry, now)) {
                this.preparation.removed(entry);
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
            if (isCulled(entry)) {
                discardLocked(entry);
                return false;
            }
            boolean expired = entry.isExpired(now);
            this.preparation.removed(entry);
            removeLocked(entry);
            return !expired;
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
            space.clear();
        }
        clearedLocked();
    }

    /**
     * Empties the store as a cull: at once, whatever it holds, leaving the count of what went as expired or evicted to
     * {@link ClearedEntries}.
     */
    private void cullAllLocked(long now) {
        List<ClearedEntries.Table> tables = new ArrayList<>(this.spaces.size());
        for (KeySpace space : this.spaces.values()) {
            tables.add(new ClearedEntries.Table(space, space.clear()));
        }
        this.cleared.add(tables, now, this.culled);
        clearedLocked();
    }

    /**
     * Gives each space the table that a cull of everything emptied, once counted, when the space's new table is still
     * smaller: the entries inserted since the cull move into it, a few thousand at most, so that the refill never grows
     * a table of the store's size in one insert.
     */
    private void growIntoEmptiedLocked() {
        for (ClearedEntries.Table emptied : this.cleared.takeEmptied()) {
            KeySpace space = emptied.space();
            if (this.spaces.get(space.head) == space && space.entries.capacity() < emptied.slots().length) {
                space.entries.growInto(emptied.slots());
            }
        }
    }

    private void clearedLocked() {
        this.count = 0;
        this.removing = null;
        this.preparation.reset();
        dropEmptySpacesLocked();
    }

    private void removeLocked(Entry entry) {
        retire(entry);
        unlinkLocked(entry);
    }

    /** Takes a retired entry out of its space, and the space out of the store if that left it empty and unpinned. */
    private void unlinkLocked(Entry entry) {
        detachLocked(entry);
        this.count--;
    }

    private void detachLocked(Entry entry) {
        KeySpace space = entry.era.space;
        space.entries.remove(entry);
        if (!space.pinned && space.entries.isEmpty()) {
            this.spaces.remove(space.head, space);
        }
    }

    /** Removes a culled entry from its table: the cull took it off the count already. */
    private void discardLocked(Entry entry) {
        if (entry.isAlive()) {
            retire(entry);
            detachLocked(entry);
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

    /**
     * The work of large stores' culls that no set waits for: removing the last cull's entries from their tables, then
     * preparing the next cull once the store is close to full. Bounded on each insert (see {@link CullPreparation}).
     */
    private void maintainLocked(long now, CullPolicy policy) {
        int inserts = policy.maxEntries() - this.count;
        if (this.removing != null) {
            // Spread over the inserts before the next preparation is due, so that both never fall on one insert.
            // (When culls come more often than a preparation's lead, over the first quarter of the inserts left.)
            int before = inserts - CullPreparation.lead(this.count);
            int spread = (before > inserts / 4) ? before - before / 4 : Math.max(1, inserts / 4);
            int left = this.removing.size() - this.removingIndex;
            removeCulledLocked(Math.max(REMOVALS_PER_INSERT, left / spread));
            return;
        }
        if (!isPrepared(policy)) {
            return;
        }
        if (this.preparation.phase() == CullPreparation.Phase.IDLE) {
            if (inserts > CullPreparation.lead(this.count)) {
                return;
            }
            this.preparation.start(List.copyOf(this.spaces.values()), nextGeneration(),
                    policy.victims(policy.maxEntries()), this.count);
        }
        this.preparation.step(now, this.preparation.budget(inserts));
    }

    /**
     * Whether the culls of a policy are prepared: those of large stores, unless they take every entry (cull-frequency
     * 0 or 1), which needs no choice, and whose victims include entries inserted after any scan.
     */
    private boolean isPrepared(CullPolicy policy) {
        return policy.maxEntries() >= this.preparedCullMinEntries && !policy.clearsAll()
                && policy.victims(policy.maxEntries()) < policy.maxEntries();
    }

    /** A preparation's number: 1 to 127, never the mark of the last cull. */
    private byte nextGeneration() {
        byte next = (byte) (this.preparation.generation() % 127 + 1);
        return (next == this.culled) ? (byte) (next % 127 + 1) : next;
    }

    private void removeCulledLocked(int budget) {
        EntryChunks removing = this.removing;
        int end = (int) Math.min(removing.size(), (long) this.removingIndex + budget);
        for (int i = this.removingIndex; i < end; i++) {
            Entry entry = removing.get(i);
            // Not a victim saved by a use before the cull.
            if (isCulled(entry)) {
                discardLocked(entry);
            }
            removing.clear(i);
        }
        this.removingIndex = end;
        if (end == removing.size()) {
            this.removing = null;
        }
    }

    /**
     * A large store's cull: what its preparation chose, published at once, as many entries as the policy takes.
     * @return {@code false} when the preparation cannot make this cull (a cache of another max-entries asked for it,
     *     or too many marked entries left the store), and nothing was changed
     */
    private boolean cullPreparedLocked(long now, CullPolicy policy) {
        if (this.removing != null) {
            // The last cull's entries are still leaving: only when culls come faster than the inserts remove them.
            removeCulledLocked(Integer.MAX_VALUE);
        }
        if (this.preparation.phase() == CullPreparation.Phase.IDLE) {
            this.preparation.start(List.copyOf(this.spaces.values()), nextGeneration(),
                    policy.victims(this.count), this.count);
        }
        // Only when the preparation started too late to be done by now, which the lead is there to prevent.
        this.preparation.finish(now);
        int needed = policy.victims(this.count);
        if (!this.preparation.fill(needed)) {
            this.preparation.reset();
            return false;
        }
        // Before the mark is published: a use noted after this is culled with the others.
        int saved = this.preparation.saveNoted(now);
        if (this.preparation.liveDoomed() > Math.max(0, needed - this.preparation.expiredDoomed())) {
            this.preparation.reset();
            return false;
        }
        int expired = this.preparation.expiredDoomed();
        int live = this.preparation.liveDoomed();
        byte generation = this.preparation.generation();
        this.removing = this.preparation.takeDoomed();
        this.removingIndex = 0;
        this.count -= expired + live;
        this.expirations.add(expired);
        this.evictions.add(live);
        // The volatile write publishes every mark; from here on each marked entry is absent to every reader.
        this.culled = generation;
        this.preparedCulls++;
        this.savedVictims += saved;
        return true;
    }

    /** Django's {@code _cull} as the policy decides it, with expired entries going first; see the class Javadoc. */
    private void cullLocked(long now, CullPolicy policy) {
        if (isPrepared(policy) && cullPreparedLocked(now, policy)) {
            return;
        }
        this.exactCulls++;
        if (policy.clearsAll() || policy.victims(this.count) >= this.count) {
            // Every entry goes (cull-frequency 0, or 1: Django's count // 1); counted later, apart from this set.
            cullAllLocked(now);
            return;
        }
        // The exact cull below reads every entry: none may be culled and still in its table.
        if (this.removing != null) {
            removeCulledLocked(Integer.MAX_VALUE);
        }
        this.preparation.reset();
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
            space.entries.forEach((entry) -> {
                if (!isCulled(entry)) {
                    byMadeKey.put(entry.madeKey(), entry);
                }
            });
        }
        return byMadeKey;
    }

    /** What the preparation of the next cull is doing, for tests. */
    CullPreparation.Phase preparationPhase() {
        this.lock.lock();
        try {
            return this.preparation.phase();
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Culls made by a preparation, for tests. */
    long preparedCulls() {
        return this.preparedCulls;
    }

    /** Victims that the preparation of the next cull has saved already, on inserts before the cull; for tests. */
    int savedAheadOfTheCull() {
        this.lock.lock();
        try {
            return this.preparation.saved();
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Victims of prepared culls that a use before the cull saved, for tests. */
    long savedVictims() {
        return this.savedVictims;
    }

    /** Culls made in the set, reading every entry, for tests. */
    long exactCulls() {
        return this.exactCulls;
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
