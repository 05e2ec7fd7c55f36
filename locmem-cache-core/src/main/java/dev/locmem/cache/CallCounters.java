package dev.locmem.cache;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * A cache's counts of hits, misses and puts: exact, and on the read path without an atomic instruction.
 *
 * <p><b>Why not a {@link LongAdder}.</b> Its increment is an atomic read-modify-write, on x86 a locked instruction and
 * so a full fence: the processor may not overlap the next lookup's cache misses with this one. On reads of a large
 * cache that fence was a measurable share of a hit (docs/benchmarks.md). Here each {@linkplain ThreadStripe stripe}
 * has a padded cell that the first thread to count on it claims for good; the owner adds with a plain read and an
 * opaque write, which is exact because nobody else ever writes that cell. Threads that find their stripe's cell owned
 * by another thread count in a {@code LongAdder}, as before.
 *
 * <p>A cell stays with its thread after the thread ends (ids are never reused while a thread lives, so a cell never
 * has two live writers). With many short-lived threads, later threads therefore count in the adders: exact still,
 * only without the saving.
 *
 * <p>{@link #hits()} and the others sum the cells and the adder without a lock: under load the sum is not one instant,
 * but it never goes back and, once the counting threads have stopped, it is exact.
 */
final class CallCounters {

    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

    /** Longs between two stripes' cells: 128 bytes, two cache lines, so neighbours never share one. */
    private static final int PAD = 16;

    /** Where in a stripe's cell its owner's thread id is; 0 while no thread owns it (ids start at 1). */
    private static final int OWNER = 0;

    private static final int HITS = 1;

    private static final int MISSES = 2;

    private static final int PUTS = 3;

    /** One cell of {@link #PAD} longs a stripe, and a cell's worth of padding before the first. */
    private final long[] cells = new long[(ThreadStripe.COUNT + 1) * PAD];

    /** The counts of threads whose stripe's cell another thread owns; indexed by the counts' positions in a cell. */
    private final LongAdder[] overflow = { null, new LongAdder(), new LongAdder(), new LongAdder() };

    /**
     * Counts a read that found a live value, by a thread of stripe {@code stripe}.
     * @param stripe {@link ThreadStripe#current()}
     */
    void hit(int stripe) {
        add(stripe, HITS);
    }

    /** Counts a read that found no live value. */
    void miss() {
        add(ThreadStripe.current(), MISSES);
    }

    /** Counts a value stored. */
    void put() {
        add(ThreadStripe.current(), PUTS);
    }

    long hits() {
        return sum(HITS);
    }

    long misses() {
        return sum(MISSES);
    }

    long puts() {
        return sum(PUTS);
    }

    private void add(int stripe, int count) {
        long[] cells = this.cells;
        int cell = (stripe + 1) * PAD;
        long thread = Thread.currentThread().getId();
        long owner = (long) CELLS.getOpaque(cells, cell + OWNER);
        if (owner == thread || (owner == 0 && CELLS.compareAndSet(cells, cell + OWNER, 0L, thread))) {
            // The only writer of this cell: no read-modify-write needed, only a write others can read whole.
            CELLS.setOpaque(cells, cell + count, cells[cell + count] + 1);
        }
        else {
            this.overflow[count].increment();
        }
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
