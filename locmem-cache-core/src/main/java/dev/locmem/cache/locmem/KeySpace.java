package dev.locmem.cache.locmem;

/**
 * The entries of a {@link LocMemStore} whose made keys share one head: Django's {@code "prefix:version:"}, keyed by the
 * rest, that is the caller's own key. Entries of keys made by a custom key function live in the space with head
 * {@code ""}, keyed by the whole made key.
 *
 * <p>Why: a read then looks up the very string the caller passed, whose hash the string caches and which
 * {@code String.equals} compares with one intrinsic, instead of building {@code prefix + ":" + version + ":" + key}
 * or comparing it in pieces; that lookup is most of the cost of a hit. The made key of an entry is
 * {@code head + key}.
 *
 * <p>A space that a cache reads without a lock (its own version's) is {@linkplain #pinned pinned} for as long as the
 * store lives; other spaces are dropped under the store's lock once empty, so that versions moved away from by
 * {@code incrVersion} do not keep their tables.
 */
public final class KeySpace {

    final String head;

    final EntryTable entries = new EntryTable();

    /** Set once, by a cache that keeps a reference to this space; a pinned space is never dropped. */
    volatile boolean pinned;

    /** The era that new entries join; guarded by the store's lock. */
    private Era era = new Era(this);

    KeySpace(String head) {
        this.head = head;
    }

    /** The era that an entry inserted now joins; under the store's lock. */
    Era era() {
        return this.era;
    }

    /**
     * Removes every entry at once, under the store's lock: the table starts over empty and the era of the entries
     * it held ends, so that each of them stops being {@linkplain Entry#isAlive() alive} without being visited. A
     * writer that found one of them before the clear then looks its key up again, as it does for a retired entry.
     * @return the slots the table held, for a count of what was removed
     */
    Entry[] clear() {
        Era ended = this.era;
        this.era = new Era(this);
        ended.ended = true;
        return this.entries.clear();
    }

    /**
     * The entries of a space between two clears. Why not retire each entry: at a million entries, visiting each under
     * its monitor held the set that cleared for hundreds of milliseconds (docs/benchmarks.md).
     */
    static final class Era {

        final KeySpace space;

        /** Set once, when a clear ends the era; its entries are then no longer in the table. */
        volatile boolean ended;

        Era(KeySpace space) {
            this.space = space;
        }
    }

    /**
     * The head that every made key of this space starts with.
     * @return {@code "prefix:version:"}, or {@code ""} for the space of custom key functions
     */
    public String head() {
        return this.head;
    }

    @Override
    public String toString() {
        return "KeySpace['" + this.head + "', " + this.entries.size() + " entries]";
    }
}
