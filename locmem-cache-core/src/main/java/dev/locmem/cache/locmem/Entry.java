package dev.locmem.cache.locmem;

import dev.locmem.cache.KeyEncoding;

/**
 * One stored value: the node of a {@link KeySpace}'s {@link EntryTable}, which holds entries directly.
 *
 * <p>Readers take no lock: they read {@link #deadline} and then {@link #value}, both volatile. Writers change an
 * entry only while holding its monitor and while it is {@link #alive}, and they write {@code value} before
 * {@code deadline}, so a reader that sees a live deadline sees the value that came with it or a newer one. An entry
 * is retired (marked not alive, under its monitor) before it leaves the map, or dies with every other entry of its
 * space at once when a clear ends the space's {@linkplain KeySpace.Era era}; a writer that finds an entry not
 * {@linkplain #isAlive() alive} looks the key up again.
 */
final class Entry {

    /** The era of the space the entry lives in; its made key is {@code era.space.head + key}. */
    final KeySpace.Era era;

    /**
     * The key within its space: the caller's key, or in the custom key functions' space a {@link MadeKey} of
     * the made key and the caller's key.
     */
    final Object key;

    /** {@link EntryTable#hash(Object) The table's hash} of {@link #key}. */
    final int hash;

    volatile Object value;

    /** Ticker time at which the value expires; {@link Long#MAX_VALUE} for never. */
    volatile long deadline;

    /**
     * When the entry was last used (see {@link AccessStamps}). Written without ordering by every reader: a stale
     * stamp seen by a cull only blurs LRU order, which is approximate under concurrency anyway.
     */
    long stamp;

    /**
     * The stripe of the thread that wrote {@link #stamp}, or {@link AccessStamps#SHARED} once several threads read
     * the entry; written without ordering, as the stamp.
     */
    byte stripe;

    /** Guarded by this entry's monitor; {@link #isAlive()} is what tells whether the entry is in its table. */
    boolean alive = true;

    /**
     * The preparation of a cull that chose this entry as a victim, or 0 (see {@link CullPreparation}); read after the
     * store's {@code culled} mark, which publishes it. The entry is culled once the store's mark equals it, less its
     * {@linkplain CullPreparation#noted noted} bit, before it leaves its table. Written by the holder of the store's
     * lock, except for the one change a use of a victim makes without it, through {@link CullPreparation}'s
     * compare-and-set: from the preparation's number to the same number noted.
     */
    byte doom;

    /**
     * Whether the preparation that marked this entry found it expired, so that the entry is taken off the right one
     * of its counts when it leaves or is saved; guarded by the store's lock.
     */
    boolean expiredVictim;

    /**
     * An entry of a space's current era.
     * @param space the space, {@code null} only for the table's tombstone, which is never alive
     */
    Entry(KeySpace space, Object key, int hash, Object value, long deadline) {
        this.era = (space != null) ? space.era() : null;
        this.key = key;
        this.hash = hash;
        this.value = value;
        this.deadline = deadline;
    }

    /** The key as the key function made it; for a key that has no text, its {@code String.valueOf}. */
    String madeKey() {
        if (this.key instanceof MadeKey made) {
            return made.made();
        }
        String text = KeyEncoding.encodeOrNull(this.key);
        return this.era.space.head + ((text != null) ? text : String.valueOf(this.key));
    }

    /** Whether the entry is in its table: not retired, and its space not cleared since it was inserted. */
    boolean isAlive() {
        return this.alive && !this.era.ended;
    }

    boolean isExpired(long now) {
        return now - this.deadline >= 0 && this.deadline != Long.MAX_VALUE;
    }
}
