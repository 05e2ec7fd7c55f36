package dev.locmem.cache.redis;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a near cache promises, on a real server: copies served while the server tracks, and dropped when anyone
 * changes the key.
 */
class RedisNearCacheTest {

    private TestRedis.RawClient raw;

    private RedisNearCache cache;

    @BeforeEach
    void start() {
        this.raw = new TestRedis.RawClient(TestRedis.DATABASE);
        this.raw.commands().flushdb();
        this.cache = NearCaches.awaitTracking(nearCache(CacheSettings.builder()));
    }

    @AfterEach
    void stop() {
        this.cache.close();
        this.raw.close();
    }

    static CacheBackend nearCache(CacheSettings.Builder settings) {
        return new RedisCacheProvider().create(settings.backend(RedisCacheProvider.NAME)
                .location(TestRedis.location(TestRedis.DATABASE))
                .option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 100).build());
    }

    @Test
    void startsTrackingOnItsOwn() {
        assertThat(this.cache.isTracking()).isTrue();
        assertThat(this.cache.trackingClientId()).isPositive();
    }
}
