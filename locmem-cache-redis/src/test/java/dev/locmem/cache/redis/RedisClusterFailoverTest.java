package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.locmem.cache.redis.testsupport.RedisClusterProcesses;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A primary of a Redis Cluster dies: three primaries with a replica each, and the primary that holds a test key is
 * killed by pid. Its replica takes over (the cluster's own failover, {@code cluster-node-timeout} 1 s), and the same
 * cache, never recreated, follows the new topology by itself within a bounded wait, failing fast meanwhile (the
 * circuit), which is what {@code @Cacheable} fails open on; every write acknowledged after that is read back, through
 * this cache and a new one, also once the old primary is back (as a replica).
 */
class RedisClusterFailoverTest {

    /**
     * How long the cache may take to work again: failure detection (node timeout, twice), the replica's election
     * (half a second and a random delay of up to another), and the client's next topology refresh.
     */
    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(20);

    /** How long one call may take while the cluster fails over: the command timeout and a margin. */
    private static final Duration FAILS_WITHIN = Duration.ofMillis(1500);

    private RedisClusterProcesses cluster;

    private final List<RedisCache> caches = new ArrayList<>();

    @BeforeEach
    void startCluster() throws Exception {
        this.cluster = RedisClusterProcesses.start(3, 1);
    }

    @AfterEach
    void stopCluster() {
        this.caches.forEach(RedisCache::close);
        if (this.cluster != null) {
            this.cluster.close();
        }
    }

    private RedisCache cache() {
        RedisCache cache = RedisCache.builder().location(this.cluster.location()).keyPrefix("failover")
                .commandTimeout(Duration.ofMillis(500)).build();
        this.caches.add(cache);
        return cache;
    }

    @Test
    void theCacheFollowsAFailoverByItselfAndKeepsEveryWriteAcknowledgedAfterIt() {
        RedisCache cache = cache();
        cache.set("k", "before");
        RedisServerProcess primary = this.cluster.primaryOf("failover:1:k");
        int oldPort = primary.port();

        primary.kill();
        long killed = System.nanoTime();
        Outages.Failover failover = Outages.awaitWrites(cache, killed, RECOVERS_WITHIN, FAILS_WITHIN);
        // Said in the build log, so that a slow machine's margin can be seen before it runs out.
        System.out.println("Cluster failover: the cache worked again " + failover.recovered().toMillis()
                + " ms after the kill");
        assertThat(failover.recovered()).isLessThan(RECOVERS_WITHIN);
        assertThat(failover.failedOpen()).as("the circuit opened during the failover").isTrue();
        assertThat(this.cluster.primaryOf("failover:1:k").port()).isNotEqualTo(oldPort);

        Map<String, Integer> acknowledged = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            cache.set("after-" + i, i);
            acknowledged.put("after-" + i, i);
        }
        assertThat(cache.getMany(acknowledged.keySet())).containsExactlyEntriesOf(acknowledged);
        assertThat(cache().getMany(acknowledged.keySet())).containsExactlyEntriesOf(acknowledged);

        // The old primary comes back empty (no persistence) and must rejoin as a replica, not take its slots back.
        primary.start();
        awaitReplica(primary);
        assertThat(cache.getMany(acknowledged.keySet())).containsExactlyEntriesOf(acknowledged);
    }

    private void awaitReplica(RedisServerProcess node) {
        long deadline = System.nanoTime() + RECOVERS_WITHIN.toNanos();
        while (!RedisClusterProcesses.withNode(node, (commands) -> commands.info("replication"))
                .contains("master_link_status:up")) {
            assertThat(System.nanoTime()).as("the old primary rejoined as a replica in time").isLessThan(deadline);
            RedisServerProcess.sleep(100);
        }
    }
}
