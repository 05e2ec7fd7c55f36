package dev.locmem.cache.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.locmem.cache.Caches;
import dev.locmem.cache.redis.RedisCache;
import dev.locmem.cache.redis.testsupport.RedisClusterProcesses;
import dev.locmem.cache.redis.testsupport.RedisSentinelProcesses;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import dev.locmem.cache.redis.testsupport.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocMemCacheRedisConfiguration} over the production topologies as Spring Boot configures the application's
 * connection: {@code spring.data.redis.cluster.*}, {@code spring.data.redis.sentinel.*}, and TLS through an SSL bundle
 * ({@code spring.ssl.bundle.*}), each against real servers that this class starts, and an alias without a location
 * using that connection.
 */
class LocMemCacheRedisTopologiesTests {

    private static RedisClusterProcesses cluster;

    private static RedisSentinelProcesses sentinels;

    private static TestCertificates certificates;

    private static RedisServerProcess tlsServer;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DataRedisAutoConfiguration.class,
                LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class))
        .withUserConfiguration(EnableCachingConfiguration.class)
        .withPropertyValues("app.caches.default.backend=redis", "spring.data.redis.timeout=2s");

    @BeforeAll
    static void startServers() throws Exception {
        cluster = RedisClusterProcesses.start(3, 0);
        sentinels = RedisSentinelProcesses.start(1);
        certificates = TestCertificates.create("server");
        tlsServer = RedisServerProcess.startTlsOnFreePort(certificates.certificate(), certificates.privateKey(),
                certificates.certificate());
    }

    @AfterAll
    static void stopServers() {
        if (cluster != null) {
            cluster.close();
        }
        if (sentinels != null) {
            sentinels.close();
        }
        if (tlsServer != null) {
            tlsServer.close();
        }
    }

    private static RedisCache defaultCache(ApplicationContext context) {
        return (RedisCache) context.getBean(Caches.class).get("default");
    }

    private static String clusterNodes() {
        return cluster.primaries().stream().map((node) -> RedisServerProcess.HOST + ":" + node.port())
            .collect(Collectors.joining(","));
    }

    @Test
    void anAliasWithoutALocationUsesTheApplicationsClusterConnection() {
        this.runner
            .withPropertyValues("spring.data.redis.cluster.nodes=" + clusterNodes(),
                    "spring.data.redis.lettuce.cluster.refresh.adaptive=true",
                    "spring.data.redis.lettuce.cluster.refresh.period=10s")
            .run((context) -> {
                RedisCache cache = defaultCache(context);
                assertThat(cache.location()).startsWith("Redis Cluster via ");
                cache.setMany(Map.of("a", 1, "b", 2, "c", 3));
                assertThat(cache.getMany(List.of("a", "b", "c"))).containsOnly(Map.entry("a", 1), Map.entry("b", 2),
                        Map.entry("c", 3));
                cache.clear();
                assertThat(cache.getMany(List.of("a", "b", "c"))).isEmpty();
            });
    }

    @Test
    void aNearCacheOverTheApplicationsClusterConnectionFailsStartUpNamingTheAlias() {
        this.runner
            .withPropertyValues("spring.data.redis.cluster.nodes=" + clusterNodes(),
                    "app.caches.default.options.near-cache.max-entries=100")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new InvalidCachePropertyFailureAnalyzer()
                    .analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription())
                    .contains("Property: app.caches.default.options.near-cache.max-entries")
                    .contains("A near cache cannot run on Redis Cluster via");
            });
    }

    @Test
    void anAliasWithoutALocationUsesTheApplicationsSentinelConnection() {
        String nodes = sentinels.sentinels().stream().map((node) -> RedisServerProcess.HOST + ":" + node.port())
            .collect(Collectors.joining(","));
        this.runner
            .withPropertyValues("spring.data.redis.sentinel.master=" + RedisSentinelProcesses.MASTER_NAME,
                    "spring.data.redis.sentinel.nodes=" + nodes)
            .run((context) -> {
                RedisCache cache = defaultCache(context);
                assertThat(cache.location()).startsWith("Redis Sentinel master '" + RedisSentinelProcesses.MASTER_NAME);
                cache.set("k", "v");
                assertThat(cache.get("k")).isEqualTo("v");
            });
    }

    @Test
    void anAliasWithoutALocationUsesTheApplicationsConnectionOverTlsWithAnSslBundle() {
        this.runner
            .withPropertyValues(
                    "spring.ssl.bundle.pem.redis.truststore.certificate=file:"
                            + certificates.certificate().toAbsolutePath(),
                    "spring.data.redis.host=" + RedisServerProcess.HOST,
                    "spring.data.redis.port=" + tlsServer.port(), "spring.data.redis.ssl.bundle=redis")
            .run((context) -> {
                RedisCache cache = defaultCache(context);
                cache.set("k", "over tls");
                assertThat(cache.get("k")).isEqualTo("over tls");
            });
    }
}
