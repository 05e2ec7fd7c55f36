package dev.locmem.cache.locmem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * A cache's counts of hits, misses and puts: exact, and on the read path without an atomic instruction.
 *
 * <p><b>Why not a {@link LongAdder}.</b> Its increment is an atomic read-modify-write, on x86 a locked instruction and
 * so a full fence: the processor may not overlap the next lookup's cache misses with this one. On reads of a large
 * cache that fence was a measurable share of a hit (docs/benchmarks.md). Here each {@linkplain ThreadStripe stripe}
 * has a padded cell, owned by one thread at a time, which adds with a plain read and an opaque write: exact, because
 * nobody else writes that cell. Threads that find their stripe's cell owned by another thread count in a
 * {@code LongAdder}, as before.
 *
 * <p><b>Owners.</b> The first thread to count on a stripe owns its cell. A cell whose owner has ended is taken over by
 * a thread of the same stripe, which checks its owner's {@link Thread#isAlive()} on about one in
 * {@value #TAKEOVER_ODDS} of its counts in the adder: the check is a native call, too slow to make on every count,
 * and a thread's end happens-before another thread sees it ended, so the new owner reads the last count the old one
 * wrote. Pools that replace their threads, or virtual threads, thus keep the cells in use; until a cell is taken over,
 * it holds on to its ended owner's {@code Thread} object.
 *
 * <p>{@link #hits()} and the others sum the cells and the adder without a lock: under load the sum is not one instant,
 * but each cell only grows and, once the counting threads have stopped, the sum is exact.
 */
public final class CallCounters {

    private static final VarHandle OWNERS = MethodHandles.arrayElementVarHandle(Thread[].class);

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

    /** Longs between two stripes' cells: 128 bytes, two cache lines, so neighbours never share one. */
    private static final int PAD = 16;

    private static final int HITS = 0;

    private static final int MISSES = 1;

    private static final int PUTS = 2;

    /** One in how many counts in the adder checks whether the stripe's owner has ended. */
    static final int TAKEOVER_ODDS = 256;

    /**
     * The owner of each stripe's cell, or {@code null} while it has none. Written only when a cell is claimed or taken
     * over, so that the array stays in every core's cache and the check on each count costs a compare.
     */
    private final Thread[] owners = new Thread[ThreadStripe.COUNT];

    /** One cell of {@link #PAD} longs a stripe, and a cell's worth of padding before the first. */
    private final long[] cells = new long[(ThreadStripe.COUNT + 1) * PAD];

    /** The counts of threads whose stripe's cell another thread owns; indexed by the counts' positions in a cell. */
    private final LongAdder[] overflow = { new LongAdder(), new LongAdder(), new LongAdder() };

    /** Creates counters that are all zero. */
    public CallCounters() {
    }

    /**
     * Counts a read, a hit or a miss, by a thread of stripe {@code stripe}.
     * @param stripe {@link ThreadStripe#current()}
     * @param hit whether the read found a live value
     */
    public void read(int stripe, boolean hit) {
        add(stripe, hit ? HITS : MISSES);
    }

    /** Counts a value stored. */
    public void put() {
        add(ThreadStripe.current(), PUTS);
    }

    /**
     * The count of reads that found a live value so far.
     * @return the sum over every stripe
     */
    public long hits() {
        return sum(HITS);
    }

    /**
     * The count of reads that found none so far.
     * @return the sum over every stripe
     */
    public long misses() {
        return sum(MISSES);
    }

    /**
     * The count of values stored so far.
     * @return the sum over every stripe
     */
    public long puts() {
        return sum(PUTS);
    }

    /** The thread that owns the cell of stripe {@code stripe}, or {@code null}; for tests. */
    Thread ownerOf(int stripe) {
        return (Thread) OWNERS.getAcquire(this.owners, stripe);
    }

    private void add(int stripe, int count) {
        Thread thread = Thread.currentThread();
        Thread owner = (Thread) OWNERS.getAcquire(this.owners, stripe);
        if (owner == thread || ((owner == null || mayTakeOver(owner))
                && OWNERS.compareAndSet(this.owners, stripe, owner, thread))) {
            long[] cells = this.cells;
            int index = (stripe + 1) * PAD + count;
            // The only writer of this cell: no read-modify-write needed, only a write others can read whole.
            CELLS.setOpaque(cells, index, cells[index] + 1);
        }
        else {
            this.overflow[count].increment();
        }
    }

    /** Whether the owner has ended, checked on one in {@link #TAKEOVER_ODDS} calls. */
    private static boolean mayTakeOver(Thread owner) {
        return ThreadLocalRandom.current().nextInt(TAKEOVER_ODDS) == 0 && !owner.isAlive();
    }

    private long sum(int count) {
        long[] cells = this.cells;
        long sum = this.overflow[count].sum();
        for (int cell = PAD; cell < cells.length; cell += PAD) {
            sum += (long) CELLS.getOpaque(cells, cell + count);
        }
        return sum;
    }
}
