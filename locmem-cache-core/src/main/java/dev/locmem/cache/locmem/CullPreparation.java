package dev.locmem.cache.locmem;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

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
 * <p><b>Uses of victims.</b> The victims are the least recently used <em>as of the scan</em>; a use between the scan
 * and the cull (the stretch of inserts that carries the preparation), which in Django moves the key to the end of its
 * order, saves the entry here too, as far as the spares last: the use {@linkplain #rescue notes} the victim, without
 * the store's lock, in a buffer of as many slots as there are spares, and the cull takes the least recently used
 * unused spare in the place of each noted victim. The spares are ordered by their stamps during the preparation (a
 * heap), so that a cull that saves victims reads only the spares it takes. See {@link Rescues} for why a use that
 * races with the cull either saves its entry or leaves it culled, and counted, with the others.
 *
 * <p><b>What it gives up.</b> Uses of more victims than there are spares to replace them (beyond what the victims that
 * left the store need), and of spares, are not seen: those victims go, and a used spare may go in the place of a
 * victim that left. An entry that expires in the stretch stays until it is found or the next cull. Small stores, and
 * every store of the model-based test, cull exactly as Django does, in the set that finds them full; why large ones do
 * not is measured in docs/benchmarks.md (<i>Culls without pause</i>).
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
        /** Ordering the spares by their stamps. */
        ORDERING,
        /** Ready for the cull. */
        PREPARED
    }

    /**
     * Work units an insert does at least, once a preparation has started: small, so that the inserts that carry the
     * work stay short (their time is what the tail of the sets' latency is made of), at the price of a longer stretch
     * of inserts, and so of uses that the choice does not see.
     */
    static final int MIN_BUDGET = 64;

    /**
     * Noted victims an insert saves at most once the preparation is done: few, for the reason of {@link #MIN_BUDGET},
     * and enough that the noted ones are saved long before the cull, which then only saves those noted since its
     * last insert (a save is two entries touched, a cache miss each in a large store).
     */
    static final int SAVES_PER_STEP = 8;

    /** Stamps in the selection's histogram: 16 bits of their spread per pass. */
    private static final int BUCKETS = 1 << 16;

    /** Stamps a histogram pass reads per work unit: a sequential read of an array, against a cache miss per entry. */
    private static final int STAMPS_PER_UNIT = 8;

    /**
     * The bit a use sets in a victim's {@link Entry#doom} to note it. Generations are 1 to 127, so a noted mark is
     * negative: never 0 and never a generation. The store compares marks with its {@code culled} mark only without
     * this bit, so that a noted victim the cull does not save is culled with the others.
     */
    static final int NOTED = 0x80;

    /** Everything of a mark but {@link #NOTED}: what the store's {@code culled} mark is compared with. */
    static final int GENERATION = 0x7F;

    private static final VarHandle DOOM;

    static {
        try {
            DOOM = MethodHandles.lookup().findVarHandle(Entry.class, "doom", byte.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

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

    /** The spares and their stamps as of the scan: a min-heap by stamp once {@link Phase#ORDERING} is done. */
    private Entry[] spareEntries;

    private long[] spareStamps;

    private int spareSize;

    /** The next node {@link Phase#ORDERING} sifts down, from the last parent to the root. */
    private int orderIndex;

    /** Spares taken out of the heap because they were used since the scan: a victim's replacement of last resort. */
    private Entry[] usedSpares;

    private int usedSize;

    private int usedIndex;

    /**
     * Where uses note this preparation's victims; set once marking starts, read by uses without the lock. A
     * preparation that is dropped leaves its buffer to readers that still hold it: what they note there is never
     * drained, and the next scan clears their marks.
     */
    private volatile Rescues rescues;

    /** Victims saved by this preparation so far. */
    private int saved;

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
     * the victims and spares, at most all of them), and ordering the spares (a unit a sift, for half of them).
     */
    private static long estimate(int count) {
        return 2L * count + 5L * count / STAMPS_PER_UNIT + count / 64;
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
                case ORDERING -> left = order(left);
                case PREPARED -> {
                    saveSome(now, SAVES_PER_STEP);
                    return;
                }
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
            if (!entry.isAlive()) {
                continue;
            }
            // Whatever an earlier preparation that never culled wrote, noted or not: no use notes it from now on,
            // since a use notes only the marks of the preparation whose buffer it reads, which has another number.
            entry.doom = 0;
            entry.expiredVictim = false;
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
        this.spareStamps = new long[spares];
        this.spareSize = 0;
        this.usedSpares = null;
        this.usedSize = 0;
        this.usedIndex = 0;
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
        // Before the first mark, so that every use of a marked entry finds the buffer.
        this.rescues = new Rescues(this.generation, this.spareEntries.length);
        this.saved = 0;
        // The expired ones first: they go whatever their stamps.
        for (int i = 0; i < this.expired.size(); i++) {
            Entry entry = this.expired.get(i);
            if (entry.isAlive()) {
                entry.expiredVictim = true;
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
                this.orderIndex = this.spareSize / 2 - 1;
                this.phase = Phase.ORDERING;
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
            if (!entry.isAlive()) {
                continue;
            }
            if (victim) {
                entry.doom = this.generation;
                this.doomed.add(entry);
                this.liveDoomed++;
            }
            else if (spare) {
                this.spareEntries[this.spareSize] = entry;
                this.spareStamps[this.spareSize++] = stamp;
            }
        }
        return left;
    }

    /**
     * Makes the spares a min-heap by their stamps as of the scan (Floyd's construction, one sift a unit), so that a
     * cull takes the oldest ones without sorting them while every insert waits.
     */
    private int order(int budget) {
        int left = budget;
        while (left > 0) {
            if (this.orderIndex < 0) {
                this.phase = Phase.PREPARED;
                return left;
            }
            siftDown(this.orderIndex--);
            left--;
            this.workLeft--;
        }
        return left;
    }

    private void siftDown(int from) {
        Entry[] entries = this.spareEntries;
        long[] stamps = this.spareStamps;
        int size = this.spareSize;
        Entry entry = entries[from];
        long stamp = stamps[from];
        int i = from;
        for (;;) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && stamps[child + 1] < stamps[child]) {
                child++;
            }
            if (stamps[child] >= stamp) {
                break;
            }
            entries[i] = entries[child];
            stamps[i] = stamps[child];
            i = child;
        }
        entries[i] = entry;
        stamps[i] = stamp;
    }

    /**
     * The least recently used spare that is still in the store and unused since the scan, taken out of the heap, or
     * {@code null}; the used ones met on the way are put aside.
     */
    private Entry takeUnusedSpare() {
        while (this.spareSize > 0) {
            Entry entry = this.spareEntries[0];
            long stamp = this.spareStamps[0];
            int last = --this.spareSize;
            this.spareEntries[0] = this.spareEntries[last];
            this.spareStamps[0] = this.spareStamps[last];
            this.spareEntries[last] = null;
            if (last > 0) {
                siftDown(0);
            }
            if (!entry.isAlive()) {
                continue;
            }
            if (entry.stamp != stamp) {
                if (this.usedSpares == null) {
                    this.usedSpares = new Entry[this.spareStamps.length];
                }
                this.usedSpares[this.usedSize++] = entry;
                continue;
            }
            return entry;
        }
        return null;
    }

    /**
     * A spare for a victim that left the store: the least recently used unused one, else, once they run out, the used
     * ones in their order of use, oldest first.
     */
    private Entry takeAnySpare() {
        Entry spare = takeUnusedSpare();
        if (spare != null) {
            return spare;
        }
        if (this.usedIndex == 0 && this.usedSize > 1) {
            // Rare: more victims left the store than unused spares remain.
            Arrays.sort(this.usedSpares, 0, this.usedSize, (a, b) -> Long.compare(a.stamp, b.stamp));
        }
        while (this.usedIndex < this.usedSize) {
            Entry used = this.usedSpares[this.usedIndex++];
            if (used.isAlive()) {
                return used;
            }
        }
        return null;
    }

    private void markSpare(Entry spare) {
        spare.expiredVictim = false;
        spare.doom = this.generation;
        this.doomed.add(spare);
        this.liveDoomed++;
    }

    /**
     * Told of every entry that leaves the store before the cull, so that the count of marked entries stays exact: it
     * is taken off the count that its marking put it in ({@link Entry#expiredVictim}), whatever it left as.
     * @param entry the entry removed
     */
    void removed(Entry entry) {
        if (this.phase != Phase.MARKING && this.phase != Phase.ORDERING && this.phase != Phase.PREPARED) {
            return;
        }
        // Noted or not (a use may note it concurrently): either way it is counted until now, and the entry being
        // retired, the cull's drain passes over it.
        if ((entry.doom & GENERATION) != this.generation) {
            return;
        }
        if (entry.expiredVictim) {
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
        // Rare: a marked entry left the store.
        while (doomedAlive() < needed) {
            Entry spare = takeAnySpare();
            if (spare == null) {
                return false;
            }
            markSpare(spare);
        }
        return true;
    }

    /**
     * Saves up to {@code most} of the victims noted so far, in the order they were noted, each in exchange for an
     * unused spare; only under the store's lock, once {@link Phase#PREPARED} (the spares are in their order then).
     * A slot claimed but not yet filled stops it until the next step: its use is still under way.
     */
    private void saveSome(long now, int most) {
        Rescues rescues = this.rescues;
        if (rescues == null) {
            return;
        }
        int claimed = rescues.claimed();
        for (int n = 0; n < most && rescues.drained < claimed; n++) {
            Entry entry = rescues.peek(rescues.drained);
            if (entry == null) {
                return;
            }
            rescues.drained++;
            if (!save(entry, now)) {
                return;
            }
        }
    }

    /** Victims this preparation has saved so far, for tests. */
    int saved() {
        return this.saved;
    }

    /**
     * Saves one noted victim in exchange for the least recently used unused spare.
     * @return {@code false} when the spares are out, and no more victims can be saved
     */
    private boolean save(Entry entry, long now) {
        // Retired: its removal took it off the count already. Still noted otherwise: only this lock's holder clears a
        // mark, and no use changes a noted one.
        if (!entry.isAlive() || entry.isExpired(now)) {
            return true;
        }
        Entry spare = takeUnusedSpare();
        if (spare == null) {
            // The approximation: this victim and the noted ones after it go with the others.
            return false;
        }
        markSpare(spare);
        entry.doom = 0;
        if (entry.expiredVictim) {
            this.expiredDoomed--;
        }
        else {
            this.liveDoomed--;
        }
        this.saved++;
        return true;
    }

    /**
     * Ends the uses' noting and saves the victims noted since the last insert's {@link #step}, as long as unused
     * spares last; only under the store's lock, in the cull, after {@link #fill} and before the cull is published.
     * @param now ticker time now: a noted victim that has expired since is not saved
     * @return how many victims this preparation saved, in its steps and now
     */
    int saveNoted(long now) {
        Rescues rescues = this.rescues;
        if (rescues == null) {
            return this.saved;
        }
        this.rescues = null;
        int noted = rescues.close();
        for (int i = rescues.drained; i < noted; i++) {
            Entry entry = rescues.take(i);
            if (entry != null && !save(entry, now)) {
                break;
            }
        }
        return this.saved;
    }

    /**
     * Notes a use of a marked entry, without the store's lock, so that the cull may save it; a stale mark (of a
     * preparation dropped since) is left for the next scan. Kept out of the callers' hit path: it runs only for
     * entries some preparation marked.
     * @param entry the entry used
     * @param doom its mark as the caller read it, after the store's {@code culled} mark, and not equal to it
     */
    void rescue(Entry entry, byte doom) {
        Rescues rescues = this.rescues;
        if (rescues != null && doom == rescues.generation) {
            rescues.note(entry);
        }
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
        this.spareStamps = null;
        this.spareSize = 0;
        this.usedSpares = null;
        this.usedSize = 0;
        this.usedIndex = 0;
        this.rescues = null;
        this.saved = 0;
        this.liveDoomed = 0;
        this.expiredDoomed = 0;
    }

    /**
     * The victims that uses noted during one preparation: a bounded buffer that uses fill without the store's lock and
     * the cull drains under it.
     *
     * <p><b>Protocol.</b> A use of a victim marked {@code g} (this buffer's generation) notes it in three steps: (1) it
     * changes the entry's mark from {@code g} to {@code g | NOTED} by compare-and-set, so that each victim is noted
     * once; (2) it claims a slot index; (3) it puts the entry in that slot by compare-and-set from empty. The cull, under
     * the store's lock and before it publishes its mark {@code g}, closes the buffer (the claim index goes to the
     * capacity, and it learns how many indexes were claimed), then, while unused spares last, empties each claimed
     * slot for good, taking what it holds, and saves an entry it takes by clearing its mark (a slot it does not reach
     * may still be filled, to no effect). Before that, once the preparation is done, each insert's step saves a few
     * noted victims from the slots in order without closing anything: a filled slot never changes while the buffer
     * is open, and an empty one below the claim index (a use between steps 2 and 3) stops the step until the next, so
     * that the cull itself has only the victims noted since the last insert to save. The cull reads marks without the
     * noted bit, so a victim that is noted and not saved is culled as any other. No step of a use is ever undone.
     *
     * <p><b>Interleavings</b>, for a use racing with the cull:
     * <ul>
     * <li>Step 1 after the cull's mark is published: the entry was culled, and stays so, noted or not; the use, which
     * read the store's mark before the cull, answers what it read, as a read just before the cull would.</li>
     * <li>Step 1 before, step 2 after the close: the index is at or past the capacity, the use stops; the entry is
     * noted, counted as a victim, culled.</li>
     * <li>Step 2 before the close, step 3 after the cull emptied the slot: step 3 fails, the use stops; as above.</li>
     * <li>Step 3 before the cull emptied the slot: the cull takes the entry and either saves it (clears its mark and
     * takes it off the victims' count) or, out of spares, leaves it noted and culled.</li>
     * <li>The buffer full (every index claimed) before the cull: as the second case, and the reason the cull saves no
     * more victims than the buffer holds.</li>
     * <li>The entry deleted or expired meanwhile: its removal, under the lock, took it off the count whether it was
     * noted or not, and the cull passes over a retired entry.</li>
     * </ul>
     * So at the cull every entry marked {@code g}, noted or not, is either saved (mark cleared, not counted) or counted
     * among the victims, and after it no mark changes but those of removed entries: the count stays the number of
     * entries not culled. A buffer whose preparation was dropped is never drained; a use still holding it can note
     * only marks of its generation, which the next scan has cleared (the next preparation has another number; a use
     * stalled between its read of the mark and step 1 for 127 preparations could note a later one's victim, which that
     * cull would then cull uncounted: no more likely than a thread stalled for minutes).
     */
    static final class Rescues {

        /** What a slot holds once the cull has emptied it: no use can fill it any more. */
        private static final Object CLOSED = new Object();

        final byte generation;

        private final int capacity;

        private final AtomicInteger claimed = new AtomicInteger();

        private final AtomicReferenceArray<Object> slots;

        Rescues(byte generation, int capacity) {
            this.generation = generation;
            this.capacity = capacity;
            this.slots = new AtomicReferenceArray<>(capacity);
        }

        /** A use's side; see the class Javadoc. */
        void note(Entry entry) {
            // Once full, no use changes a mark or the shared index any more.
            if (this.claimed.get() >= this.capacity
                    || !DOOM.compareAndSet(entry, this.generation, (byte) (this.generation | NOTED))) {
                return;
            }
            int index = this.claimed.getAndIncrement();
            if (index < this.capacity) {
                this.slots.compareAndSet(index, null, entry);
            }
        }

        /** Slots before it have been saved from or passed over; only the store lock's holder reads and writes it. */
        int drained;

        /** How many slot indexes uses have claimed so far, at most the capacity. */
        int claimed() {
            return Math.min(this.capacity, this.claimed.get());
        }

        /**
         * The entry noted in a slot, or {@code null} while the use that claimed it has not filled it yet; the buffer
         * stays open. A slot, once filled, never changes until the buffer is closed.
         */
        Entry peek(int index) {
            return (Entry) this.slots.get(index);
        }

        /**
         * Closes the buffer to uses; once, by the cull (a second close would answer the capacity).
         * @return how many slots were claimed: only those may hold entries
         */
        int close() {
            return Math.min(this.capacity, this.claimed.getAndSet(this.capacity));
        }

        /** Empties slot {@code index} of a closed buffer for good: the entry noted in it, or {@code null}. */
        Entry take(int index) {
            Object held = this.slots.getAndSet(index, CLOSED);
            return (held instanceof Entry entry) ? entry : null;
        }
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
