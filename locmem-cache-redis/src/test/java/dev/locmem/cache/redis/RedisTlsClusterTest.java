package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Caches;
import dev.locmem.cache.InvalidCacheSettingException;
import dev.locmem.cache.redis.testsupport.RedisClusterProcesses;
import dev.locmem.cache.redis.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis Cluster over TLS, as managed services run it: three primaries that listen only on TLS ports and speak TLS on
 * the cluster bus, reached through {@code rediss://} seeds with option {@code trust-certificates}.
 */
class RedisTlsClusterTest {

    private static TestCertificates certificates;

    private static TestCertificates stranger;

    private static RedisClusterProcesses cluster;

    private final List<CacheBackend> caches = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        certificates = TestCertificates.create("cluster");
        stranger = TestCertificates.create("stranger");
        cluster = RedisClusterProcesses.startTls(3, certificates);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeCaches() {
        this.caches.forEach(CacheBackend::close);
    }

    private CacheSettings.Builder settings() {
        return CacheSettings.builder().backend(RedisCacheProvider.NAME).location(cluster.location()).keyPrefix("tls");
    }

    @Test
    void aClusterOfTlsNodesServesAnAliasAcrossSlots() {
        CacheBackend cache = new RedisCacheProvider().create(settings()
                .option(RedisCache.TRUST_CERTIFICATES, certificates.certificate().toString()).build());
        this.caches.add(cache);
        Map<String, Integer> data = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            data.put("k" + i, i);
        }
        cache.setMany(data);
        assertThat(cache.getMany(data.keySet())).containsExactlyEntriesOf(data);
        assertThat(cluster.primaries()).allSatisfy((primary) -> assertThat(cluster.keyCount(primary)).isPositive());
        assertThat(cache.incrVersion("k0")).isEqualTo(2);
        assertThat(cache.get("k0", null, 2)).isEqualTo(0);
        cache.clear();
        assertThat(cache.getMany(data.keySet())).isEmpty();
    }

    @Test
    void aClusterWhoseCertificateIsNotTrustedFailsAtStartUpNamingTheAlias() {
        CacheSettings trustingAnother = settings()
                .option(RedisCache.TRUST_CERTIFICATES, stranger.certificate().toString()).build();
        assertThatThrownBy(() -> Caches.of(Map.of("secure", trustingAnother)))
                .isInstanceOf(InvalidCacheSettingException.class)
                .hasMessageStartingWith("Cache alias 'secure': ")
                .hasMessageContaining("The TLS handshake with Redis Cluster via 127.0.0.1:")
                .hasMessageContaining("option 'trust-certificates'");
    }
}
