package dev.locmem.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;

/**
 * The longest set and the longest get while a cache culls, at 10^4, 10^5 and 10^6 entries, with the collector's
 * pauses told apart: one writer fills a new cache with {@code max} new keys and then {@link #CULLS} culls' worth more
 * (Django's cull takes a third, cull-frequency 3), timing every set with {@link System#nanoTime()}, while one reader
 * beside it gets keys of the newer half of what was written, timing every get.
 *
 * <p>Every operation slower than {@link #SLOW_NANOS} is kept with its start and end, and every collector pause is
 * kept from the JVM's GC notifications; an operation's time <em>without GC</em> is its time less its overlap with the
 * pauses. For LocMemCache, the sets that culled (the store was full before them) are reported apart: they are what
 * issue 16 bounds. Caffeine evicts on its maintenance executor; ConcurrentHashMap never evicts but resizes its table;
 * both are there as references. Before measuring, each candidate runs twice at 10^5 entries, to compile the code
 * paths; then the candidates take turns, round by round, at each size.
 *
 * <p>On a machine of two cores a thread that the system takes off its core shows as a slow operation too: the writer,
 * the reader, the collector's threads and Caffeine's maintenance share two cores. The culling sets of LocMemCache are
 * therefore reported with their own time and GC overlap, apart from the longest set of any kind.
 *
 * <p>{@code java -Xms4g -Xmx4g -cp benchmarks.jar dev.locmem.benchmarks.CullPause [out.json [sizes [rounds
 * [cull-frequency]]]]}, sizes comma-separated (default {@code 10000,100000,1000000}), rounds a size (default 3),
 * LocMemCache's cull-frequency (default Django's, 3; 0 and 1 empty the store at each cull).
 */
public final class CullPause {

    static final int CULLS = 4;

    /** LocMemCache's cull-frequency in this run. */
    private static int cullFrequency = LocMemCache.DEFAULT_CULL_FREQUENCY;

    /** Operations slower than this are kept one by one, for their overlap with collector pauses. */
    static final long SLOW_NANOS = 1_000_000;

