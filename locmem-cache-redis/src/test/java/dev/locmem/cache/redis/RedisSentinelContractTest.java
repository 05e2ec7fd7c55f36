package dev.locmem.cache.redis;

import java.time.Duration;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.contract.CacheBackendContractTest;
import dev.locmem.cache.redis.testsupport.RedisClusterProcesses;
import dev.locmem.cache.redis.testsupport.RedisSentinelProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs Django's shared cases against {@link RedisCache} on a primary with a replica managed by a Sentinel,
 * through {@link RedisCacheProvider} with a {@code redis-sentinel://} location: the client asks the Sentinel where
 * the primary is, and every operation must behave as on one server.
 *
 * <p>Namespace: the first backend of each test empties the primary. Time passes for real, and the culling cases are
 * skipped, as on one server.
 */
class RedisSentinelContractTest extends CacheBackendContractTest {

    private static RedisSentinelProcesses sentinels;

    private boolean emptied;

    @BeforeAll
    static void startSentinels() throws Exception {
        sentinels = RedisSentinelProcesses.start(1);
    }

    @AfterAll
    static void stopSentinels() {
        if (sentinels != null) {
            sentinels.close();
        }
    }

    @Override
    protected CacheBackend createBackend(CacheSettings settings) {
        if (!this.emptied) {
            // The contract's own @BeforeEach creates a backend first, so the primary is emptied here.
            RedisClusterProcesses.withNode(sentinels.primary(), (commands) -> commands.flushall());
            this.emptied = true;
        }
        return new RedisCacheProvider().create(settings.toBuilder().backend(RedisCacheProvider.NAME)
                .location(sentinels.location()).build());
    }

    @Override
    protected void advanceTime(Duration duration) {
        dev.locmem.cache.redis.testsupport.RedisServerProcess.sleep(duration.toMillis());
    }

    @Override
    protected boolean culls() {
        return false;
    }
}
