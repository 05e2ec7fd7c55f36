package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.Caches;
import dev.locmem.cache.InvalidCacheSettingException;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import dev.locmem.cache.redis.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A server that listens only on a TLS port, with a certificate the test made: which certificates a cache trusts (its
 * option, else the JVM's trust store), what an untrusted one does (the alias fails at start-up, saying so), and an
 * outage of a TLS server.
 */
class RedisTlsTest {

    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(10);

    private static TestCertificates server;

    private static TestCertificates stranger;

    private RedisServerProcess process;

    @BeforeAll
    static void makeCertificates() throws Exception {
        server = TestCertificates.create("server");
        stranger = TestCertificates.create("stranger");
    }

    @BeforeEach
    void startServer() throws Exception {
        this.process = RedisServerProcess.startTlsOnFreePort(server.certificate(), server.privateKey(),
                server.certificate());
    }

    @AfterEach
    void stopServer() {
        this.process.close();
    }

    private String location() {
        return "rediss://" + RedisServerProcess.HOST + ":" + this.process.port() + "/0";
    }

    private CacheSettings.Builder settings() {
        return CacheSettings.builder().backend(RedisCacheProvider.NAME).location(location());
    }

    @Test
    void aCertificateThatIsNotTrustedFailsAtStartUpNamingTheAliasAndTheServer() {
        CacheSettings trustingAnother = settings()
                .option(RedisCache.TRUST_CERTIFICATES, stranger.certificate().toString()).build();
        assertThatThrownBy(() -> Caches.of(Map.of("secure", trustingAnother)))
                .isInstanceOf(InvalidCacheSettingException.class)
                .hasMessageStartingWith("Cache alias 'secure': ")
                .hasMessageContaining("The TLS handshake with Redis at 127.0.0.1:" + this.process.port() + "/0 failed")
                .hasMessageContaining("option 'trust-certificates'");
    }

    @Test
    void withoutTheOptionTheJvmsTrustStoreDecides() {
        // The JVM's default trust store does not know the test's certificate.
        assertThatThrownBy(() -> Caches.of(Map.of("secure", settings().build())))
                .hasMessageStartingWith("Cache alias 'secure': ")
                .hasMessageContaining("PKIX path building failed");
        withJvmTrustStore(() -> {
            try (CacheBackend cache = new RedisCacheProvider().create(settings().build())) {
                cache.set("k", "v");
                assertThat(cache.get("k")).isEqualTo("v");
            }
        });
    }

    @Test
    void aNearCacheWorksOverTlsWithTheJvmsTrustStore() {
        withJvmTrustStore(() -> {
            try (CacheBackend cache = new RedisCacheProvider().create(settings()
                    .option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 100).build());
                    RedisTlsClient raw = new RedisTlsClient(this.process.port(), server.certificate())) {
                RedisNearCache near = NearCaches.awaitTracking(cache);
                near.set("k", "v");
                assertThat(near.get("k")).isEqualTo("v");
                // Another client's write reaches the near cache as an invalidation over the TLS tracking connection.
                raw.commands().set(":1:k", "42");
                NearCaches.await("the near cache sees the other client's write", Duration.ofSeconds(5),
                        () -> Integer.valueOf(42).equals(near.get("k")));
            }
        });
    }

    @Test
    void aTlsServerThatGoesAwayFailsFastAndTheSameCacheWorksOnceItIsBack() {
        try (CacheBackend cache = new RedisCacheProvider().create(settings()
                .option(RedisCache.TRUST_CERTIFICATES, server.certificate().toString())
                .option(RedisCache.COMMAND_TIMEOUT_MS, 500).build())) {
            cache.set("k", "before");
            this.process.stop();
            assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheUnavailableException.class)
                    .hasMessageStartingWith("Redis at 127.0.0.1:" + this.process.port() + "/0 is unavailable for ");
            this.process.start();
            Recovery.awaitWorking((RedisCache) cache, RECOVERS_WITHIN);
            cache.set("k", "after");
            assertThat(cache.get("k")).isEqualTo("after");
        }
    }

    /** Runs with the JVM's trust store being the one that holds the server's certificate, then puts it back. */
    private static void withJvmTrustStore(Runnable action) {
        String[] names = { "javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
                "javax.net.ssl.trustStoreType" };
        String[] before = new String[names.length];
        for (int i = 0; i < names.length; i++) {
            before[i] = System.getProperty(names[i]);
        }
        System.setProperty(names[0], server.trustStore().toAbsolutePath().toString());
        System.setProperty(names[1], server.trustStorePassword());
        System.setProperty(names[2], "PKCS12");
        try {
            action.run();
        }
        finally {
            for (int i = 0; i < names.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(names[i]);
                }
                else {
                    System.setProperty(names[i], before[i]);
                }
            }
        }
    }
}
