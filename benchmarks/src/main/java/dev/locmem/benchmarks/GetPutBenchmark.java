package dev.locmem.benchmarks;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

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
 * Reads that hit and writes over existing keys, on a cache holding {@link #ENTRIES} keys with room for twice as many:
 * nothing is evicted or culled (a LocMemCache at max-entries would cull on every set, as Django's does).
 *
 * <p>Run at 1 and at 2 threads with {@code -t}. Each thread reads the trace from a random offset of its own. Lookups
 * use equal copies of the stored keys unless {@code -p keys=same}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
public class GetPutBenchmark {

    /** Keys held by the cache. */
    public static final int ENTRIES = 1 << 16;

    @Param({ "locmem", "caffeine", "chm", "spring-concurrentmap", "spring-caffeine", "spring-locmem" })
    public String impl;

    /** {@code equal}: reads and writes use equal copies of the stored keys; {@code same}: the stored objects. */
    @Param({ "equal" })
    public String keys;

    private BenchCache cache;

    private String[] uniform;

    private String[] zipf;

    @Setup(Level.Trial)
    public void setUp() {
        String[] keys = Workloads.keys(ENTRIES);
        this.cache = Candidates.create(this.impl, 2 * ENTRIES);
        for (String key : keys) {
            this.cache.put(key, Workloads.VALUE);
        }
        for (String key : keys) {
            if (this.cache.get(key) == null) {
                throw new IllegalStateException(this.impl + " lost key " + key + " before the measurement");
            }
        }
        String[] lookups = Workloads.lookupKeys(keys, this.keys);
        this.uniform = Workloads.trace(Workloads.uniformIndices(ENTRIES, 1), lookups);
        this.zipf = Workloads.trace(Workloads.zipfIndices(ENTRIES, 2), lookups);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long size = this.cache.size();
        this.cache.close();
        if (size != ENTRIES) {
            throw new IllegalStateException(this.impl + " holds " + size + " entries, expected " + ENTRIES);
        }
    }

    /** Where a thread is in the traces. */
    @State(Scope.Thread)
    public static class Cursor {

        int index;

        @Setup(Level.Trial)
        public void setUp() {
            this.index = ThreadLocalRandom.current().nextInt(Workloads.TRACE_LENGTH);
        }
    }

    /** get on a hit, keys drawn uniformly. */
    @Benchmark
    public Object getUniform(Cursor cursor) {
        return this.cache.get(this.uniform[cursor.index++ & Workloads.TRACE_MASK]);
    }

    /** get on a hit, keys drawn by a zipfian law (s = 0.99). */
    @Benchmark
    public Object getZipf(Cursor cursor) {
        return this.cache.get(this.zipf[cursor.index++ & Workloads.TRACE_MASK]);
    }

    /** put over an existing key, keys drawn uniformly. */
    @Benchmark
    public void putUniform(Cursor cursor) {
        this.cache.put(this.uniform[cursor.index++ & Workloads.TRACE_MASK], Workloads.VALUE);
    }

    /** put over an existing key, keys drawn by a zipfian law: two threads often write the same hot keys. */
    @Benchmark
    public void putZipf(Cursor cursor) {
        this.cache.put(this.zipf[cursor.index++ & Workloads.TRACE_MASK], Workloads.VALUE);
    }
}
