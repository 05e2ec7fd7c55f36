package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A Redis server that goes away and comes back: a second {@code redis-server} that the test starts on a free port,
 * stops by pid (it exits without saving) and starts again. While it is down every operation fails fast with
 * {@link CacheUnavailableException} naming the server and the operation; once it is back, the same cache works again
 * without being recreated.
 */
class RedisCacheOutageTest {

    /** How long an operation may take to fail while the server is down: the command timeout plus a margin. */
    private static final Duration FAILS_WITHIN = Duration.ofMillis(1500);

    /** How long the cache may take to work again once the server is back (reconnect delays are at most 1 s). */
    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(10);

    private RedisServerProcess server;

    private RedisCache cache;

    @BeforeEach
    void startServer() throws Exception {
        this.server = RedisServerProcess.startOnFreePort();
        this.cache = RedisCache.builder().location("redis://127.0.0.1:" + this.server.port() + "/0")
                .commandTimeout(Duration.ofMillis(500)).build();
    }

    @AfterEach
    void stopServer() throws Exception {
        if (this.cache != null) {
            this.cache.close();
        }
        if (this.server != null) {
            this.server.close();
        }
    }

    @Test
    void everyOperationFailsFastWithCacheUnavailableWhileTheServerIsDown() throws Exception {
        this.cache.set("k", "v");
        this.server.stop();
        Outages.assertEveryOperationFailsFast(this.cache,
                "Redis at 127.0.0.1:" + this.server.port() + "/0 is unavailable for ", FAILS_WITHIN);
    }

    @Test
    void theExceptionNamesTheOperationAndTheKey() throws Exception {
        this.server.stop();
        assertThatThrownBy(() -> this.cache.get("profile:42")).isInstanceOf(CacheUnavailableException.class)
                .hasMessageContaining("get of key 'profile:42'");
    }

    @Test
    void aServerThatDoesNotAnswerIsUnavailableAfterTheCommandTimeout() throws Exception {
        this.cache.set("k", "v");
        this.server.pause();
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> this.cache.get("k")).isInstanceOf(CacheUnavailableException.class)
                    .hasMessageContaining("get of key 'k'");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), FAILS_WITHIN);
        }
        finally {
            this.server.resume();
        }
        Recovery.awaitWorking(this.cache, RECOVERS_WITHIN);
        assertThat(this.cache.get("k")).isEqualTo("v");
    }

    @Test
    void theSameCacheWorksAgainOnceTheServerIsBack() throws Exception {
        this.cache.set("k", "before");
        this.server.stop();
        assertThatThrownBy(() -> this.cache.get("k")).isInstanceOf(CacheUnavailableException.class);

        this.server.start();
        Recovery.awaitWorking(this.cache, RECOVERS_WITHIN);
        // Stopped without saving: the restarted server is empty, and the cache stores and reads as before.
        assertThat(this.cache.get("k")).isNull();
        this.cache.set("k", "after");
        assertThat(this.cache.get("k")).isEqualTo("after");
    }

    @Test
    void aCacheCreatedWhileTheServerIsDownConnectsOnceItIsUp() throws Exception {
        this.server.stop();
        RedisCache early = RedisCache.builder().location("redis://127.0.0.1:" + this.server.port() + "/0")
                .commandTimeout(Duration.ofMillis(500)).build();
        try {
            assertThatThrownBy(() -> early.get("k")).isInstanceOf(CacheUnavailableException.class);
            this.server.start();
            Recovery.awaitWorking(early, RECOVERS_WITHIN);
            early.set("k", "v");
            assertThat(early.get("k")).isEqualTo("v");
        }
        finally {
            early.close();
        }
    }
}
