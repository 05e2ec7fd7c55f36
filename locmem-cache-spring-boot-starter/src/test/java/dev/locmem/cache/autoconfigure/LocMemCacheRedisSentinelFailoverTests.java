package dev.locmem.cache.autoconfigure;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.locmem.cache.Caches;
import dev.locmem.cache.redis.RedisCache;
import dev.locmem.cache.redis.testsupport.RedisSentinelProcesses;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The primary behind the application's Sentinels dies, with Spring Boot's own connection
 * ({@code spring.data.redis.sentinel.*}, Lettuce's default reconnect delays): an alias without a location fails open
 * during the failover, works again by itself once a reconnect asks the Sentinels for the promoted replica, and keeps
 * every write acknowledged after that.
 */
class LocMemCacheRedisSentinelFailoverTests {

    /**
     * The failover (about 3 s with down-after 1 s), then the next reconnect: Lettuce's default delays double from a
     * millisecond, so one falls within about as long again; and a margin.
     */
    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(30);

    private RedisSentinelProcesses sentinels;

    @BeforeEach
    void startSentinels() throws Exception {
        this.sentinels = RedisSentinelProcesses.start(3);
    }

    @AfterEach
    void stopSentinels() {
        if (this.sentinels != null) {
            this.sentinels.close();
        }
    }

    @Test
    void anAliasOverTheApplicationsSentinelConnectionFollowsAFailoverByItself() {
        String nodes = this.sentinels.sentinels().stream().map((node) -> RedisServerProcess.HOST + ":" + node.port())
            .collect(Collectors.joining(","));
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class))
            .withUserConfiguration(EnableCachingConfiguration.class)
            .withPropertyValues("app.caches.default.backend=redis", "app.caches.default.key-prefix=app",
                    "spring.data.redis.timeout=500ms", "spring.data.redis.sentinel.nodes=" + nodes,
                    "spring.data.redis.sentinel.master=" + RedisSentinelProcesses.MASTER_NAME)
            .run((context) -> {
                RedisCache cache = (RedisCache) context.getBean(Caches.class).get("default");
                cache.set("k", "before");
                RedisServerProcess primary = this.sentinels.primary();
                primary.kill();
                long killed = System.nanoTime();
                Duration recovered = RedisFailovers.awaitWorking(cache, killed, RECOVERS_WITHIN);
                System.out.println("Sentinel failover over Boot's connection: the cache worked again "
                        + recovered.toMillis() + " ms after the kill");
                Map<String, Integer> acknowledged = RedisFailovers.writeAcknowledged(cache);
                assertThat(this.sentinels.primary()).isSameAs(this.sentinels.servers().get(1));
                assertThat(cache.getMany(acknowledged.keySet())).containsExactlyEntriesOf(acknowledged);
            });
    }
}
