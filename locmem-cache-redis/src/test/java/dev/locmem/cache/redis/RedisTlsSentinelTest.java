package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.redis.testsupport.RedisSentinelProcesses;
import dev.locmem.cache.redis.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sentinel over TLS: a primary, its replica and a Sentinel that all listen only on TLS ports, reached through a
 * {@code rediss-sentinel://} location with option {@code trust-certificates}, which the client uses both to ask the
 * Sentinel where the primary is and to talk to the primary.
 */
class RedisTlsSentinelTest {

    private static TestCertificates certificates;

    private static RedisSentinelProcesses sentinels;

    @BeforeAll
    static void startSentinels() throws Exception {
        certificates = TestCertificates.create("sentinel");
        sentinels = RedisSentinelProcesses.start(1, certificates);
    }

    @AfterAll
    static void stopSentinels() {
        if (sentinels != null) {
            sentinels.close();
        }
    }

    @Test
    void aPrimaryBehindTlsSentinelsServesTheCache() {
        try (CacheBackend cache = new RedisCacheProvider().create(CacheSettings.builder()
                .backend(RedisCacheProvider.NAME).location(sentinels.location()).keyPrefix("tls")
                .option(RedisCache.TRUST_CERTIFICATES, certificates.certificate().toString()).build())) {
            assertThat(cache.toString()).contains("Redis Sentinel master '" + RedisSentinelProcesses.MASTER_NAME);
            cache.setMany(Map.of("a", 1, "b", 2));
            assertThat(cache.getMany(List.of("a", "b"))).containsOnly(Map.entry("a", 1), Map.entry("b", 2));
            cache.clear();
            assertThat(cache.getMany(List.of("a", "b"))).isEmpty();
        }
    }
}
