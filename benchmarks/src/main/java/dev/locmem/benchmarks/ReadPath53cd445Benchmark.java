package dev.locmem.benchmarks;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A replica of LocMemCache's read path <b>as it was at core commit 53cd445</b> (a lookup of the caller's key in a
 * {@code ConcurrentHashMap} key space for {@code ":1:"}, the coarse clock, the expiry check, the per-read LRU stamp,
 * the LongAdder hit counter), built up one step at a time, next to today's {@code LocMemCache.get} on the same keys.
 * It is not today's read path (core has since its own hash table, shared stamps and counters without a fence): it is
 * kept, under a name that says so, to reproduce the history table of docs/benchmarks.md. The replica uses only its own
 * classes, so that changes inside core never break this module's build.
 *
 * <ul>
 * <li>{@code a_space}: the lookup of the caller's key in the key space (a ConcurrentHashMap of entries);</li>
 * <li>{@code b_concat}: the lookup of the concatenated made key {@code ":1:" + key} in one map of made keys, what a
 * store without key spaces must do;</li>
 * <li>{@code c_expiry}: a_space plus reading the coarse clock, the deadline and the value (volatile reads);</li>
 * <li>{@code d_stamp}: c_expiry plus writing the entry's LRU stamp (a store into the shared entry on every read);</li>
 * <li>{@code e_counter}: d_stamp plus {@code LongAdder.increment()} for the hit statistics;</li>
 * <li>{@code f_real}: {@code LocMemCache.get(key)};</li>
 * <li>{@code g_chm}: {@code ConcurrentHashMap.get} of the plain key to the value, the ceiling;</li>
 * <li>{@code h_probe}: the lookup core used before key spaces (commit ee50b3c): a probe comparing the stored made key
 * with its two parts in byte loops; {@code h_madeKey}: a two-part made key compared by head identity and
 * {@code String.equals}, the alternative that was proposed to it.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
public class ReadPath53cd445Benchmark {

    private static final String HEAD = ":1:";

    private static final int HEAD_HASH = HEAD.hashCode();

    @Param({ "zipf", "uniform" })
    public String distribution;

    private final ConcurrentHashMap<String, Node> data = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, Object> plain = new ConcurrentHashMap<>();

    /** The key space of {@code ":1:"}: entries by the caller's key, as core's {@code KeySpace}. */
    private final ConcurrentHashMap<String, Node> space = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<MadeKey, Node> byMadeKey = new ConcurrentHashMap<>();

    private final LongAdder hits = new LongAdder();

    private volatile long clock;

    private Thread refresher;

    private volatile boolean running = true;

    private LocMemCache real;

    private String[] trace;

    @Setup(Level.Trial)
    public void setUp() {
        String[] keys = Workloads.keys(GetPutBenchmark.ENTRIES);
        this.real = LocMemCache.builder().stores(LocMemStores.create()).maxEntries(2 * GetPutBenchmark.ENTRIES)
                .build();
        this.clock = System.nanoTime();
        long deadline = this.clock + TimeUnit.SECONDS.toNanos(300);
        for (String key : keys) {
            String made = HEAD + key;
            made.hashCode();
            this.data.put(made, new Node(made, Workloads.VALUE, deadline));
            this.space.put(key, new Node(key, Workloads.VALUE, deadline));
            this.plain.put(key, Workloads.VALUE);
            this.byMadeKey.put(new MadeKey(HEAD, HEAD_HASH, key), new Node(made, Workloads.VALUE, deadline));
            this.real.set(key, Workloads.VALUE);
        }
        int[] indices = this.distribution.equals("zipf") ? Workloads.zipfIndices(keys.length, 2)
                : Workloads.uniformIndices(keys.length, 1);
        this.trace = Workloads.trace(indices, Workloads.copies(keys));
        this.refresher = new Thread(() -> {
            while (this.running) {
                java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                this.clock = System.nanoTime();
            }
        }, "breakdown-clock");
        this.refresher.setDaemon(true);
        this.refresher.start();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.running = false;
        this.real.close();
    }

    /** The replica's entry: as core's {@code Entry}. */
    static final class Node {

        final String key;

        volatile Object value;

        volatile long deadline;

        long stamp;

        boolean alive = true;

        Node(String key, Object value, long deadline) {
            this.key = key;
            this.value = value;
            this.deadline = deadline;
        }

        boolean isExpired(long now) {
            return now - this.deadline >= 0 && this.deadline != Long.MAX_VALUE;
        }
    }

