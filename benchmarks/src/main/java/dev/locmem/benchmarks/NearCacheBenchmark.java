package dev.locmem.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.redis.RedisCacheProvider;
import dev.locmem.cache.redis.RedisNearCache;
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
 * get on a hit: the redis backend with a near cache (every key kept in memory), the plain local-memory backend, and
 * the redis backend without one (a round trip to a real redis-server on loopback, which this benchmark starts on a
 * free port and stops), on the same keys, in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class NearCacheBenchmark {

    /** Keys read, all present: a power of two. */
    private static final int KEYS = 4096;

    /** {@code near}, {@code locmem} or {@code redis}. */
    @Param({ "near", "locmem", "redis" })
    public String backend;

    private RedisServerProcess server;

    private CacheBackend cache;

    private final String[] keys = new String[KEYS];

    @Setup(Level.Trial)
    public void setUp() throws IOException, InterruptedException {
        CacheSettings.Builder settings = CacheSettings.builder().option(CacheSettings.MAX_ENTRIES, 2 * KEYS);
        if (this.backend.equals("locmem")) {
            this.cache = LocMemCache.fromSettings(settings.build(), LocMemStores.create());
        }
        else {
            this.server = RedisServerProcess.startOnFreePort();
            settings.backend(RedisCacheProvider.NAME).location("redis://" + RedisServerProcess.HOST + ":"
                    + this.server.port());
            if (this.backend.equals("near")) {
                settings.option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 2 * KEYS);
            }
            this.cache = new RedisCacheProvider().create(settings.build());
        }
        for (int i = 0; i < KEYS; i++) {
            this.keys[i] = "key-" + i;
            // Each key is read, and missed, before it is stored, as a cache-aside read (@Cacheable's) finds it
            // first: so every backend's get has misses in its profile, as in an application. The near cache's get
            // has them anyway (its fills below); without these, only plain LocMemCache's get would be compiled by
            // C2 for hits alone, a state no application reaches, and faster (docs/benchmarks.md, Near cache).
            this.cache.get(this.keys[i]);
            this.cache.set(this.keys[i], "value-" + i);
        }
        // Our own writes' invalidations arrive after the sets: once they have, one read of each key keeps it, so that
        // the measurement reads copies only. One read, not more: warming the read path here would let the JIT
        // compile it apart from the benchmark loop, and then not inline it there (a big method already compiled),
        // which would measure the JIT's order of work rather than the caches.
        Thread.sleep(500);
        for (String key : this.keys) {
            this.cache.get(key);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (this.cache instanceof RedisNearCache near) {
            // Said so that a run shows whether the measured reads were all answered from memory: a read that went to
            // Redis costs as much as thousands of hits, so a few would pull the figure down far.
            System.out.println("near cache at the end: " + near.nearCacheStats());
        }
        this.cache.close();
        if (this.server != null) {
            this.server.close();
        }
    }

    /** Each thread walks the keys from a place of its own. */
    @State(Scope.Thread)
    public static class Cursor {

        int next = (int) (Thread.currentThread().getId() * 977);
    }

    @Benchmark
    public Object get(Cursor cursor) {
        return this.cache.get(this.keys[cursor.next++ & (KEYS - 1)]);
    }
}
