package dev.locmem.cache.locmem;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The victims of a large store's next cull, chosen ahead of it in small steps, so that the set that culls only
 * publishes a choice already made instead of passing over the whole store while every insert waits.
 *
 * <p><b>Steps.</b> Owned by one {@link LocMemStore} and run only by the holder of its lock, a few hundred entries at a
 * time on each insert of the last stretch before the store fills ({@link #advance}): a <i>scan</i> reads every entry's
 * stamp and deadline into arrays, a <i>selection</i> finds the stamp below which the cull's least recently used
 * victims lie (a radix selection, one histogram pass over the stamps per 16 bits of their spread, so that it too can
 * stop and resume anywhere), and the <i>marking</i> writes this preparation's number into each victim's
 * {@link Entry#doom}. Entries found expired by the scan are victims first, as in every cull. A few more entries, the
 * next least recently used, are kept aside as spares.
 *
 * <p><b>The cull itself</b> ({@link LocMemStore}): when the store is full, the store sets its {@code culled} mark to
 * this preparation's number, which makes every marked entry absent to every reader at once, and takes their number off
 * the count; the entries leave their tables later, a few hundred on each insert. A marked entry that left the store
 * before the cull (deleted, or removed as expired) is replaced by a spare, so the cull removes exactly as many entries
 * as {@link CullPolicy#victims} says.
 *
 * <p><b>What it gives up.</b> The victims are the least recently used <em>as of the scan</em>: a use between the scan
 * and the cull (the stretch of inserts that carries the preparation) no longer saves an entry, and an entry that
 * expires in that stretch stays until it is found or the next cull. Small stores, and every store of the model-based
 * test, cull exactly as Django does, in the set that finds them full; why large ones do not is measured in
 * docs/benchmarks.md (<i>Culls without pause</i>).
 */
final class CullPreparation {

    /** What the preparation is doing. */
    enum Phase {
        /** Nothing prepared. */
        IDLE,
        /** Reading the entries' stamps. */
        SCANNING,
        /** Finding the thresholds. */
        SELECTING,
        /** Marking the victims. */
        MARKING,
        /** Ready for the cull. */
        PREPARED
    }

    /**
     * Work units an insert does at least, once a preparation has started: small, so that the inserts that carry the
     * work stay short (their time is what the tail of the sets' latency is made of), at the price of a longer stretch
     * of inserts, and so of uses that the choice does not see.
     */
    static final int MIN_BUDGET = 64;

    /** Stamps in the selection's histogram: 16 bits of their spread per pass. */
    private static final int BUCKETS = 1 << 16;

    /** Stamps a histogram pass reads per work unit: a sequential read of an array, against a cache miss per entry. */
    private static final int STAMPS_PER_UNIT = 8;

    private Phase phase = Phase.IDLE;

    /** This preparation's number, never the store's current {@code culled} mark while the preparation runs. */
    private byte generation;

    /** How many entries the cull is expected to take: the victims of a full store. */
    private int predicted;

    private long workLeft;

    // The scan.
    private KeySpace[] spaces;

    private int spaceIndex;

    private Iterator<Entry> cursor;

    private EntryChunks live;

    private EntryChunks expired;

    private long minStamp;

    private long maxStamp;

    // The selection.
    private Selection victims;

    private Selection spares;

    private int passIndex;

    // The marking.
    private int markIndex;

    private int victimTies;

    private int spareTies;

    private EntryChunks doomed;

    private Entry[] spareEntries;

    private int spareSize;

    private int spareIndex;

    /** Marked entries still in the store, by what the scan found them: live, or expired. */
    private int liveDoomed;

    private int expiredDoomed;

    Phase phase() {
        return this.phase;
    }

    byte generation() {
        return this.generation;
    }

    /**
     * How many inserts ahead of the cull a preparation starts, for a store of {@code count} entries: the inserts that
     * its work takes at {@link #MIN_BUDGET} units an insert, and a quarter more.
     */
    static int lead(int count) {
        return (int) Math.min(Integer.MAX_VALUE, 5 * estimate(count) / (4 * MIN_BUDGET) + 1);
    }

    /**
     * Work units of a whole preparation of {@code count} entries: scan, up to four passes, marking (which reads only
     * the victims and spares, at most all of them).
     */
    private static long estimate(int count) {
        return 2L * count + 5L * count / STAMPS_PER_UNIT;
    }

    /**
     * Starts preparing the cull of a store, over the spaces it holds now.
     * @param spaces the store's spaces
     * @param generation the number to mark victims with: not the store's {@code culled} mark
     * @param predicted how many entries the cull will take
     * @param count the store's count
     */
    void start(List<KeySpace> spaces, byte generation, int predicted, int count) {
        this.phase = Phase.SCANNING;
        this.generation = generation;
        this.predicted = predicted;
        this.workLeft = estimate(count);
        this.spaces = spaces.toArray(new KeySpace[0]);
        this.spaceIndex = 0;
        this.cursor = null;
        this.live = new EntryChunks(true);
        this.expired = new EntryChunks(false);
        this.minStamp = Long.MAX_VALUE;
        this.maxStamp = Long.MIN_VALUE;
    }

    /**
     * The units of work an insert does now, with {@code inserts} inserts left before the cull: enough to be done
     * with a quarter of them to spare, and never less than {@link #MIN_BUDGET}.
     */
    int budget(int inserts) {
        long share = this.workLeft / Math.max(1, inserts - inserts / 4);
        return (int) Math.min(Integer.MAX_VALUE, Math.max(MIN_BUDGET, share + 1));
    }

    /**
     * Does up to {@code budget} units of work.
     * @param now ticker time now, for the scan's expiry check
     * @param budget units: one per entry read, one per {@link #STAMPS_PER_UNIT} stamps of a pass
     */
    void step(long now, int budget) {
        int left = budget;
        while (left > 0) {
            switch (this.phase) {
                case SCANNING -> left = scan(now, left);
                case SELECTING -> left = select(left);
                case MARKING -> left = mark(left);
                default -> {
                    return;
                }
            }
        }
    }

    /** Runs what is left of the preparation at once. */
    void finish(long now) {
        while (this.phase != Phase.PREPARED && this.phase != Phase.IDLE) {
            step(now, Integer.MAX_VALUE);
        }
    }

    private int scan(long now, int budget) {
        int left = budget;
        while (left > 0) {
            if (this.cursor == null || !this.cursor.hasNext()) {
                if (this.spaceIndex == this.spaces.length) {
                    endScan();
                    return left;
                }
                this.cursor = this.spaces[this.spaceIndex++].entries.iterator();
                continue;
            }
            Entry entry = this.cursor.next();
            left--;
            this.workLeft--;
            // The table may have been rebuilt since the cursor started: it walks the slots it started with, which may
            // hold entries removed since.
            if (!entry.alive) {
                continue;
            }
            // Whatever an earlier preparation that never culled wrote.
            entry.doom = 0;
            if (entry.isExpired(now)) {
                this.expired.add(entry);
                continue;
            }
            long stamp = entry.stamp;
            this.live.add(entry, stamp);
            this.minStamp = Math.min(this.minStamp, stamp);
            this.maxStamp = Math.max(this.maxStamp, stamp);
        }
        return left;
    }

    private void endScan() {
        this.spaces = null;
        this.cursor = null;
        int size = this.live.size();
        int victims = Math.min(size, Math.max(0, this.predicted - this.expired.size()));
        int spares = Math.min(size - victims, 64 + victims / 32);
        this.victims = Selection.of(victims, size, this.minStamp, this.maxStamp);
        this.spares = Selection.of(victims + spares, size, this.minStamp, this.maxStamp);
        this.doomed = new EntryChunks(false);
        this.spareEntries = new Entry[spares];
        this.spareSize = 0;
        this.spareIndex = 0;
        this.liveDoomed = 0;
        this.expiredDoomed = 0;
        this.passIndex = 0;
        this.phase = Phase.SELECTING;
    }

    private int select(int budget) {
        Selection victims = this.victims;
        Selection spares = this.spares;
        if (victims.done && spares.done) {
            startMarking();
            return budget;
        }
        int size = this.live.size();
        int end = (int) Math.min(size, this.passIndex + (long) budget * STAMPS_PER_UNIT);
        for (int i = this.passIndex; i < end;) {
            long[] stamps = this.live.stampChunk(i / EntryChunks.CHUNK);
            int from = i % EntryChunks.CHUNK;
            int to = Math.min(EntryChunks.CHUNK, from + (end - i));
            for (int j = from; j < to; j++) {
                long stamp = stamps[j];
                victims.add(stamp);
                spares.add(stamp);
            }
            i += to - from;
        }
        int used = (end - this.passIndex + STAMPS_PER_UNIT - 1) / STAMPS_PER_UNIT;
        this.workLeft -= used;
        this.passIndex = end;
        if (end == size) {
            victims.endPass();
            spares.endPass();
            this.passIndex = 0;
        }
        return budget - Math.max(1, used);
    }

    private void startMarking() {
        this.victimTies = this.victims.ties;
        this.spareTies = this.spares.ties;
        this.markIndex = 0;
        // The expired ones first: they go whatever their stamps.
        for (int i = 0; i < this.expired.size(); i++) {
            Entry entry = this.expired.get(i);
            if (entry.alive) {
                entry.doom = this.generation;
                this.doomed.add(entry);
                this.expiredDoomed++;
            }
        }
        this.workLeft -= this.expired.size();
        this.expired = null;
        this.phase = Phase.MARKING;
    }

    private int mark(int budget) {
        int left = budget;
        long victimThreshold = this.victims.threshold;
        long spareThreshold = this.spares.threshold;
        while (left > 0) {
            if (this.markIndex == this.live.size()) {
                this.live = null;
                this.victims = null;
                this.spares = null;
                this.phase = Phase.PREPARED;
                return left;
            }
            int i = this.markIndex++;
            long stamp = this.live.stamp(i);
            // Ties at a threshold are taken in scan order, as many as the selection counted; both counts cover every
            // entry at the threshold, victims included, so the two walks stay in step.
            boolean victim = stamp < victimThreshold || (stamp == victimThreshold && this.victimTies > 0);
            if (stamp == victimThreshold && victim) {
                this.victimTies--;
            }
            boolean spare = stamp < spareThreshold || (stamp == spareThreshold && this.spareTies > 0);
            if (stamp == spareThreshold && spare) {
                this.spareTies--;
            }
            if (!victim && !spare) {
                // Decided by the stamp alone: the entry itself, a cache miss in a large store, is not read.
                if ((i & (STAMPS_PER_UNIT - 1)) == 0) {
                    left--;
                    this.workLeft--;
                }
                continue;
            }
            left--;
            this.workLeft--;
            Entry entry = this.live.get(i);
            if (!entry.alive) {
                continue;
            }
            if (victim) {
                entry.doom = this.generation;
                this.doomed.add(entry);
                this.liveDoomed++;
            }
            else if (spare) {
                this.spareEntries[this.spareSize++] = entry;
            }
        }
        return left;
    }

    /**
     * Told of every entry that leaves the store before the cull, so that the count of marked entries stays exact.
     * @param entry the entry removed
     * @param expired whether it went as expired
     */
    void removed(Entry entry, boolean expired) {
        if ((this.phase != Phase.MARKING && this.phase != Phase.PREPARED) || entry.doom != this.generation) {
            return;
        }
        if ((expired && this.expiredDoomed > 0) || this.liveDoomed == 0) {
            this.expiredDoomed--;
        }
        else {
            this.liveDoomed--;
        }
    }

    /** Marked entries still in the store. */
    int doomedAlive() {
        return this.liveDoomed + this.expiredDoomed;
    }

    int liveDoomed() {
        return this.liveDoomed;
    }

    int expiredDoomed() {
        return this.expiredDoomed;
    }

    /**
     * Marks spares until {@code needed} marked entries are in the store, or the spares run out.
     * @return whether there are enough now
     */
    boolean fill(int needed) {
        if (doomedAlive() < needed && this.spareIndex == 0) {
            // Rare (a marked entry left the store): the spares in their order of use, oldest first.
            Arrays.sort(this.spareEntries, 0, this.spareSize, (a, b) -> Long.compare(a.stamp, b.stamp));
        }
        while (doomedAlive() < needed && this.spareIndex < this.spareSize) {
            Entry spare = this.spareEntries[this.spareIndex++];
            if (spare.alive) {
                spare.doom = this.generation;
                this.doomed.add(spare);
                this.liveDoomed++;
            }
        }
        return doomedAlive() >= needed;
    }

    /**
     * Hands the marked entries over for removal and starts over; only when {@link Phase#PREPARED}.
     * @return the marked entries, some of which may have left the store already
     */
    EntryChunks takeDoomed() {
        EntryChunks doomed = this.doomed;
        reset();
        return doomed;
    }

    /** Drops whatever was prepared; marks left behind are rewritten by the next scan before they could match. */
    void reset() {
        this.phase = Phase.IDLE;
        this.spaces = null;
        this.cursor = null;
        this.live = null;
        this.expired = null;
        this.victims = null;
        this.spares = null;
        this.doomed = null;
        this.spareEntries = null;
        this.liveDoomed = 0;
        this.expiredDoomed = 0;
    }

    /**
     * The {@code rank}-th smallest stamp (0-based), found one 16-bit digit of the stamps' spread per pass: each pass
     * counts the stamps of the current range into {@link #BUCKETS} buckets, and the next range is the bucket that
     * holds the rank. A pass can stop and resume at any stamp.
     */
    private static final class Selection {

        private final long rank;

        private long low;

        private long high;

        /** Stamps below {@link #low}. */
        private long below;

        private int shift;

        private int[] histogram;

        boolean done;

        /** Taking every stamp below it, and {@link #ties} of those equal to it, takes {@code rank + 1} stamps. */
        long threshold;

        int ties;

        private Selection(long rank, long low, long high) {
            this.rank = rank;
            this.low = low;
            this.high = high;
            level();
        }

        /** The selection of the {@code count} smallest of {@code size} stamps between {@code min} and {@code max}. */
        static Selection of(int count, int size, long min, long max) {
            if (count == 0) {
                return done(Long.MIN_VALUE, 0);
            }
            if (count == size) {
                return done(max, Integer.MAX_VALUE);
            }
            return new Selection(count - 1, min, max);
        }

        private static Selection done(long threshold, int ties) {
            Selection selection = new Selection(0, 0, 0);
            selection.threshold = threshold;
            selection.ties = ties;
            return selection;
        }

        private void level() {
            long spread = this.high - this.low;
            if (spread == 0) {
                this.done = true;
                this.threshold = this.low;
                this.ties = (int) (this.rank - this.below + 1);
                this.histogram = null;
                return;
            }
            this.shift = Math.max(0, 64 - Long.numberOfLeadingZeros(spread) - 16);
            if (this.histogram == null) {
                this.histogram = new int[BUCKETS];
            }
            else {
                Arrays.fill(this.histogram, 0);
            }
        }

        void add(long stamp) {
            if (!this.done && stamp >= this.low && stamp <= this.high) {
                this.histogram[(int) ((stamp - this.low) >>> this.shift)]++;
            }
        }

        void endPass() {
            if (this.done) {
                return;
            }
            long wanted = this.rank - this.below;
            long seen = 0;
            int[] histogram = this.histogram;
            for (int b = 0; b < BUCKETS; b++) {
                if (seen + histogram[b] > wanted) {
                    long low = this.low + ((long) b << this.shift);
                    this.high = Math.min(this.high, low + ((1L << this.shift) - 1));
                    this.low = low;
                    this.below += seen;
                    break;
                }
                seen += histogram[b];
            }
            level();
        }
    }
}
