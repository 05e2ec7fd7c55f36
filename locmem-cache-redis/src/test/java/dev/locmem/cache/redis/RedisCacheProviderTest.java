package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Caches;
import dev.locmem.cache.InvalidCacheSettingException;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Backend {@code redis} as configuration reaches it: by name through {@link java.util.ServiceLoader}, with a location
 * or the caller's connection factory, and its options.
 */
class RedisCacheProviderTest extends RedisTestCaches {

    private static CacheSettings.Builder settings() {
        return CacheSettings.builder().backend(RedisCacheProvider.NAME).location(TestRedis.location(TestRedis.DATABASE));
    }

    @Test
    void theBackendIsFoundByItsName() {
        try (Caches caches = Caches.of(Map.of("default", settings().build()))) {
            assertThat(caches.get("default")).isInstanceOf(RedisCache.class);
            caches.get("default").set("k", "v");
        }
        assertThat(raw().exists(":1:k")).isOne();
    }

    @Test
    void theLocationSelectsTheDatabase() {
        try (RedisCache cache = RedisCache.fromSettings(settings().build());
                TestRedis.RawClient otherDatabase = new TestRedis.RawClient(TestRedis.DATABASE - 1)) {
            cache.set("k", "v");
            assertThat(raw().exists(":1:k")).isOne();
            assertThat(otherDatabase.commands().exists(":1:k")).isZero();
            assertThat(cache.location()).isEqualTo("Redis at 127.0.0.1:" + TestRedis.port() + "/" + TestRedis.DATABASE);
        }
    }

    @Test
    void optionsAreReadInAnySpelling() {
        try (RedisCache cache = RedisCache.fromSettings(settings().option("SERIALIZER", "json")
                .option("commandTimeoutMs", 500).option("scan-count", "10").build())) {
            cache.set("k", "v");
            assertThat(raw().get(":1:k")).isEqualTo("\"v\"");
        }
    }

    @Test
    void locmemOptionsAreAcceptedAndIgnored() {
        try (RedisCache cache = RedisCache.fromSettings(settings().option(CacheSettings.MAX_ENTRIES, 1)
                .option(CacheSettings.CULL_FREQUENCY, 0).build())) {
            cache.set("a", 1);
            cache.set("b", 2);
            assertThat(raw().dbsize()).isEqualTo(2);
        }
    }

