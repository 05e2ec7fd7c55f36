package dev.locmem.cache.locmem;

/**
 * A growable list of entries, and their stamps if wanted, kept in chunks of {@link #CHUNK} elements for the cull
 * of a large store.
 *
 * <p>Why chunks: one array of a million entries or stamps is a "humongous" object for G1 (at least half a region),
 * allocated straight in the old generation and reclaimed only by a later collection; a cull of a large store would make
 * several such arrays each time. Chunks of a few ten kilobytes are ordinary young objects, and the list grows without
 * copying what it holds. Only the holder of the store's lock uses one.
 */
final class EntryChunks {

    private static final int SHIFT = 13;

    /** Elements a chunk: 32 KiB of references, 64 KiB of stamps. */
    static final int CHUNK = 1 << SHIFT;

    private static final int MASK = CHUNK - 1;

    private Entry[][] entries = new Entry[4][];

    private long[][] stamps;

    private int size;

    /** An empty list; with {@code withStamps}, each entry is added with a stamp. */
    EntryChunks(boolean withStamps) {
        if (withStamps) {
            this.stamps = new long[4][];
        }
    }

    int size() {
        return this.size;
    }

    void add(Entry entry) {
        int chunk = this.size >>> SHIFT;
        if ((this.size & MASK) == 0) {
            grow(chunk);
        }
        this.entries[chunk][this.size & MASK] = entry;
        this.size++;
    }

    void add(Entry entry, long stamp) {
        int chunk = this.size >>> SHIFT;
        if ((this.size & MASK) == 0) {
            grow(chunk);
        }
        this.entries[chunk][this.size & MASK] = entry;
        this.stamps[chunk][this.size & MASK] = stamp;
        this.size++;
    }

    private void grow(int chunk) {
        if (chunk == this.entries.length) {
            this.entries = java.util.Arrays.copyOf(this.entries, chunk * 2);
            if (this.stamps != null) {
                this.stamps = java.util.Arrays.copyOf(this.stamps, chunk * 2);
            }
        }
        this.entries[chunk] = new Entry[CHUNK];
        if (this.stamps != null) {
            this.stamps[chunk] = new long[CHUNK];
        }
    }

    Entry get(int index) {
        return this.entries[index >>> SHIFT][index & MASK];
    }

    long stamp(int index) {
        return this.stamps[index >>> SHIFT][index & MASK];
    }

    /** Lets the collector have an entry already dealt with. */
    void clear(int index) {
        this.entries[index >>> SHIFT][index & MASK] = null;
    }

    /** The stamps of chunk {@code chunk}, of which the first {@code min(CHUNK, size - chunk * CHUNK)} are used. */
    long[] stampChunk(int chunk) {
        return this.stamps[chunk];
    }
}
