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

    KeySpace(String head) {
        this.head = head;
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
