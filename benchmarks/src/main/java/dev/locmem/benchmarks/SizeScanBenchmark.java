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
 * How the cost of a hit and of an overwrite grows with the number of entries, 10^3 to 10^6, keys drawn uniformly
 * (the worst case for CPU caches). Bounded candidates have room for twice {@link #size}: nothing is evicted.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms3g", "-Xmx3g" })
public class SizeScanBenchmark {

    @Param({ "locmem", "caffeine", "chm", "spring-concurrentmap" })
    public String impl;

    @Param({ "1000", "10000", "100000", "1000000" })
    public int size;

    /** As in {@link GetPutBenchmark#keys}. */
    @Param({ "equal" })
    public String keys;

    private BenchCache cache;

    private String[] trace;

    @Setup(Level.Trial)
    public void setUp() {
        String[] keys = Workloads.keys(this.size);
        this.cache = Candidates.create(this.impl, 2 * this.size);
        for (String key : keys) {
            this.cache.put(key, Workloads.VALUE);
        }
        this.trace = Workloads.trace(Workloads.uniformIndices(this.size, 5), Workloads.lookupKeys(keys, this.keys));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        long held = this.cache.size();
        this.cache.close();
        if (held != this.size) {
            throw new IllegalStateException(this.impl + " holds " + held + " entries, expected " + this.size);
        }
    }

    @Benchmark
    public Object get(GetPutBenchmark.Cursor cursor) {
        return this.cache.get(this.trace[cursor.index++ & Workloads.TRACE_MASK]);
    }

    @Benchmark
    public void put(GetPutBenchmark.Cursor cursor) {
        this.cache.put(this.trace[cursor.index++ & Workloads.TRACE_MASK], Workloads.VALUE);
    }
}
