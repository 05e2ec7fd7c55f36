package dev.locmem.benchmarks;

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
 * 90% gets and 10% puts on a zipfian trace over {@link #KEY_SPACE} keys, 8x the bound {@link #MAX_ENTRIES}: bounded
 * candidates evict all along (LocMemCache culls a third of its store each time it is full). The cache is warmed with
 * one pass of the trace before measuring. Unbounded candidates ({@code chm}, {@code spring-concurrentmap}) end up
 * holding every key: they show the cost of the map alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms2g", "-Xmx2g" })
public class MixedBenchmark {

    public static final int MAX_ENTRIES = 1 << 16;

    public static final int KEY_SPACE = 8 * MAX_ENTRIES;

    public static final double WRITE_SHARE = 0.1;

    @Param({ "locmem", "caffeine", "chm", "spring-concurrentmap", "spring-caffeine", "spring-locmem" })
    public String impl;

    private BenchCache cache;

    /** As in {@link GetPutBenchmark#keys}. */
    @Param({ "equal" })
    public String keys;

    /** The keys that gets use. */
    private String[] trace;

    /** The keys that puts use: the originals, so that a stored key is never the object a get looks up with. */
    private String[] putTrace;

    private boolean[] writes;

    @Setup(Level.Trial)
    public void setUp() {
        String[] keys = Workloads.keys(KEY_SPACE);
        int[] indices = Workloads.zipfIndices(KEY_SPACE, 3);
        this.trace = Workloads.trace(indices, Workloads.lookupKeys(keys, this.keys));
        this.putTrace = Workloads.trace(indices, keys);
        this.writes = Workloads.writeMask(WRITE_SHARE, 4);
        this.cache = Candidates.create(this.impl, MAX_ENTRIES);
        for (int i = 0; i < Workloads.TRACE_LENGTH; i++) {
            step(i);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.cache.close();
    }

    private Object step(int i) {
        if (this.writes[i]) {
            this.cache.put(this.putTrace[i], Workloads.VALUE);
            return null;
        }
        return this.cache.get(this.trace[i]);
    }

    /** One operation of the 90/10 mix. */
    @Benchmark
    public Object mixed(GetPutBenchmark.Cursor cursor) {
        return step(cursor.index++ & Workloads.TRACE_MASK);
    }
}
