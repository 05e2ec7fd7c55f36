package dev.locmem.cache;

/**
 * One stored value: the node of a {@link KeySpace}'s {@link EntryTable}, which holds entries directly.
 *
 * <p>Readers take no lock: they read {@link #deadline} and then {@link #value}, both volatile. Writers change an
 * entry only while holding its monitor and while it is {@link #alive}, and they write {@code value} before
 * {@code deadline}, so a reader that sees a live deadline sees the value that came with it or a newer one. An entry
 * is retired (marked not alive, under its monitor) before it leaves the map; a writer that finds a retired entry looks
 * the key up again.
 */
final class Entry {

    /** The space the entry lives in; its made key is {@code space.head + key}. */
    final KeySpace space;

    /** The key within {@link #space}: the caller's key, or the whole made key in the custom key function's space. */
    final String key;

    /** {@link EntryTable#hash(String) The table's hash} of {@link #key}. */
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

    /** Guarded by this entry's monitor. */
    boolean alive = true;

    Entry(KeySpace space, String key, int hash, Object value, long deadline) {
        this.space = space;
        this.key = key;
        this.hash = hash;
        this.value = value;
        this.deadline = deadline;
    }

    /** The key as Django's key function made it. */
    String madeKey() {
        return this.space.head + this.key;
    }

    boolean isExpired(long now) {
        return now - this.deadline >= 0 && this.deadline != Long.MAX_VALUE;
    }
}
