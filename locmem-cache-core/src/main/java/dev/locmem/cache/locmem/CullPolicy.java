package dev.locmem.cache.locmem;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A cache's cull policy, Django's {@code _cull} and the test in {@code _set} that calls it: when a store is full
 * ({@link #isDue}), how many entries go ({@link #victims}), and which live entries those are
 * ({@link #leastRecentlyUsed}, the ones with the smallest {@linkplain Entry#stamp stamps}). The store carries out what
 * this decides, removing expired entries first (they can never be read again) and then the live victims chosen here.
 *
 * <p>Each cache has its own policy, as each Django {@code LocMemCache} has its own {@code _max_entries} and
 * {@code _cull_frequency} over a shared {@code _caches[name]}: caches of one location with different settings each
 * apply theirs when they insert. Immutable.
 *
 * <p>Why a selection instead of an LRU list: Django culls in batches (a third of the store by default), so finding
 * the k oldest stamps in O(n) once per cull costs O(cull-frequency) per insert, amortized, and lets reads record an
 * access with one plain write instead of relinking a shared list under a lock.
 */
public final class CullPolicy {

    private final int maxEntries;

    private final int cullFrequency;

    /**
     * Creates a policy; the one place where the two settings' ranges are checked.
     * @param maxEntries at least 1: a store holding this many entries culls before an insert
     * @param cullFrequency 0 or more: a cull removes 1/cullFrequency of the store, or all of it for 0
     * @throws IllegalArgumentException when either is out of range, naming it
     */
    public CullPolicy(int maxEntries, int cullFrequency) {
        this.maxEntries = checkMaxEntries(maxEntries);
        this.cullFrequency = checkCullFrequency(cullFrequency);
    }

    /**
     * Checks a max-entries setting: a store must be allowed at least one entry.
     * @param maxEntries the setting
     * @return {@code maxEntries}
     * @throws IllegalArgumentException when it is less than 1
     */
    public static int checkMaxEntries(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("max-entries must be at least 1, but was " + maxEntries
                    + ": a store must be allowed at least one entry");
        }
        return maxEntries;
    }

    /**
     * Checks a cull-frequency setting: a cull cannot remove a negative share of the store.
     * @param cullFrequency the setting
     * @return {@code cullFrequency}
     * @throws IllegalArgumentException when it is negative
     */
    public static int checkCullFrequency(int cullFrequency) {
        if (cullFrequency < 0) {
            throw new IllegalArgumentException("cull-frequency must be 0 or more, but was " + cullFrequency
                    + ": a cull cannot remove a negative share of the store");
        }
        return cullFrequency;
    }

    /**
     * The most entries a store keeps when a cache of this policy stores a new key.
     * @return max-entries
     */
    public int maxEntries() {
        return this.maxEntries;
    }

    /**
     * What share of the store a cull removes: 1/cull-frequency, or everything for 0.
     * @return cull-frequency
     */
    public int cullFrequency() {
        return this.cullFrequency;
    }

    /**
     * Whether a store of {@code count} entries culls before any set, even of an existing key, as Django's
     * {@code _set} does.
     */
    boolean isDue(int count) {
        return count >= this.maxEntries;
    }

    /** Whether a cull removes everything: cull-frequency 0. */
    boolean clearsAll() {
        return this.cullFrequency == 0;
    }

    /**
     * How many entries a cull of a store of {@code count} entries removes, expired ones included; only when
     * {@link #clearsAll()} is false. Django removes {@code count / cullFrequency}; the {@code max(1, ...)} keeps the
     * bound when cull-frequency exceeds max-entries, where Django's store would creep past it.
     */
    int victims(int count) {
        return Math.max(1, count / this.cullFrequency);
    }

    /**
     * The {@code victims} least recently used of {@code live}, by their stamps at one instant.
     * @param live candidates, all alive
     * @param victims how many to choose, {@code 1 <= victims <= live.size()}
     * @return the entries to remove
     */
    static List<Entry> leastRecentlyUsed(List<Entry> live, int victims) {
        int size = live.size();
        // Readers keep writing stamps during a cull: decide on one snapshot, kept in the second half of the buffer.
        // The buffer is not kept between culls: it would cost 16 bytes an entry for as long as the store lives.
        long[] buffer = new long[2 * size];
        for (int i = 0; i < size; i++) {
            long stamp = live.get(i).stamp;
            buffer[i] = stamp;
            buffer[size + i] = stamp;
        }
        long threshold = threshold(buffer, size, victims);
        int atThreshold = victims;
        for (int i = 0; i < size; i++) {
            if (buffer[size + i] < threshold) {
                atThreshold--;
            }
        }
        // Every entry older than the threshold, then just enough of the ones stamped exactly at it.
        List<Entry> chosen = new ArrayList<>(victims);
        for (int i = 0; i < size; i++) {
            long stamp = buffer[size + i];
            if (stamp < threshold || (stamp == threshold && atThreshold-- > 0)) {
                chosen.add(live.get(i));
            }
        }
        return chosen;
    }

    /**
     * Returns the stamp {@code t} such that removing every entry stamped below {@code t}, then entries stamped
     * exactly {@code t} until {@code count} are removed, removes the {@code count} least recently used.
     * @param stamps the stamps of the candidates; reordered in place
     * @param length how many of {@code stamps} are candidates
     * @param count how many to remove, {@code 1 <= count <= length}
     */
    static long threshold(long[] stamps, int length, int count) {
        return select(stamps, 0, length - 1, count - 1);
    }

    @Override
    public String toString() {
        return "CullPolicy[maxEntries=" + this.maxEntries + ", cullFrequency=" + this.cullFrequency + "]";
    }

    /** Hoare's quickselect with random pivots: the k-th smallest (0-based) of {@code a[lo..hi]}. */
    private static long select(long[] a, int lo, int hi, int k) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (lo < hi) {
            long pivot = a[lo + random.nextInt(hi - lo + 1)];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long swap = a[i];
                    a[i] = a[j];
                    a[j] = swap;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            }
            else if (k >= i) {
                lo = i;
            }
            else {
                return a[k];
            }
        }
        return a[k];
    }
}
