package dev.locmem.cache.redis;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;

/**
 * Runs Django's shared cases against the redis backend with a near cache on, on a real server: every case that
 * passes for {@link RedisCache} passes with copies kept in memory. Set up as {@link RedisCacheContractTest} is, with
 * the near cache turned on and tracking before a case uses it.
 */
class RedisNearCacheContractTest extends RedisCacheContractTest {

    @Override
    protected CacheBackend createBackend(CacheSettings settings) {
        CacheBackend backend = super.createBackend(settings.toBuilder()
                .option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 1000).build());
        NearCaches.awaitTracking(backend);
        return backend;
    }
}
