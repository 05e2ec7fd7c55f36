package dev.locmem.benchmarks;

import java.io.IOException;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.redis.RedisCacheProvider;
import dev.locmem.cache.redis.RedisNearCache;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

/**
 * The three candidates of the near-cache benchmarks, made and filled together in every JVM that measures any of them:
 * the redis backend with a near cache, the plain local-memory backend, and the redis backend without one, on a
 * redis-server of their own (started on a free port, stopped by {@link #close()}).
 *
 * <p><b>Why every JVM holds all three.</b> How fast a hit is on a store of a few thousand entries depends on where
 * the entries, their keys and their values lie in the heap as much as on the code that reads them: the same plain
 * store reads markedly slower when its set-up allocates garbage between its sets (docs/benchmarks.md, <i>Near
 * cache</i>, has the measurements). A near cache is filled by reads from Redis, each of which leaves its round trip's
 * garbage between the copies it keeps; a plain store filled alone packs its entries side by side. Filling all three
 * in one loop, key by key, gives each the same allocation history, so that forks of one candidate and forks of
 * another differ by what they run, not by how their set-up laid out the heap. A full collection ends the set-up.
 *
 * <p>Each key is read, and missed, before it is stored, as a cache-aside read ({@code @Cacheable}'s) finds it first:
 * so every backend's get has misses in its profile, as in an application (without them only plain LocMemCache's get
 * would be compiled for hits alone, a state no application reaches). Once our own writes' invalidations have arrived,
 * one read of each key keeps its copy in the near cache; one read, not more, so that the JIT compiles the read path
 * in the measured loop rather than apart from it. The plain redis backend stores the same keys and values as the near
 * cache, before the pause in which the invalidations of all those writes arrive, so none of them reaches a kept copy.
 */
final class NearCacheCandidates implements AutoCloseable {

    /** Keys read, all present: a power of two. */
    static final int KEYS = 4096;

    private final RedisServerProcess server;

    final CacheBackend near;

    final CacheBackend locmem;

    final CacheBackend redis;

    final String[] keys = new String[KEYS];

    private NearCacheCandidates(RedisServerProcess server) {
        this.server = server;
        String location = "redis://" + RedisServerProcess.HOST + ":" + server.port();
        this.near = new RedisCacheProvider().create(CacheSettings.builder().backend(RedisCacheProvider.NAME)
                .location(location).option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 2 * KEYS).build());
        this.locmem = LocMemCache.fromSettings(CacheSettings.builder().option(CacheSettings.MAX_ENTRIES, 2 * KEYS)
                .build(), LocMemStores.create());
        this.redis = new RedisCacheProvider().create(CacheSettings.builder().backend(RedisCacheProvider.NAME)
                .location(location).build());
    }

    /** Starts a redis-server, makes the three candidates and fills them, key by key, each the same way. */
    static NearCacheCandidates open() throws IOException, InterruptedException {
        NearCacheCandidates candidates = new NearCacheCandidates(RedisServerProcess.startOnFreePort());
        CacheBackend[] all = { candidates.near, candidates.locmem, candidates.redis };
        for (int i = 0; i < KEYS; i++) {
            String key = "key-" + i;
            candidates.keys[i] = key;
            for (CacheBackend cache : all) {
                cache.get(key);
                cache.set(key, "value-" + i);
            }
        }
        // Our own writes' invalidations arrive after the sets; once they have, one read of each key keeps it.
        Thread.sleep(500);
        for (String key : candidates.keys) {
            for (CacheBackend cache : all) {
                cache.get(key);
            }
        }
        // What a cache keeps past its first collection lies in the old generation, copied out from among the garbage
        // its fills left around it; a measurement that reads the fresh copies in place would read them from among that
        // garbage, as no application that runs longer than a young collection does.
        System.gc();
        return candidates;
    }

    /** The candidate of a benchmark's parameter: {@code near}, {@code locmem} or {@code redis}. */
    CacheBackend named(String name) {
        return switch (name) {
            case "near" -> this.near;
            case "locmem" -> this.locmem;
            case "redis" -> this.redis;
            default -> throw new IllegalArgumentException("no near-cache candidate named '" + name
                    + "'; expected near, locmem or redis");
        };
    }

    /**
     * What the near cache counted, said at the end of a fork so that a run shows whether the measured reads were all
     * answered from memory: a read that went to Redis costs as much as thousands of hits, so a few would pull the
     * figure down far.
     */
    String nearCacheStats() {
        return ((RedisNearCache) this.near).nearCacheStats().toString();
    }

    @Override
    public void close() {
        this.near.close();
        this.locmem.close();
        this.redis.close();
        this.server.close();
    }
}
