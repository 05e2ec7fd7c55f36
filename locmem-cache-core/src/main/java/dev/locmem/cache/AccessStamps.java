package dev.locmem.cache;

/**
 * Hands out the stamps that record when an entry was last used, for least-recently-used culling.
 *
 * <p>A stamp is a {@code long} that grows with time: within one thread every stamp is larger than the one before, so
 * a single-threaded program sees Django's exact LRU order; across threads stamps are ordered to the nearest
 * {@code 2^20} ns (about a millisecond) of {@linkplain Ticker ticker} time, which is the "approximately LRU" that
 * concurrent use gets.
 *
 * <p>Why not one shared counter: every read would write the same cache line and two cores would queue on it. Each
 * thread writes a counter of its own stripe instead, chosen by thread id and padded apart from the others; no read
 * takes a lock or an atomic read-modify-write. Two threads that share a stripe may hand out equal stamps, which only
 * blurs the order between them.
 */
final class AccessStamps {

    /** Ticker nanoseconds per stamp "tick" (~1 ms). */
    private static final int TIME_SHIFT = 20;

    /** Room for stamps within one tick: 4M uses a millisecond a thread before a stamp runs ahead of the clock. */
    private static final int SEQUENCE_BITS = 22;

    /** Longs between two stripes' counters: 128 bytes, two cache lines, so neighbours never share one. */
    private static final int PAD = 16;

    private static final int STRIPES = stripes();

    private static final long[] counters = new long[(STRIPES + 1) * PAD];

    private AccessStamps() {
    }

    /**
     * The next stamp of the calling thread at ticker time {@code now}. Plain reads and writes: the counter is as good
     * as thread-confined, and a lost update between two threads of one stripe only repeats a stamp.
     */
    static long next(long now) {
        int index = (stripe(Thread.currentThread().getId()) + 1) * PAD;
        long[] counters = AccessStamps.counters;
        long stamp = counters[index] + 1;
        long floor = (now >> TIME_SHIFT) << SEQUENCE_BITS;
        if (stamp < floor) {
            stamp = floor;
        }
        counters[index] = stamp;
        return stamp;
    }

    private static int stripe(long threadId) {
        return (int) ((threadId * 0x9E3779B97F4A7C15L) >>> 40) & (STRIPES - 1);
    }

    private static int stripes() {
        int wanted = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        return Integer.highestOneBit(wanted - 1) << 1;
    }
}
