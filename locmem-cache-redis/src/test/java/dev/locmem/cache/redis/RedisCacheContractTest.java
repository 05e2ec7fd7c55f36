package dev.locmem.cache.redis;

import java.time.Duration;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.contract.CacheBackendContractTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Runs Django's shared cases against {@link RedisCache} on a real server, through {@link RedisCacheProvider}.
 *
 * <p>Namespace: the contract gives every backend of a test the default location, so each one is pointed at database
 * {@link TestRedis#CONTRACT_DATABASE}, which the first backend of each test empties. A key prefix per test would not
 * do: the contract checks the made keys ({@code ":1:k"}). Time passes for real ({@code Thread.sleep}), and the
 * culling cases are skipped: Redis bounds its size with its own eviction policy.
 */
class RedisCacheContractTest extends CacheBackendContractTest {

    private static TestRedis.RawClient raw;

    private boolean emptied;

    @BeforeAll
    static void connect() {
        raw = new TestRedis.RawClient(TestRedis.CONTRACT_DATABASE);
    }

    @AfterAll
    static void disconnect() {
        if (raw != null) {
            raw.commands().flushdb();
            raw.close();
        }
    }

    @Override
    protected CacheBackend createBackend(CacheSettings settings) {
        if (!this.emptied) {
            // Emptied here, not in a @BeforeEach of ours: the contract's own @BeforeEach creates a backend first.
            // A database of the test server that only this test uses: emptying it is what "a fresh namespace" means.
            raw.commands().flushdb();
            this.emptied = true;
        }
        return new RedisCacheProvider().create(settings.toBuilder().backend(RedisCacheProvider.NAME)
                .location(TestRedis.location(TestRedis.CONTRACT_DATABASE)).build());
    }

    @Override
    protected void advanceTime(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while letting time pass", ex);
        }
    }

    @Override
    protected boolean culls() {
        return false;
    }
}
