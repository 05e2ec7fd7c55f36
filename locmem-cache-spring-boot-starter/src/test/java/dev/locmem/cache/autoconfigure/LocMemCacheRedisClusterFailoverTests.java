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
import dev.locmem.cache.redis.testsupport.RedisClusterProcesses;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A primary of the application's Redis Cluster dies, with Spring Boot's own connection configured as the README says
 * ({@code spring.data.redis.lettuce.cluster.refresh.adaptive} and {@code .period}): an alias without a location fails
 * open during the failover and works again by itself, and keeps every write acknowledged after that.
 */
class LocMemCacheRedisClusterFailoverTests {

    /**
     * The failover (about 3 s with a node timeout of 1 s), then at most one refresh period of the application's
     * client (Lettuce allows one adaptive refresh per 30 s by default, which may have been spent before the replica
     * took over), and a margin.
     */
    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(30);

    private RedisClusterProcesses cluster;

    @BeforeEach
    void startCluster() throws Exception {
        this.cluster = RedisClusterProcesses.start(3, 1);
    }

    @AfterEach
    void stopCluster() {
        if (this.cluster != null) {
            this.cluster.close();
        }
    }

    @Test
    void anAliasOverTheApplicationsClusterConnectionFollowsAFailoverByItself() {
        String nodes = this.cluster.primaries().stream().map((node) -> RedisServerProcess.HOST + ":" + node.port())
            .collect(Collectors.joining(","));
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class))
            .withUserConfiguration(EnableCachingConfiguration.class)
            .withPropertyValues("app.caches.default.backend=redis", "app.caches.default.key-prefix=app",
                    "spring.data.redis.timeout=500ms", "spring.data.redis.cluster.nodes=" + nodes,
                    "spring.data.redis.lettuce.cluster.refresh.adaptive=true",
                    "spring.data.redis.lettuce.cluster.refresh.period=10s")
            .run((context) -> {
                RedisCache cache = (RedisCache) context.getBean(Caches.class).get("default");
                cache.set("k", "before");
                RedisServerProcess primary = this.cluster.primaryOf("app:1:k");
                primary.kill();
                long killed = System.nanoTime();
                Duration recovered = RedisFailovers.awaitWorking(cache, killed, RECOVERS_WITHIN);
                System.out.println("Cluster failover over Boot's connection: the cache worked again "
                        + recovered.toMillis() + " ms after the kill");
                Map<String, Integer> acknowledged = RedisFailovers.writeAcknowledged(cache);
                assertThat(cache.getMany(acknowledged.keySet())).containsExactlyEntriesOf(acknowledged);
            });
    }
}
