package dev.locmem.cache.locmem;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The entries that a cull emptying the whole store (cull-frequency 0 or 1) took, until each is counted: as an
 * expiration if it was expired at the cull, else as an eviction, as the other culls count.
 *
 * <p>Why apart from the cull: the cull itself only ends the tables' eras ({@link KeySpace#clear()}), which takes no
 * time whatever the store holds; telling expired from live entries is a pass over every slot, which at a million
 * entries held the set that culled for hundreds of milliseconds. That pass is done here instead, a bounded number of
 * slots at a time by the inserts after the cull ({@link #countSome}), and finished at once by whoever reads the
 * statistics ({@link #countAll}), so that they are always exact. No insert waits for the counting: it skips its share
 * while a reader of the statistics counts.
 *
 * <p>The tables kept here are no longer written by a table: their entries are reachable only by operations that
 * found them before the cull, which then find them not alive. Each slot is emptied once counted, and a table counted
 * to its end goes back to its space ({@link #takeEmptied}), which moves the few entries inserted since the cull into
 * it: the store's refill then goes on in a table of the size it had, instead of growing one from the smallest size,
 * which at a million entries copies most of them in one insert. A reader that was still probing such a table when the
 * cull emptied it finds an empty slot and misses, as if it had read after the cull.
 */
final class ClearedEntries {

    private final LongAdder evictions;

    private final LongAdder expirations;

    private final ReentrantLock lock = new ReentrantLock();

    /** Guarded by {@link #lock}. */
    private final ArrayDeque<Cleared> uncounted = new ArrayDeque<>();

    /** Tables counted and emptied, until the store takes them; guarded by {@link #lock}. */
    private final List<Table> emptied = new ArrayList<>();

    /** Whether {@link #emptied} holds a table; read by every insert without the lock. */
    private volatile boolean anyEmptied;

    /** Whether anything is left to count; read by every insert without the lock. */
    private volatile boolean pending;

    /**
     * @param evictions the store's count of live entries culled
     * @param expirations the store's count of expired entries removed
     */
    ClearedEntries(LongAdder evictions, LongAdder expirations) {
        this.evictions = evictions;
        this.expirations = expirations;
    }

    /**
     * Keeps the tables of one cull to be counted.
     * @param tables what the spaces held
     * @param now ticker time of the cull: an entry expired then counts as an expiration
     * @param culled the store's mark at the cull: entries carrying it were culled (and counted) before
     */
    void add(List<Table> tables, long now, byte culled) {
        this.lock.lock();
        try {
            this.uncounted.add(new Cleared(tables.toArray(new Table[0]), now, culled));
            this.pending = true;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Counts up to {@code slots} slots, unless another thread is counting. */
    void countSome(int slots) {
        if (this.pending && this.lock.tryLock()) {
            try {
                count(slots);
            }
            finally {
                this.lock.unlock();
            }
        }
    }

    /** Counts whatever is left, so that the store's counts are exact. */
    void countAll() {
        if (this.pending) {
            this.lock.lock();
            try {
                count(Integer.MAX_VALUE);
            }
            finally {
                this.lock.unlock();
            }
        }
    }

    /**
     * The tables counted to their end, and so emptied, since the last call; none while a reader of the statistics is
     * counting (never waits for one).
     */
    List<Table> takeEmptied() {
        if (!this.anyEmptied || !this.lock.tryLock()) {
            return List.of();
        }
        try {
            List<Table> taken = List.copyOf(this.emptied);
            this.emptied.clear();
            this.anyEmptied = false;
            return taken;
        }
        finally {
            this.lock.unlock();
        }
    }

    private void count(int slots) {
        int left = slots;
        while (left > 0 && !this.uncounted.isEmpty()) {
            Cleared cleared = this.uncounted.peek();
            left = cleared.count(left, this.evictions, this.expirations, this.emptied::add);
            if (cleared.isDone()) {
                this.uncounted.poll();
            }
        }
        this.pending = !this.uncounted.isEmpty();
        this.anyEmptied = !this.emptied.isEmpty();
    }

    /**
     * The table a space held when a cull emptied it: every slot {@code null} once counted.
     * @param space the space whose table it was
     * @param slots the table's slots
     */
    record Table(KeySpace space, Entry[] slots) {
    }

    /** The tables of one cull and how far they are counted. */
    private static final class Cleared {

        private final Table[] tables;

        private final long now;

        private final byte culled;

        private int table;

        private int slot;

        Cleared(Table[] tables, long now, byte culled) {
            this.tables = tables;
            this.now = now;
            this.culled = culled;
        }

        /**
         * Counts up to {@code budget} slots, emptying each, and hands each table counted to its end to
         * {@code emptied}; returns what is left of the budget.
         */
        int count(int budget, LongAdder evictions, LongAdder expirations, Consumer<Table> emptied) {
            long evicted = 0;
            long expired = 0;
            int left = budget;
            while (left > 0 && this.table < this.tables.length) {
                Entry[] slots = this.tables[this.table].slots();
                int end = (int) Math.min(slots.length, (long) this.slot + left);
                for (int i = this.slot; i < end; i++) {
                    Entry entry = slots[i];
                    slots[i] = null;
                    if (EntryTable.isEntry(entry) && (entry.doom & CullPreparation.GENERATION) != this.culled) {
                        if (entry.isExpired(this.now)) {
                            expired++;
                        }
                        else {
                            evicted++;
                        }
                    }
                }
                left -= end - this.slot;
                this.slot = end;
                if (end == slots.length) {
                    emptied.accept(this.tables[this.table]);
                    this.tables[this.table] = null;
                    this.table++;
                    this.slot = 0;
                }
            }
            evictions.add(evicted);
            expirations.add(expired);
            return left;
        }

        boolean isDone() {
            return this.table == this.tables.length;
        }
    }
}
