package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.redis.testsupport.RedisClusterProcesses;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The outage cases of {@link RedisCacheOutageTest} that apply to a cluster of three primaries without replicas, whose
 * every node the test stops by pid and starts again (or one it freezes): while the cluster is down every operation
 * fails fast with {@link CacheUnavailableException} naming the cluster; once it is back, the same cache works again.
 * And a cluster connection factory of the application's, as Spring Boot makes one from
 * {@code spring.data.redis.cluster.*}, serves a cache like a location of its own.
 */
class RedisClusterOutageTest {

    private static final Duration FAILS_WITHIN = Duration.ofMillis(1500);

    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(20);

    private RedisClusterProcesses cluster;

    private RedisCache cache;

    @BeforeEach
    void startCluster() throws Exception {
        this.cluster = RedisClusterProcesses.start(3, 0);
        this.cache = RedisCache.builder().location(this.cluster.location()).commandTimeout(Duration.ofMillis(500))
                .build();
    }

    @AfterEach
    void stopCluster() {
        if (this.cache != null) {
            this.cache.close();
        }
        if (this.cluster != null) {
            this.cluster.close();
        }
    }

    @Test
    void everyOperationFailsFastWithCacheUnavailableWhileTheClusterIsDown() {
        this.cache.set("k", "v");
        this.cluster.nodes().forEach(RedisServerProcess::stop);
        Outages.assertEveryOperationFailsFast(this.cache, "Redis Cluster via 127.0.0.1:", FAILS_WITHIN);
    }

    @Test
    void theSameCacheWorksAgainOnceTheClusterIsBack() {
        this.cache.set("k", "before");
        this.cluster.nodes().forEach(RedisServerProcess::stop);
        assertThatThrownBy(() -> this.cache.get("k")).isInstanceOf(CacheUnavailableException.class);

        // Each node keeps its nodes.conf, so the cluster forms again by itself, empty (no persistence).
        this.cluster.nodes().forEach(RedisServerProcess::start);
        // Back means every node serves again; until then some answer CLUSTERDOWN, and the cache fails open.
        this.cluster.awaitOk();
        Recovery.awaitWorking(this.cache, RECOVERS_WITHIN);
        this.cache.setMany(Map.of("k", "after", "l", "also"));
        assertThat(this.cache.getMany(List.of("k", "l"))).containsEntry("k", "after").containsEntry("l", "also");
    }

    @Test
    void aPrimaryThatDoesNotAnswerIsUnavailableAfterTheCommandTimeout() throws Exception {
        this.cache.set("k", "v");
        RedisServerProcess primary = this.cluster.primaryOf(":1:k");
        primary.pause();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> this.cache.get("k")).isInstanceOf(CacheUnavailableException.class)
                    .hasMessageContaining("get of key 'k'");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), FAILS_WITHIN);
        }
        finally {
            primary.resume();
        }
        // Frozen, not stopped: the primary kept its data, and the cluster takes it back once every node agrees.
        this.cluster.awaitOk();
        Recovery.awaitWorking(this.cache, RECOVERS_WITHIN);
        assertThat(this.cache.get("k")).isEqualTo("v");
    }

    @Test
    void anApplicationsClusterConnectionFactoryServesTheCache() {
        RedisClusterConfiguration configuration = new RedisClusterConfiguration(
                this.cluster.primaries().stream().map((node) -> RedisServerProcess.HOST + ":" + node.port()).toList());
        LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
        factory.afterPropertiesSet();
        factory.start();
        try (CacheBackend cache = new RedisCacheProvider().create(CacheSettings.builder()
                .backend(RedisCacheProvider.NAME).keyPrefix("app").build(), factory)) {
            cache.setMany(Map.of("a", 1, "b", 2, "c", 3));
            assertThat(cache.getMany(List.of("a", "b", "c"))).containsExactlyInAnyOrderEntriesOf(
                    Map.of("a", 1, "b", 2, "c", 3));
            cache.clear();
            assertThat(cache.getMany(List.of("a", "b", "c"))).isEmpty();
            assertThat(cache.toString()).contains("Redis Cluster via 127.0.0.1:");
        }
        finally {
            factory.destroy();
        }
    }
}
