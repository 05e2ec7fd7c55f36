package dev.locmem.cache.redis;

import java.time.Duration;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.contract.CacheBackendContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs Django's shared cases against the redis backend with a near cache on, on a real server: every case that
 * passes for {@link RedisCache} passes with copies kept in memory. Set up as {@link RedisCacheContractTest} is.
 */
class RedisNearCacheContractTest extends CacheBackendContractTest {

    private static TestRedis.RawClient raw;

    private boolean emptied;

    @BeforeAll
    static void connect() {
        raw = new TestRedis.RawClient(TestRedis.CONTRACT_DATABASE);
    }

    @AfterAll
    static void disconnect() {
        if (raw != null) {
            raw.commands().flushdb();
            raw.close();
        }
    }

    @Override
    protected CacheBackend createBackend(CacheSettings settings) {
        if (!this.emptied) {
            raw.commands().flushdb();
            this.emptied = true;
        }
        CacheBackend backend = new RedisCacheProvider().create(settings.toBuilder().backend(RedisCacheProvider.NAME)
                .location(TestRedis.location(TestRedis.CONTRACT_DATABASE))
                .option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 1000).build());
        NearCaches.awaitTracking(backend);
        return backend;
    }

    @Override
    protected void advanceTime(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while letting time pass", ex);
        }
    }

    @Override
    protected boolean culls() {
        return false;
    }
}
