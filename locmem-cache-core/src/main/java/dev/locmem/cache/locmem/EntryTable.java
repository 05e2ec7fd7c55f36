package dev.locmem.cache.locmem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The hash table of a {@link KeySpace}: {@link Entry entries} by key, read without a lock by any thread and changed
 * only by the holder of the store's lock.
 *
 * <p><b>Why not a {@code ConcurrentHashMap}.</b> A map's node would point to the entry, so every hit would follow one
 * more reference than the lookup itself, one more cache miss once the store outgrows the processor's caches, and every
 * entry would carry a 32-byte node. Here the entry is the node: the table's slots hold entries, each with the hash and
 * key it was stored under. And because {@link LocMemStore} already serializes every insert and removal under one lock
 * (to keep its count exact), the table needs no locking of its own: one writer, any number of readers.
 *
 * <p><b>Layout.</b> Open addressing with linear probing over a power-of-two array of entries, filled to at most three
 * eighths (five eighths with tombstones). A removed entry that an entry stored after it in its run was probed past
 * leaves a {@link #TOMBSTONE} behind, so that a reader probing past its slot still reaches the keys stored beyond it;
 * other removed entries, and the tombstones just before them, leave an empty slot at once; the other tombstones go by a
 * sweep that inserts carry a few slots further each time once entries and tombstones fill more than nine sixteenths of
 * the table (a tombstone goes when no entry stored after it in its run was probed past it), or when the table is
 * rebuilt: when entries would fill more than three eighths of the slots, or entries and tombstones more than five
 * eighths, an insert first copies the entries into a new table sized for them (at most a third full). The sweep is
 * there for culls: a cull of a large store leaves a tombstone for each of a third of its entries, and without it every
 * few culls would end in a rebuild of the whole table, in one insert; and growing at three eighths rather than half
 * keeps the runs that every lookup walks short in a large store that culls, for 4 bytes a slot. As with
 * {@code ConcurrentHashMap}, removals never shrink the table; only {@link #clear()} does. Entries never move within a table: a
 * reader sees a key in the slot where it was stored, or not at all.
 *
 * <p><b>Concurrency.</b> The writer publishes an entry into a slot with a release store and a new table (when it grows,
 * shrinks or sheds tombstones) with a volatile write; readers load both with acquire semantics, so a reader that finds
 * an entry sees it fully constructed. A reader still walking a table that was just replaced finds what that table held
 * when it was replaced, as a {@code ConcurrentHashMap} reader racing a removal may still return the removed value.
 */
final class EntryTable implements Iterable<Entry> {

    /** Left in a slot whose entry was removed; never returned and never equal to a real entry. */
    private static final Entry TOMBSTONE = new Entry(null, null, 0, null, Long.MAX_VALUE);

    private static final int MIN_CAPACITY = 8;

    /** The most entries a table holds: a third of the largest power-of-two array. */
    static final int MAX_ENTRIES = (1 << 30) / 3;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Entry[].class);

    /** Replaced, never resized in place; written only by the writer. */
    private volatile Entry[] slots = new Entry[MIN_CAPACITY];

    /** Live entries; written only by the writer. */
    private volatile int size;

    /** Slots holding a tombstone, in {@link #slots}; only the writer reads or writes it. */
    private int tombstones;

    /** Rebuilds so far, for tests; only the writer writes it. */
    private int rebuilds;

    /** Where the sweep of tombstones goes on; only the writer reads or writes it. */
    private int sweepCursor;

    /** Slots an insert's sweep looks at. */
    private static final int SWEEP_SLOTS = 64;

    /** Entries of a run the sweep reads after a tombstone before it gives up on that one. */
    private static final int SWEEP_PROBE = 16;

    /** The hash the table stores a key under: the key's own, mixed so that nearby hashes spread over the slots. */
    static int hash(Object key) {
        int h = key.hashCode() * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    /**
     * The entry of a key, or {@code null}. Takes no lock.
     * @param key the key
     * @param hash {@link #hash(Object) hash(key)}
     */
    Entry get(Object key, int hash) {
        Entry[] slots = this.slots;
        int mask = slots.length - 1;
        for (int i = hash & mask;; i = (i + 1) & mask) {
            Entry entry = (Entry) SLOTS.getAcquire(slots, i);
            if (entry == null) {
                return null;
            }
            if (entry.hash == hash && entry != TOMBSTONE && (entry.key == key || key.equals(entry.key))) {
                return entry;
            }
        }
    }

    /** The entry of a key, or {@code null}. Takes no lock. */
    Entry get(Object key) {
        return get(key, hash(key));
    }

    /**
     * Adds an entry whose key the table does not hold. Only under the store's lock.
     * @param entry the entry, whose key is absent from the table
     */
    void insert(Entry entry) {
        Entry[] slots = this.slots;
        if (this.tombstones > 0 && this.size + this.tombstones > 9 * (slots.length >>> 4)) {
            sweep(slots);
        }
        if (this.size + 1 > 3 * (slots.length >>> 3) || this.size + this.tombstones + 1 > 5 * (slots.length >>> 3)) {
            slots = rebuild(this.size + 1);
        }
        int mask = slots.length - 1;
        int i = entry.hash & mask;
        Entry current;
        while ((current = slots[i]) != null && current != TOMBSTONE) {
            i = (i + 1) & mask;
        }
        if (current == TOMBSTONE) {
            this.tombstones--;
        }
        SLOTS.setRelease(slots, i, entry);
        this.size++;
    }

    /**
     * Removes an entry, found by identity. Only under the store's lock.
     * @param entry an entry of this table
     * @return {@code false} if the table does not hold that very entry
     */
    boolean remove(Entry entry) {
        Entry[] slots = this.slots;
        int mask = slots.length - 1;
        int i = entry.hash & mask;
        Entry current;
        while ((current = slots[i]) != entry) {
            if (current == null) {
                return false;
            }
            i = (i + 1) & mask;
        }
        this.size--;
        if (slots[(i + 1) & mask] != null && needed(slots, i, mask)) {
            // A reader looking for a key stored beyond this slot must probe past it.
            SLOTS.setRelease(slots, i, TOMBSTONE);
            this.tombstones++;
            return true;
        }
        // No probe needs this slot (the end of a run, or no entry after it was probed past it), nor the tombstones
        // just before it.
        SLOTS.setRelease(slots, i, (Entry) null);
        for (int j = (i - 1) & mask; slots[j] == TOMBSTONE; j = (j - 1) & mask) {
            SLOTS.setRelease(slots, j, (Entry) null);
            this.tombstones--;
        }
        return true;
    }

    /**
     * Clears the tombstones that no probe needs among the next {@link #SWEEP_SLOTS} slots. A tombstone at {@code i} is
     * needed only by an entry stored after it in its run whose probe started at or before {@code i}; entries never
     * move, so once no such entry is there, no reader looking for a stored key reads past {@code i}.
     */
    private void sweep(Entry[] slots) {
        int mask = slots.length - 1;
        int i = this.sweepCursor & mask;
        for (int n = 0; n < SWEEP_SLOTS; n++, i = (i + 1) & mask) {
            if (slots[i] == TOMBSTONE && !needed(slots, i, mask)) {
                SLOTS.setRelease(slots, i, (Entry) null);
                this.tombstones--;
                // The tombstones just before it now end their run: no probe needs them either.
                for (int j = (i - 1) & mask; slots[j] == TOMBSTONE; j = (j - 1) & mask) {
                    SLOTS.setRelease(slots, j, (Entry) null);
                    this.tombstones--;
                }
            }
        }
        this.sweepCursor = i;
    }

    /** Whether an entry after the tombstone at {@code i} in its run was probed past it; when unsure, yes. */
    private static boolean needed(Entry[] slots, int i, int mask) {
        int read = 0;
        for (int j = (i + 1) & mask;; j = (j + 1) & mask) {
            Entry entry = slots[j];
            if (entry == null) {
                return false;
            }
            if (entry == TOMBSTONE) {
                continue;
            }
            if (++read > SWEEP_PROBE) {
                return true;
            }
            // The entry's probe went from its home slot to j; it read i if its home is i or before it.
            if (((j - (entry.hash & mask)) & mask) >= ((j - i) & mask)) {
                return true;
            }
        }
    }

    /**
     * Removes every entry. Only under the store's lock.
     * @return the slots the table held, which it no longer writes
     */
    Entry[] clear() {
        Entry[] held = this.slots;
        this.slots = new Entry[MIN_CAPACITY];
        this.size = 0;
        this.tombstones = 0;
        this.sweepCursor = 0;
        return held;
    }

    /** Whether a slot read from this table's slots holds an entry: neither empty nor a removed entry's tombstone. */
    static boolean isEntry(Entry slot) {
        return slot != null && slot != TOMBSTONE;
    }

    int size() {
        return this.size;
    }

    boolean isEmpty() {
        return this.size == 0;
    }

    /** How many times the table was rebuilt, for tests. */
    int rebuilds() {
        return this.rebuilds;
    }

    /** The number of slots. */
    int capacity() {
        return this.slots.length;
    }

    /**
     * Replaces the slots by a table without tombstones, sized for {@code entries} to fill at most a third of it, so
     * that at least a sixth of its slots take inserts or tombstones before the next rebuild: rebuilds cost O(1) per
     * insert, amortised.
     */
    private Entry[] rebuild(int entries) {
        if (entries > MAX_ENTRIES) {
            throw new IllegalStateException("A key space of a store holds at most " + MAX_ENTRIES + " entries");
        }
        int capacity = MIN_CAPACITY;
        while (capacity < 3L * entries) {
            capacity <<= 1;
        }
        return rebuildInto(new Entry[capacity]);
    }

    /**
     * Moves the entries into empty slots given, larger than the table's, so that the table need not grow into new
     * ones: a table that a cull of everything emptied, once counted. Only under the store's lock.
     * @param empty slots that are all {@code null}, a power of two in number, more than the table has, which no table
     *     uses
     */
    void growInto(Entry[] empty) {
        rebuildInto(empty);
    }

    private Entry[] rebuildInto(Entry[] rebuilt) {
        Entry[] old = this.slots;
        int mask = rebuilt.length - 1;
        for (Entry entry : old) {
            if (entry != null && entry != TOMBSTONE) {
                int i = entry.hash & mask;
                while (rebuilt[i] != null) {
                    i = (i + 1) & mask;
                }
                rebuilt[i] = entry;
            }
        }
        this.tombstones = 0;
        this.rebuilds++;
        // The volatile write publishes the plain stores above.
        this.slots = rebuilt;
        return rebuilt;
    }

    /**
     * The entries of the table as it is when the iteration starts. The writer may remove entries while it iterates:
     * removal never moves an entry, so every entry still there is visited once.
     */
    @Override
    public Iterator<Entry> iterator() {
        Entry[] slots = this.slots;
        return new Iterator<>() {

            private int index;

            private Entry next = advance();

            private Entry advance() {
                while (this.index < slots.length) {
                    Entry entry = (Entry) SLOTS.getAcquire(slots, this.index++);
                    if (entry != null && entry != TOMBSTONE) {
                        return entry;
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return this.next != null;
            }

            @Override
            public Entry next() {
                Entry entry = this.next;
                if (entry == null) {
                    throw new NoSuchElementException();
                }
                this.next = advance();
                return entry;
            }
        };
    }
}