    private CullPause() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = (args.length > 1) ? Arrays.stream(args[1].split(",")).mapToInt(Integer::parseInt).toArray()
                : new int[] { 10_000, 100_000, 1_000_000 };
        int rounds = (args.length > 2) ? Integer.parseInt(args[2]) : 3;
        cullFrequency = (args.length > 3) ? Integer.parseInt(args[3]) : LocMemCache.DEFAULT_CULL_FREQUENCY;
        int largest = Arrays.stream(sizes).max().getAsInt();
        String[] keys = Workloads.keys(total(largest));
        List<String> names = List.of(Candidates.LOCMEM, Candidates.CAFFEINE, Candidates.CHM);
        GcPauses pauses = new GcPauses();
        for (int w = 0; w < 2; w++) {
            for (String name : names) {
                run(name, 100_000, keys, pauses);
            }
        }
        Map<String, Object> bySize = new LinkedHashMap<>();
        for (int size : sizes) {
            Map<String, Object> results = new LinkedHashMap<>();
            for (String name : names) {
                results.put(name, new ArrayList<>());
            }
            // Candidates take turns round by round, so that each sees the machine's phases alike.
            for (int r = 0; r < rounds; r++) {
                for (String name : names) {
                    Map<String, Object> round = run(name, size, keys, pauses);
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) results.get(name);
                    list.add(round);
                    System.out.printf("%8d %-9s round %d: %s%n", size, name, r + 1, round);
                }
            }
            bySize.put(Integer.toString(size), results);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sizes", Arrays.stream(sizes).boxed().toList());
        out.put("culls", CULLS);
        out.put("cullFrequency", cullFrequency);
        out.put("unit", "microseconds");
        out.put("gcClockUncertaintyMicros", pauses.uncertaintyNanos() / 1000);
        out.put("collectors", ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList());
        out.put("results", bySize);
        if (args.length > 0) {
            Json.write(args[0], out);
        }
    }

    /** Keys for the fill and {@link #CULLS} culls of a third each. */
    private static int total(int max) {
        return max + CULLS * (max / 3 + 1) + 16;
    }

    /** {@link System#nanoTime()} at the JVM's start, to within the millisecond of the runtime bean's uptime. */
    private static final long NANOS_AT_START = System.nanoTime()
            - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L;

    /** One slow operation. */
    private record Slow(long start, long end, boolean cull, boolean full) {

        long nanos() {
            return this.end - this.start;
        }
    }

    /** Times of the reader, kept apart from the writer's. */
    private static final class Reader extends Thread {

        private final BenchCache cache;

        private final String[] keys;

        private final int window;

        private final AtomicBoolean stop = new AtomicBoolean();

        volatile int written;

        volatile boolean running;

        /** Set by the writer once the cache is full: from then on the gets are "during culls". */
        volatile boolean culling;

        final List<Slow> slow = new ArrayList<>();

        long gets;

        long longest;

        Reader(BenchCache cache, String[] keys, int window) {
            super("cull-pause-reader");
            setDaemon(true);
            this.cache = cache;
            this.keys = keys;
            this.window = window;
        }

        @Override
        public void run() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Object sink = null;
            this.running = true;
            while (!this.stop.get()) {
                int written = this.written;
                if (written < 2) {
                    Thread.onSpinWait();
                    continue;
                }
                int from = Math.max(0, written - this.window);
                String key = this.keys[from + random.nextInt(written - from)];
                boolean culling = this.culling;
                long start = System.nanoTime();
                sink = this.cache.get(key);
                long end = System.nanoTime();
                if (culling) {
                    this.gets++;
                    long nanos = end - start;
                    this.longest = Math.max(this.longest, nanos);
                    if (nanos > SLOW_NANOS) {
                        this.slow.add(new Slow(start, end, false, true));
                    }
                }
            }
            if (sink == this) {
                System.out.print("");
            }
        }

        void finish() throws InterruptedException {
            this.stop.set(true);
            join();
        }
    }

    private static Map<String, Object> run(String name, int max, String[] keys, GcPauses pauses) throws Exception {
        int count = total(max);
        boolean locMem = name.equals(Candidates.LOCMEM);
        BenchCache cache = locMem
                ? Candidates.locMem(LocMemCache.builder().stores(LocMemStores.create()).maxEntries(max)
                        .cullFrequency(cullFrequency).build())
                : Candidates.create(name, max);
        long[] nanos = new long[count];
        List<Slow> slow = new ArrayList<>();
        Reader reader = new Reader(cache, keys, max / 2);
        reader.start();
        while (!reader.running) {
            Thread.onSpinWait();
        }
        long[] cullNanos = new long[CULLS + 2];
        int culls = 0;
        int firstFull = -1;
        pauses.clear();
        long roundStart = System.nanoTime();
        for (int i = 0; i < count; i++) {
            boolean culling = locMem && cache.size() >= max;
            long start = System.nanoTime();
            cache.put(keys[i], Workloads.VALUE);
            long end = System.nanoTime();
            long elapsed = end - start;
            nanos[i] = elapsed;
            if (culling && culls < cullNanos.length) {
                cullNanos[culls++] = elapsed;
            }
            if (elapsed > SLOW_NANOS || culling) {
                slow.add(new Slow(start, end, culling, firstFull >= 0));
            }
            if (firstFull < 0 && i + 1 >= max) {
                firstFull = i + 1;
                reader.culling = true;
            }
            if ((i & 255) == 0) {
                reader.written = i + 1;
            }
        }
        long roundEnd = System.nanoTime();
        reader.finish();
        cache.close();
        // Let the last notifications arrive.
        Thread.sleep(50);
        List<long[]> gc = pauses.between(roundStart, roundEnd + 50_000_000L);

        long[] culled = Arrays.copyOfRange(nanos, firstFull, count);
        Arrays.sort(culled);
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("sets", count);
        round.put("setsWhileFull", culled.length);
        round.put("longestSetMicros", micros(longest(slow, nanos)));
        round.put("longestSetWithoutGcMicros", micros(longestWithoutGc(slow, gc, false)));
        round.put("longestSetWhileFullMicros", micros(culled[culled.length - 1]));
        Slow slowest = slowestWhileFull(slow, gc);
        round.put("longestSetWhileFullWithoutGcMicros", micros(longestWhileFullWithoutGc(slowest, gc, culled)));
        // The set of the figure above whenever it was over SLOW_NANOS.
        round.put("slowestSetWhileFullAtUptimeSeconds", Math.round(atUptime(slowest) * 1000) / 1000.0);
        round.put("p999SetMicros", culled[(int) (culled.length * 0.999)] / 1000.0);
        round.put("p99SetMicros", culled[(int) (culled.length * 0.99)] / 1000.0);
        round.put("medianSetNanos", culled[culled.length / 2]);
        if (locMem) {
            round.put("cullingSets", culls);
            round.put("longestCullMicros", micros(Arrays.stream(cullNanos, 0, culls).max().orElse(0)));
            round.put("longestCullWithoutGcMicros", micros(longestWithoutGc(slow, gc, true)));
            round.put("cullMicros", Arrays.stream(cullNanos, 0, culls).map(CullPause::micros).boxed().toList());
        }
        round.put("getsWhileFull", reader.gets);
        round.put("longestGetMicros", micros(reader.longest));
        round.put("longestGetWithoutGcMicros", micros(Math.max(longestWithoutGc(reader.slow, gc, false),
                (reader.longest > SLOW_NANOS) ? 0 : reader.longest)));
        round.put("gcPauses", gc.size());
        round.put("gcLongestMillis", gc.stream().mapToLong((p) -> p[2]).max().orElse(0));
        round.put("gcTotalMillis", gc.stream().mapToLong((p) -> p[2]).sum());
        return round;
    }

    private static long micros(long nanos) {
        return nanos / 1000;
    }

    private static long longest(List<Slow> slow, long[] nanos) {
        long longest = 0;
        for (long n : nanos) {
            longest = Math.max(longest, n);
        }
        return longest;
    }

    /**
     * The longest of the slow operations (only the culling ones, with {@code cullsOnly}) less their overlap with the
     * collector's pauses.
     */
    private static long longestWithoutGc(List<Slow> slow, List<long[]> gc, boolean cullsOnly) {
        long longest = 0;
        for (Slow op : slow) {
            if (cullsOnly && !op.cull()) {
                continue;
            }
            longest = Math.max(longest, withoutGc(op, gc));
        }
        return longest;
    }

    /** An operation's time less its overlap with the collector's pauses. */
    private static long withoutGc(Slow op, List<long[]> gc) {
        long overlap = 0;
        for (long[] pause : gc) {
            overlap += Math.max(0, Math.min(op.end(), pause[1]) - Math.max(op.start(), pause[0]));
        }
        return op.nanos() - overlap;
    }

    /**
     * The kept set (slow, or culling) that took longest once the cache was full, less the collector's pauses;
     * {@code null} if none was kept.
     */
    private static Slow slowestWhileFull(List<Slow> slow, List<long[]> gc) {
        Slow slowest = null;
        long longest = Long.MIN_VALUE;
        for (Slow op : slow) {
            long nanos = op.full() ? withoutGc(op, gc) : Long.MIN_VALUE;
            if (nanos > longest) {
                longest = nanos;
                slowest = op;
            }
        }
        return slowest;
    }

    /**
     * When a set began, in seconds of the JVM's uptime: the scale of {@code -Xlog}'s {@code uptime} decoration, so
     * that a run with {@code -Xlog:safepoint} shows which safepoint, if any, held it (the collector's beans report
     * only some of them). To within a few milliseconds; -1 for none.
     */
    private static double atUptime(Slow op) {
        return (op != null) ? (op.start() - NANOS_AT_START) / 1e9 : -1;
    }

    /**
     * The longest set once the cache was full, less its overlap with the collector's pauses: that of
     * {@code slowest} ({@link #slowestWhileFull}), or the longest of those under {@link #SLOW_NANOS}, which were not
     * kept one by one.
     */
    private static long longestWhileFullWithoutGc(Slow slowest, List<long[]> gc, long[] sortedWhileFull) {
        long longest = (slowest != null) ? Math.max(0, withoutGc(slowest, gc)) : 0;
        for (int i = sortedWhileFull.length - 1; i >= 0; i--) {
            if (sortedWhileFull[i] <= SLOW_NANOS) {
                return Math.max(longest, sortedWhileFull[i]);
            }
        }
        return longest;
    }

    /**
     * The collector's pauses, from its notifications, on the {@link System#nanoTime()} scale.
     *
     * <p>A notification gives a pause's start and end in milliseconds from an origin of the JVM's own, which on JDK 17
     * is not the origin of {@link java.lang.management.RuntimeMXBean#getUptime()}: mapped through uptime, as this
     * did before, the pauses came out about 140 ms early, so most of a set that a pause stopped was counted as the
     * set's own time. The origin is therefore measured: one {@link System#gc()}, timed with {@code nanoTime}, must
     * lie within that call, which bounds the origin from both sides; every pause is then widened by what the bounds
     * leave unknown, so that none is cut short.
     *
     * <p>G1's remark and cleanup pauses are not notified on JDK 17: one of them counts as the operations' own time,
     * against the candidate, not for it.
     */
    private static final class GcPauses {

        private final List<long[]> pauses = new ArrayList<>();

        /** {@code nanoTime} at the notifications' zero, to within {@link #uncertainty}. */
        private volatile long origin;

        private volatile long uncertainty;

        /** The calibrating collection's start and end, in the notifications' milliseconds; -1 until notified. */
        private volatile long calibrationStart = -1;

        private volatile long calibrationEnd = -1;

        GcPauses() throws InterruptedException {
            for (GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) bean).addNotificationListener((notification, handback) -> {
                    if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                            .from((CompositeData) notification.getUserData());
                    // Concurrent cycles are reported by some collectors too; only pauses stop the application.
                    if (info.getGcCause().equals("No GC") || info.getGcName().contains("Concurrent")) {
                        return;
                    }
                    if (info.getGcCause().equals("System.gc()") && this.calibrationStart < 0) {
                        this.calibrationEnd = info.getGcInfo().getEndTime();
                        this.calibrationStart = info.getGcInfo().getStartTime();
                        return;
                    }
                    // The millisecond clock rounds down: a pause may end up to a millisecond after its stated end.
                    long start = this.origin + info.getGcInfo().getStartTime() * 1_000_000L - this.uncertainty;
                    long end = this.origin + (info.getGcInfo().getEndTime() + 1) * 1_000_000L + this.uncertainty;
                    synchronized (this.pauses) {
                        this.pauses.add(new long[] { start, end, info.getGcInfo().getDuration() });
                    }
                }, null, null);
            }
            calibrate();
        }

        private void calibrate() throws InterruptedException {
            long before = System.nanoTime();
            System.gc();
            long after = System.nanoTime();
            while (this.calibrationStart < 0) {
                Thread.sleep(1);
            }
            // The collection began at or after `before` and ended at or before `after`; each stated time may be up to
            // a millisecond before the real one.
            long earliest = before - (this.calibrationStart + 1) * 1_000_000L;
            long latest = after - this.calibrationEnd * 1_000_000L;
            this.origin = (earliest + latest) / 2;
            this.uncertainty = Math.max(0, (latest - earliest) / 2);
        }

        /** What the mapping of the notifications' clock leaves unknown, either way. */
        long uncertaintyNanos() {
            return this.uncertainty;
        }

        void clear() {
            synchronized (this.pauses) {
                this.pauses.clear();
            }
        }

        List<long[]> between(long from, long to) {
            synchronized (this.pauses) {
                return this.pauses.stream().filter((p) -> p[1] >= from && p[0] <= to).toList();
            }
        }
    }
}
