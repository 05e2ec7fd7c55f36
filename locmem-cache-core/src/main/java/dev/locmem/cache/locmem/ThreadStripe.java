package dev.locmem.cache.locmem;

/**
 * The stripe of a thread: a small number, fixed for the thread's life, that spreads the per-thread state of
 * {@link AccessStamps} and {@link CallCounters} over as many padded slots as there are stripes.
 *
 * <p>Threads are spread by a hash of their id; two threads may share a stripe. Each user of stripes says what sharing
 * costs it.
 */
public final class ThreadStripe {

    /** How many stripes there are: a power of two, four per processor, at least 8 and at most 128. */
    public static final int COUNT = count();

    private ThreadStripe() {
    }

    /**
     * The stripe of the calling thread.
     * @return a number in {@code [0, COUNT)}
     */
    public static int current() {
        return of(Thread.currentThread());
    }

    /**
     * The stripe of a thread, started or not.
     * @param thread a thread
     * @return a number in {@code [0, COUNT)}
     */
    public static int of(Thread thread) {
        return (int) ((thread.getId() * 0x9E3779B97F4A7C15L) >>> 40) & (COUNT - 1);
    }

    private static int count() {
        int wanted = Math.max(8, Runtime.getRuntime().availableProcessors() * 4);
        // At most 128, so that a stripe fits the byte an entry keeps it in.
        return Math.min(128, Integer.highestOneBit(wanted - 1) << 1);
    }
}