    /** The replica's probe: as core's {@code KeyProbe}. */
    static final class Probe {

        private static final int[] POWERS = new int[256];

        static {
            POWERS[0] = 1;
            for (int i = 1; i < POWERS.length; i++) {
                POWERS[i] = POWERS[i - 1] * 31;
            }
        }

        private final String head;

        private final String key;

        private final int hash;

        Probe(String head, int headHash, String key) {
            this.head = head;
            this.key = key;
            this.hash = headHash * POWERS[key.length()] + key.hashCode();
        }

        @Override
        public int hashCode() {
            return this.hash;
        }

        @Override
        public boolean equals(Object other) {
            if (other instanceof String made) {
                int headLength = this.head.length();
                return made.length() == headLength + this.key.length() && made.startsWith(this.head)
                        && made.regionMatches(headLength, this.key, 0, this.key.length());
            }
            return false;
        }
    }

    /**
     * Proposal 1: a made key kept as its two parts. Equal exactly when the concatenations are equal: the same head
     * (by identity: each cache holds one) and equal keys, or else, rarely, different heads whose concatenations
     * coincide.
     */
    static final class MadeKey {

        final String head;

        final String key;

        final int hash;

        MadeKey(String head, int headHash, String key) {
            this.head = head;
            this.key = key;
            this.hash = headHash * Probe.POWERS[key.length()] + key.hashCode();
        }

        @Override
        public int hashCode() {
            return this.hash;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof MadeKey that)) {
                return false;
            }
            if (this.head == that.head) {
                return this.key.equals(that.key);
            }
            return this.hash == that.hash && (this.head + this.key).equals(that.head + that.key);
        }
    }

    /** The replica's stamps: as core's {@code AccessStamps}, 8 stripes on 2 cores. */
    static final class Stamps {

        private static final int PAD = 16;

        private static final int STRIPES = 8;

        private static final long[] COUNTERS = new long[(STRIPES + 1) * PAD];

        static long next(long now) {
            int stripe = (int) ((Thread.currentThread().getId() * 0x9E3779B97F4A7C15L) >>> 40) & (STRIPES - 1);
            int index = (stripe + 1) * PAD;
            long stamp = COUNTERS[index] + 1;
            long floor = (now >> 20) << 22;
            if (stamp < floor) {
                stamp = floor;
            }
            COUNTERS[index] = stamp;
            return stamp;
        }
    }

    private String next(GetPutBenchmark.Cursor cursor) {
        return this.trace[cursor.index++ & Workloads.TRACE_MASK];
    }

    @Benchmark
    public Object a_space(GetPutBenchmark.Cursor cursor) {
        return this.space.get(next(cursor));
    }

    @Benchmark
    public Object h_probe(GetPutBenchmark.Cursor cursor) {
        return this.data.get(new Probe(HEAD, HEAD_HASH, next(cursor)));
    }

    @Benchmark
    public Object b_concat(GetPutBenchmark.Cursor cursor) {
        return this.data.get(HEAD + next(cursor));
    }

    @Benchmark
    public Object c_expiry(GetPutBenchmark.Cursor cursor) {
        Node node = this.space.get(next(cursor));
        if (node != null) {
            long now = this.clock;
            if (!node.isExpired(now)) {
                return node.value;
            }
        }
        return null;
    }

    @Benchmark
    public Object d_stamp(GetPutBenchmark.Cursor cursor) {
        Node node = this.space.get(next(cursor));
        if (node != null) {
            long now = this.clock;
            if (!node.isExpired(now)) {
                Object value = node.value;
                node.stamp = Stamps.next(now);
                return value;
            }
        }
        return null;
    }

    @Benchmark
    public Object e_counter(GetPutBenchmark.Cursor cursor) {
        Node node = this.space.get(next(cursor));
        if (node != null) {
            long now = this.clock;
            if (!node.isExpired(now)) {
                Object value = node.value;
                node.stamp = Stamps.next(now);
                this.hits.increment();
                return value;
            }
        }
        return null;
    }

    @Benchmark
    public Object f_real(GetPutBenchmark.Cursor cursor) {
        return this.real.get(next(cursor));
    }

    @Benchmark
    public Object g_chm(GetPutBenchmark.Cursor cursor) {
        return this.plain.get(next(cursor));
    }

    @Benchmark
    public Object h_madeKey(GetPutBenchmark.Cursor cursor) {
        return this.byMadeKey.get(new MadeKey(HEAD, HEAD_HASH, next(cursor)));
    }
}
