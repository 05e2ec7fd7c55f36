package dev.locmem.cache.redis;

import java.time.Duration;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.contract.CacheBackendContractTest;
import dev.locmem.cache.redis.testsupport.RedisClusterProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs Django's shared cases against {@link RedisCache} on a Redis Cluster of three primaries, through
 * {@link RedisCacheProvider} with the cluster's seed list as location: every operation, multi-key ones across slots
 * included, must behave as on one server.
 *
 * <p>Namespace: a cluster has one database, so the first backend of each test empties every primary. Time passes for
 * real, and the culling cases are skipped, as on one server.
 */
class RedisClusterContractTest extends CacheBackendContractTest {

    private static RedisClusterProcesses cluster;

    private boolean emptied;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisClusterProcesses.start(3, 0);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected CacheBackend createBackend(CacheSettings settings) {
        if (!this.emptied) {
            // The contract's own @BeforeEach creates a backend first, so the cluster is emptied here.
            cluster.flushAll();
            this.emptied = true;
        }
        return new RedisCacheProvider().create(settings.toBuilder().backend(RedisCacheProvider.NAME)
                .location(cluster.location()).build());
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
