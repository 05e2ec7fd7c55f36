package dev.locmem.cache;

/**
 * A snapshot of a cache's statistics, for metrics.
 *
 * <p>{@code hits}, {@code misses} and {@code puts} count this cache's own calls. {@code evictions} (entries culled),
 * {@code expirations} (expired entries removed) and {@code size} describe the store, which every cache of the same
 * location shares. Counters are read one after another without a lock, so a snapshot taken under load is not one
 * instant; each counter on its own only grows.
 *
 * @param hits reads that found a live value
 * @param misses reads that found none
 * @param puts values stored
 * @param evictions entries removed by culling
 * @param expirations expired entries removed
 * @param size entries in the store now
 */
public record CacheStats(long hits, long misses, long puts, long evictions, long expirations, long size) {

    /**
     * The share of reads that hit.
     * @return hits / (hits + misses), or 1 when there were no reads
     */
    public double hitRate() {
        long requests = this.hits + this.misses;
        return (requests == 0) ? 1.0 : (double) this.hits / requests;
    }
}
