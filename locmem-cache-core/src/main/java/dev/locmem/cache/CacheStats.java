package dev.locmem.cache;

/**
 * A snapshot of a cache's statistics, for metrics.
 *
 * <p>{@code hits}, {@code misses} and {@code puts} count this cache's own calls. {@code evictions} (entries culled),
 * {@code expirations} (expired entries removed) and {@code size} describe the store, which every cache of the same
 * location shares. Counters are read one after another without a lock, so a snapshot taken under load is not one
 * instant; each counter on its own only grows. A backend that does not count says so with {@link #UNKNOWN}, and one
 * that counts its calls but cannot see its store (Redis) with a {@code size} of -1: see {@link #countsCalls()} and
 * {@link #knowsStore()}.
 *
 * @param hits reads that found a live value
 * @param misses reads that found none
 * @param puts values stored
 * @param evictions entries removed by culling
 * @param expirations expired entries removed
 * @param size entries in the store now
 */
public record CacheStats(long hits, long misses, long puts, long evictions, long expirations, long size) {

    /** The statistics of a backend that keeps none: every figure -1. */
    public static final CacheStats UNKNOWN = new CacheStats(-1, -1, -1, -1, -1, -1);

    /**
     * Whether the backend counted its hits, misses and puts.
     * @return {@code false} for {@link #UNKNOWN}
     */
    public boolean countsCalls() {
        return this.hits >= 0;
    }

    /**
     * Whether the backend knows its store: its size, evictions and expirations.
     * @return {@code true} when the size is known
     */
    public boolean knowsStore() {
        return this.size >= 0;
    }

    /**
     * The share of reads that hit.
     * @return hits / (hits + misses), 1 when there were no reads, or NaN when the backend does not count
     */
    public double hitRate() {
        if (!countsCalls()) {
            return Double.NaN;
        }
        long requests = this.hits + this.misses;
        return (requests == 0) ? 1.0 : (double) this.hits / requests;
    }
}
