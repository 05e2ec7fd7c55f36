package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.redis.testsupport.RedisSentinelProcesses;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outage cases of {@link RedisCacheOutageTest} for a primary behind Sentinel: the primary and its replica are
 * stopped by pid (the Sentinels stay up, so the client can still ask where the primary is, and is told of one that
 * does not answer). While they are down every operation fails fast with {@link CacheUnavailableException} naming the
 * master; once they are back, the same cache works again.
 */
class RedisSentinelOutageTest {

    private static final Duration FAILS_WITHIN = Duration.ofMillis(1500);

    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(20);

    private RedisSentinelProcesses sentinels;

    private RedisCache cache;

    @BeforeEach
    void startSentinels() throws Exception {
        this.sentinels = RedisSentinelProcesses.start(1);
        this.cache = RedisCache.builder().location(this.sentinels.location()).commandTimeout(Duration.ofMillis(500))
                .build();
    }

    @AfterEach
    void stopSentinels() {
        if (this.cache != null) {
            this.cache.close();
        }
        if (this.sentinels != null) {
            this.sentinels.close();
        }
    }

    @Test
    void everyOperationFailsFastWithCacheUnavailableWhileThePrimaryAndReplicaAreDown() {
        this.cache.set("k", "v");
        this.sentinels.servers().forEach(RedisServerProcess::stop);
        Outages.assertEveryOperationFailsFast(this.cache, "Redis Sentinel master 'locmem' via 127.0.0.1:", FAILS_WITHIN);
    }

    @Test
    void theSameCacheWorksAgainOnceThePrimaryIsBack() {
        this.cache.set("k", "before");
        this.sentinels.servers().forEach(RedisServerProcess::stop);
        assertThatThrownBy(() -> this.cache.get("k")).isInstanceOf(CacheUnavailableException.class);

        // Back empty (no persistence), the primary first, so that it is the primary the Sentinel still names.
        this.sentinels.servers().forEach(RedisServerProcess::start);
        Recovery.awaitWorking(this.cache, RECOVERS_WITHIN);
        this.cache.set("k", "after");
        assertThat(this.cache.get("k")).isEqualTo("after");
    }
}
