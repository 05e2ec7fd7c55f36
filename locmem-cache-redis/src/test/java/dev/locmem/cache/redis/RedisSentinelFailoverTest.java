package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.locmem.cache.redis.testsupport.RedisSentinelProcesses;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The primary behind Sentinel dies: it is killed by pid, three Sentinels agree it is down and promote its replica,
 * and the same cache, never recreated, finds the new primary by itself within a bounded wait. Meanwhile every call
 * fails fast as in an outage (the circuit), which is what {@code @Cacheable} fails open on; every write acknowledged
 * after recovery is read back.
 */
class RedisSentinelFailoverTest {

    /**
     * How long the cache may take to work again: the Sentinels' down-after time, their agreement and election, the
     * promotion, and the client's next reconnect (at most a second apart), which asks the Sentinels again.
     */
    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(20);

    /** How long one call may take during the failover: the command timeout and a margin. */
    private static final Duration FAILS_WITHIN = Duration.ofMillis(1500);

    private RedisSentinelProcesses sentinels;

    private final List<RedisCache> caches = new ArrayList<>();

    @BeforeEach
    void startSentinels() throws Exception {
        this.sentinels = RedisSentinelProcesses.start(3);
    }

    @AfterEach
    void stopSentinels() {
        this.caches.forEach(RedisCache::close);
        if (this.sentinels != null) {
            this.sentinels.close();
        }
    }

    private RedisCache cache() {
        RedisCache cache = RedisCache.builder().location(this.sentinels.location()).keyPrefix("failover")
                .commandTimeout(Duration.ofMillis(500)).build();
        this.caches.add(cache);
        return cache;
    }

    @Test
    void theCacheFindsThePromotedReplicaByItselfAndKeepsEveryWriteAcknowledgedAfterIt() {
        RedisCache cache = cache();
        cache.set("k", "before");
        RedisServerProcess primary = this.sentinels.primary();

        primary.kill();
        long killed = System.nanoTime();
        Outages.Failover failover = Outages.awaitWrites(cache, killed, RECOVERS_WITHIN, FAILS_WITHIN);
        // Said in the build log, so that a slow machine's margin can be seen before it runs out.
        System.out.println("Sentinel failover: the cache worked again " + failover.recovered().toMillis()
                + " ms after the kill");
        assertThat(failover.recovered()).isLessThan(RECOVERS_WITHIN);
        assertThat(failover.failedOpen()).as("the circuit opened during the failover").isTrue();
        assertThat(this.sentinels.primary()).isSameAs(this.sentinels.servers().get(1));

        Map<String, Integer> acknowledged = new LinkedHashMap<>();
        for (int i = 0; i < 200; i++) {
            cache.set("after-" + i, i);
            acknowledged.put("after-" + i, i);
        }
        assertThat(cache.getMany(acknowledged.keySet())).containsExactlyEntriesOf(acknowledged);
        assertThat(cache().getMany(acknowledged.keySet())).containsExactlyEntriesOf(acknowledged);
    }
}