    @Test
    void anUnknownOptionIsRefusedNamingTheKnownOnes() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisCache.fromSettings(settings().option("pool-size", 8).build()))
                .withMessage("Unknown option 'pool-size' for the redis backend; known options: [command-timeout-ms, "
                        + "cull-frequency, max-entries, near-cache-max-entries, near-cache-timeout, scan-count, serializer, "
                        + "store-by-value, trust-certificates]")
                .isInstanceOfSatisfying(InvalidCacheSettingException.class,
                        (ex) -> assertThat(ex.getSetting()).isEqualTo("options.pool-size"));
    }

    @Test
    void aBadOptionValueIsRefusedNamingTheOption() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisCache.fromSettings(settings().option("command-timeout-ms", 0).build()))
                .withMessageContaining("'command-timeout-ms'")
                .isInstanceOfSatisfying(InvalidCacheSettingException.class,
                        (ex) -> assertThat(ex.getSetting()).isEqualTo("options.command-timeout-ms"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisCache.fromSettings(settings().option("serializer", "xml").build()))
                .withMessageContaining("'serializer'")
                .isInstanceOfSatisfying(InvalidCacheSettingException.class,
                        (ex) -> assertThat(ex.getValue()).isEqualTo("xml"));
    }

    @Test
    void anInvalidLocationIsRefusedWithoutRevealingItsPassword() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> RedisCache.fromSettings(settings().location("redis://:s3cret@localhost:port/0").build()))
                .withMessageContaining("Invalid Redis location").withMessageNotContaining("s3cret")
                .isInstanceOfSatisfying(InvalidCacheSettingException.class, (ex) -> {
                    assertThat(ex.getSetting()).isEqualTo("location");
                    assertThat(ex.getValue()).asString().doesNotContain("s3cret");
                });
    }

    @Test
    void anEmptyLocationMeansLocalhost() {
        try (RedisCache cache = RedisCache.fromSettings(settings().location("").build())) {
            assertThat(cache.location()).isEqualTo("Redis at localhost:6379/0");
        }
    }

    @Test
    void theCallersConnectionFactoryIsUsedWhenTheLocationIsEmptyAndStaysOpen() {
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(TestRedis.HOST, TestRedis.port());
        configuration.setDatabase(TestRedis.DATABASE);
        LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
        factory.afterPropertiesSet();
        factory.start();
        try {
            RedisCache cache = (RedisCache) new RedisCacheProvider().create(settings().location("").build(), factory);
            cache.set("k", "v");
            assertThat(raw().exists(":1:k")).isOne();
            assertThat(cache.location()).isEqualTo("Redis at 127.0.0.1:" + TestRedis.port() + "/" + TestRedis.DATABASE);
            cache.close();
            try (var connection = factory.getConnection()) {
                assertThat(connection.ping()).isEqualTo("PONG");
            }
        }
        finally {
            factory.destroy();
        }
    }

    @Test
    void aLocationAndAConnectionFactoryTogetherAreRefused() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory();
        assertThatIllegalArgumentException().isThrownBy(() -> RedisCache.builder().location("redis://localhost")
                .connectionFactory(factory).build()).withMessageContaining("not both");
    }

    @Test
    void aNearCacheOnAClusterIsRefusedAtStartUpNamingTheAliasAndWhy() {
        CacheSettings onCluster = CacheSettings.builder().backend(RedisCacheProvider.NAME)
                .location("redis://10.0.0.1:7000,redis://10.0.0.2:7001")
                .option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 100).build();
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(Map.of("pages", onCluster)))
                .withMessageStartingWith("Cache alias 'pages': ")
                .withMessageContaining("A near cache cannot run on Redis Cluster via 10.0.0.1:7000,10.0.0.2:7001")
                .withMessageContaining("a tracking connection per node")
                .isInstanceOfSatisfying(InvalidCacheSettingException.class,
                        (ex) -> assertThat(ex.getSetting()).isEqualTo("options.near-cache.max-entries"));
    }

    @Test
    void aNearCacheBehindSentinelIsRefusedAtStartUpNamingTheAliasAndWhy() {
        CacheSettings behindSentinel = CacheSettings.builder().backend(RedisCacheProvider.NAME)
                .location("redis-sentinel://10.0.0.1:26379/0#primary")
                .option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 100).build();
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(Map.of("pages", behindSentinel)))
                .withMessageStartingWith("Cache alias 'pages': ")
                .withMessageContaining("A near cache cannot run on Redis Sentinel master 'primary'")
                .withMessageContaining("follow each failover");
    }

    @Test
    void aNearCacheOverAnApplicationsClusterFactoryIsRefused() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisClusterConfiguration(List.of("10.0.0.1:7000", "10.0.0.2:7001")));
        CacheSettings near = CacheSettings.builder().backend(RedisCacheProvider.NAME)
                .option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 100).build();
        assertThatIllegalArgumentException().isThrownBy(() -> new RedisCacheProvider().create(near, factory))
                .withMessageContaining("A near cache cannot run on Redis Cluster via 10.0.0.1:7000,10.0.0.2:7001");
    }

    @Test
    void aNearCacheOverAnApplicationsSentinelFactoryIsRefused() {
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                new RedisSentinelConfiguration("primary", Set.of("10.0.0.1:26379")));
        CacheSettings near = CacheSettings.builder().backend(RedisCacheProvider.NAME)
                .option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 100).build();
        assertThatIllegalArgumentException().isThrownBy(() -> new RedisCacheProvider().create(near, factory))
                .withMessageContaining("A near cache cannot run on Redis Sentinel master 'primary'")
                .withMessageContaining("follow each failover");
    }

    @Test
    void aTrustCertificatesFileThatIsNotThereIsRefusedNamingTheOption() {
        CacheSettings tls = CacheSettings.builder().backend(RedisCacheProvider.NAME).location("rediss://10.0.0.1:6380")
                .option(RedisCache.TRUST_CERTIFICATES, "/nowhere/ca.pem").build();
        assertThatIllegalArgumentException().isThrownBy(() -> Caches.of(Map.of("secure", tls)))
                .withMessageStartingWith("Cache alias 'secure': ")
                .withMessageContaining("/nowhere/ca.pem, which is not a readable file")
                .isInstanceOfSatisfying(InvalidCacheSettingException.class,
                        (ex) -> assertThat(ex.getSetting()).isEqualTo("options.trust-certificates"));
    }
}
