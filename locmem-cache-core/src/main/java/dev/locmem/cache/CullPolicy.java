package dev.locmem.cache;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Chooses which entries a cull removes: the {@code count} with the smallest {@linkplain Entry#stamp stamps}, that is
 * the least recently used.
 *
 * <p>Why a selection instead of an LRU list: Django culls in batches (a third of the store by default), so finding
 * the k oldest stamps in O(n) once per cull costs O(cull-frequency) per insert, amortized, and lets reads record an
 * access with one plain write instead of relinking a shared list under a lock.
 */
final class CullPolicy {

    private CullPolicy() {
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
