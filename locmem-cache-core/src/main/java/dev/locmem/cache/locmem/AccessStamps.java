package dev.locmem.cache.locmem;

/**
 * Records when an entry was last used, for least-recently-used culling: each use writes a {@code long} stamp that grows
 * with time into the entry.
 *
 * <p><b>Order.</b> Within one thread every stamp is larger than the one before, so a single-threaded program sees
 * Django's exact LRU order. Across threads stamps are ordered to the nearest {@code 2^20} ns (about a millisecond) of
 * {@linkplain Ticker ticker} time, and once a second thread reads an entry within {@link #SHARED_TICKS} such ticks
 * (about 16 ms) of its last use, the entry is <em>shared</em>: reads stamp it at most once every 16 ticks, until the
 * next write (set, incr), which always stamps. That is the "approximately LRU" of concurrent use.
 *
 * <p><b>Why reads by other threads skip recent entries.</b> A stamp is a write into the entry; when two cores read the
 * same entries, each such write takes the entry's cache line away from the other core, which must fetch it again on
 * its next read, from farther away than its own cache: on two cores, stamping on every read made two threads, in
 * some runs, no faster than one (the measurements are in docs/benchmarks.md, <i>Shared stamps</i>). An entry used less
 * than ~16 ms ago is in no danger of a cull unless the whole store turns over that fast, so the skipped stamps change
 * little a cull would decide, while the line stays clean in both cores' caches.
 *
 * <p><b>Why not one shared counter.</b> Every use would write the same cache line. Each thread writes a counter of its
 * own {@linkplain ThreadStripe stripe} instead, padded apart from the others; no use takes a lock or an atomic
 * read-modify-write. Threads that share a stripe count as one thread here: they may hand out equal stamps, and their
 * reads always stamp, which only blurs the order between them or costs the speed of the shared-read rule.
 */
final class AccessStamps {

    /** Ticker nanoseconds per stamp "tick" (~1 ms). */
    private static final int TIME_SHIFT = 20;

    /** Room for stamps within one tick: 4M uses a millisecond a thread before a stamp runs ahead of the clock. */
    private static final int SEQUENCE_BITS = 22;

    /** How many ticks (~1 ms each) a use by one thread keeps an entry from being re-stamped by another's read. */
    static final int SHARED_TICKS = 16;

    /** The owner of an entry that several stripes read recently: no stripe's read re-stamps it until its stamp ages. */
    static final byte SHARED = -1;

    /** Longs between two stripes' counters: 128 bytes, two cache lines, so neighbours never share one. */
    private static final int PAD = 16;

    private static final long[] counters = new long[(ThreadStripe.COUNT + 1) * PAD];

    private AccessStamps() {
    }

    /**
     * Records a read of an entry at ticker time {@code now}. The entry's owner is the stripe that stamped it last, or
     * {@link #SHARED} once a second stripe read it while its stamp was recent. A read by the owner stamps it; a read
     * by another stripe stamps it only when the stamp is {@link #SHARED_TICKS} old, and otherwise marks it shared. A
     * shared entry stays shared until a write, so that its reads, by any thread, stamp it at most once every
     * {@code SHARED_TICKS}. Plain reads and writes, no lock.
     */
    static void read(Entry entry, long now) {
        read(entry, now, ThreadStripe.current());
    }

    /** {@link #read(Entry, long)} by a thread that knows its {@linkplain ThreadStripe stripe} already. */
    static void read(Entry entry, long now, int stripe) {
        int owner = entry.stripe;
        if (owner != stripe && entry.stamp - floor(now - ((long) SHARED_TICKS << TIME_SHIFT)) >= 0) {
            if (owner != SHARED) {
                // From now on no read, the former owner's included, stamps it more than once every SHARED_TICKS.
                entry.stripe = SHARED;
            }
            return;
        }
        entry.stamp = next(stripe, now);
        if (owner != SHARED) {
            entry.stripe = (byte) stripe;
        }
        // A shared entry stays shared: its reads stamp it at most once every SHARED_TICKS, until a write.
    }

    /** Records a write of an entry at ticker time {@code now}: always stamps it. */
    static void write(Entry entry, long now) {
        int stripe = ThreadStripe.current();
        entry.stamp = next(stripe, now);
        entry.stripe = (byte) stripe;
    }

    /**
     * The next stamp of the calling thread at ticker time {@code now}; for tests. Plain reads and writes: the counter
     * is as good as thread-confined, and a lost update between two threads of one stripe only repeats a stamp.
     */
    static long next(long now) {
        return next(ThreadStripe.current(), now);
    }

    private static long next(int stripe, long now) {
        int index = (stripe + 1) * PAD;
        long[] counters = AccessStamps.counters;
        long stamp = counters[index] + 1;
        long floor = floor(now);
        if (stamp < floor) {
            stamp = floor;
        }
        counters[index] = stamp;
        return stamp;
    }

    /** The smallest stamp of the tick of {@code now}. */
    private static long floor(long now) {
        return (now >> TIME_SHIFT) << SEQUENCE_BITS;
    }
}
