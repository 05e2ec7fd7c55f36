package dev.locmem.cache.redis;

import java.time.Duration;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.contract.CacheBackendContractTest;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import dev.locmem.cache.redis.testsupport.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs Django's shared cases against {@link RedisCache} on a server that listens only on a TLS port, with a
 * certificate the test made, through {@link RedisCacheProvider} with a {@code rediss://} location that trusts that
 * certificate by option {@code trust-certificates}.
 *
 * <p>Namespace: the first backend of each test empties the database. Time passes for real, and the culling cases are
 * skipped, as on a plain server.
 */
class RedisTlsContractTest extends CacheBackendContractTest {

    private static TestCertificates certificates;

    private static RedisServerProcess server;

    private static RedisTlsClient raw;

    private boolean emptied;

    @BeforeAll
    static void startServer() throws Exception {
        certificates = TestCertificates.create("server");
        server = RedisServerProcess.startTlsOnFreePort(certificates.certificate(), certificates.privateKey(),
                certificates.certificate());
        raw = new RedisTlsClient(server.port(), certificates.certificate());
    }

    @AfterAll
    static void stopServer() {
        if (raw != null) {
            raw.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected CacheBackend createBackend(CacheSettings settings) {
        if (!this.emptied) {
            // The contract's own @BeforeEach creates a backend first, so the database is emptied here.
            raw.commands().flushdb();
            this.emptied = true;
        }
        return new RedisCacheProvider().create(settings.toBuilder().backend(RedisCacheProvider.NAME)
                .location("rediss://" + RedisServerProcess.HOST + ":" + server.port() + "/0")
                .option(RedisCache.TRUST_CERTIFICATES, certificates.certificate().toString()).build());
    }

    @Override
    protected void advanceTime(Duration duration) {
        RedisServerProcess.sleep(duration.toMillis());
    }

    @Override
    protected boolean culls() {
        return false;
    }
}
