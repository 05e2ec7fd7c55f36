package dev.locmem.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.redis.RedisCacheProvider;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
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
 * get on a hit of the near cache against the plain local-memory backend, the two taking turns iteration by iteration
 * in one fork, as {@link PairedGetBenchmark} does for the local candidates: the ratio the near cache's issue asks for
 * (near ÷ locmem), measured a second apart instead of in forks minutes apart, which on a shared machine differ by more
 * than the ratio does.
 *
 * <p>Both read the same keys, every one of them held: the near cache's copies (filled by one read of each key once our
 * own writes' invalidations have arrived) and the locmem store. Iterations go S R R S ... (see
 * {@link PairedGetBenchmark}); report.py pairs them and reports the median ratio. Each candidate has a call site of
 * its own, so both stay monomorphic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class PairedNearCacheBenchmark extends TakingTurns {

    /** Keys read, all present: a power of two. */
    private static final int KEYS = 4096;

    /** The candidate measured: the redis backend with a near cache. */
    @Param({ "near" })
    public String subject;

    /** The candidate it is measured against. */
    @Param({ "locmem" })
    public String reference;

    private RedisServerProcess server;

    private CacheBackend near;

    private CacheBackend locmem;

    private final String[] keys = new String[KEYS];

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        this.server = RedisServerProcess.startOnFreePort();
        CacheSettings settings = CacheSettings.builder().backend(RedisCacheProvider.NAME)
                .location("redis://" + RedisServerProcess.HOST + ":" + this.server.port())
                .option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 2 * KEYS).build();
        this.near = new RedisCacheProvider().create(settings);
        this.locmem = LocMemCache.fromSettings(CacheSettings.builder().option(CacheSettings.MAX_ENTRIES, 2 * KEYS)
                .build(), LocMemStores.create());
        for (int i = 0; i < KEYS; i++) {
            this.keys[i] = "key-" + i;
            // As in NearCacheBenchmark: each key is read, and missed, before it is stored.
            this.near.get(this.keys[i]);
            this.locmem.get(this.keys[i]);
            this.near.set(this.keys[i], "value-" + i);
            this.locmem.set(this.keys[i], "value-" + i);
        }
        // As in NearCacheBenchmark: once our own writes' invalidations have arrived, one read of each key keeps it.
        Thread.sleep(500);
        for (String key : this.keys) {
            this.near.get(key);
            this.locmem.get(key);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        this.near.close();
        this.locmem.close();
        this.server.close();
    }

    /** Each thread walks the keys from a place of its own. */
    @State(Scope.Thread)
    public static class Cursor {

        int next = (int) (Thread.currentThread().getId() * 977);
    }

    /** get on a hit, from the candidate whose turn it is. */
    @Benchmark
    public Object get(Cursor cursor) {
        String key = this.keys[cursor.next++ & (KEYS - 1)];
        // Two call sites, one candidate each: neither becomes bimorphic.
        if (this.onSubject) {
            return this.near.get(key);
        }
        return this.locmem.get(key);
    }
}
