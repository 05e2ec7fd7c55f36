package dev.locmem.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import dev.locmem.cache.CacheBackend;
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
 * get on a hit: the redis backend with a near cache (every key kept in memory), the plain local-memory backend, and
 * the redis backend without one (a round trip to a real redis-server on loopback), on the same keys, in one run, one
 * candidate measured a fork. Every fork makes and fills all three the same way ({@link NearCacheCandidates}), so
 * that forks of different candidates differ by the candidate's reads, not by their set-up's heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class NearCacheBenchmark {

    /** {@code near}, {@code locmem} or {@code redis}. */
    @Param({ "near", "locmem", "redis" })
    public String backend;

    private NearCacheCandidates candidates;

    private CacheBackend cache;

    private String[] keys;

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        this.candidates = NearCacheCandidates.open();
        this.cache = this.candidates.named(this.backend);
        this.keys = this.candidates.keys;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (this.backend.equals("near")) {
            System.out.println("near cache at the end: " + this.candidates.nearCacheStats());
        }
        this.candidates.close();
    }

    /** Each thread walks the keys from a place of its own; the paired benchmark's threads too. */
    @State(Scope.Thread)
    public static class Cursor {

        private int next = (int) (Thread.currentThread().getId() * 977);

        /** The key to read next. */
        String next(String[] keys) {
            return keys[this.next++ & (NearCacheCandidates.KEYS - 1)];
        }
    }

    @Benchmark
    public Object get(Cursor cursor) {
        return this.cache.get(cursor.next(this.keys));
    }
}
