package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The circuit of a {@link RedisCache} against a real {@code redis-server} of the test's own: once an operation has
 * found the server unreachable, the others fail at once; and a write that failed during the outage is not undone by a
 * server that comes back with the data it had.
 *
 * <p>A server "that kept its data" is one that wrote a snapshot ({@code SAVE}) before it went down, as a server with
 * persistence does: {@link RedisServerProcess#stop()} discards what is in memory, and {@link RedisServerProcess#start()}
 * loads the snapshot from the same folder.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedisCacheCircuitTest {

    /** The command timeout: how long the first operation of an outage may wait for a server that does not answer. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(1000);

    /** How long an operation may take once the outage is known: a small fraction of the command timeout. */
    private static final Duration FAILS_FAST_WITHIN = Duration.ofMillis(50);

    /** How long the cache may take to work again once the server is back. */
    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(15);

    private RedisServerProcess server;

    private final List<RedisCache> caches = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        this.server = RedisServerProcess.startOnFreePort();
    }

    @AfterEach
    void stopServer() {
        this.caches.forEach(RedisCache::close);
        if (this.server != null) {
            this.server.close();
        }
    }

    private RedisCache cache(String keyPrefix, int maxPendingInvalidations) {
        RedisCache cache = RedisCache.builder().location("redis://127.0.0.1:" + this.server.port() + "/0")
                .keyPrefix(keyPrefix).commandTimeout(COMMAND_TIMEOUT)
                .maxPendingInvalidations(maxPendingInvalidations).build();
        this.caches.add(cache);
        return cache;
    }

    private RedisCache cache() {
        RedisCache cache = RedisCache.builder().location("redis://127.0.0.1:" + this.server.port() + "/0")
                .commandTimeout(COMMAND_TIMEOUT).build();
        this.caches.add(cache);
        return cache;
    }

    @Test
    void onceAnOutageIsKnownEveryOperationFailsWellWithinTheCommandTimeout() throws Exception {
        RedisCache cache = cache();
        cache.set("k", "v");
        this.server.pause();
        try {
            // The first operation finds out: it waits for the command timeout.
            assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheUnavailableException.class);
            List<Duration> took = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheUnavailableException.class)
                        .hasMessageStartingWith("Redis at 127.0.0.1:" + this.server.port() + "/0 is unavailable for "
                                + "get of key 'k'");
                long setStart = System.nanoTime();
                took.add(Duration.ofNanos(setStart - start));
                assertThatThrownBy(() -> cache.set("k", "w")).isInstanceOf(CacheUnavailableException.class);
                took.add(Duration.ofNanos(System.nanoTime() - setStart));
            }
            Duration slowest = Collections.max(took);
            System.out.println("Slowest of " + took.size() + " operations once the outage was known: "
                    + slowest.toNanos() / 1000 + " us (command timeout " + COMMAND_TIMEOUT.toMillis() + " ms)");
            assertThat(slowest).isLessThan(FAILS_FAST_WITHIN);
        }
        finally {
            this.server.resume();
        }
    }

    @Test
    void theAvailabilityCheckFailsAtOnceOnceAnOutageIsKnown() throws Exception {
        RedisCache cache = cache();
        cache.checkAvailable();
        this.server.pause();
        try {
            assertThatThrownBy(cache::checkAvailable).isInstanceOf(CacheUnavailableException.class);
            long start = System.nanoTime();
            assertThatThrownBy(cache::checkAvailable).isInstanceOf(CacheUnavailableException.class)
                    .hasMessageContaining("failing fast since");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILS_FAST_WITHIN);
        }
        finally {
            this.server.resume();
        }
    }

    @Test
    void theCacheStopsFailingFastOnceTheServerIsBack() throws Exception {
        RedisCache cache = cache();
        this.server.stop();
        assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheUnavailableException.class);
        assertThat(cache.isFailingFast()).isTrue();

        this.server.start();
        Recovery.awaitWorking(cache, RECOVERS_WITHIN);
        assertThat(cache.isFailingFast()).isFalse();
        cache.set("k", "after");
        assertThat(cache.get("k")).isEqualTo("after");
    }

    @Test
    void aSetThatFailedDuringAnOutageLeavesNoOlderValueToBeServedAfterIt() throws Exception {
        RedisCache cache = cache();
        cache.set("k", "v1");
        restartKeepingData(() -> assertThatThrownBy(() -> cache.set("k", "v2"))
                .isInstanceOf(CacheUnavailableException.class));
        Recovery.awaitWorking(cache, RECOVERS_WITHIN);
        assertThat(cache.get("k")).isNull();
    }

    @Test
    void aWriteNeverSentBecauseTheCircuitWasOpenLeavesNoOlderValueToBeServedAfterIt() throws Exception {
        RedisCache cache = cache();
        cache.set("k", "v1");
        restartKeepingData(() -> {
            assertThatThrownBy(() -> cache.get("other")).isInstanceOf(CacheUnavailableException.class);
            assertThat(cache.isFailingFast()).isTrue();
            assertThatThrownBy(() -> cache.set("k", "v2")).isInstanceOf(CacheUnavailableException.class)
                    .hasMessageContaining("failing fast");
        });
        Recovery.awaitWorking(cache, RECOVERS_WITHIN);
        assertThat(cache.get("k")).isNull();
    }

    @Test
    void aDeleteThatFailedDuringAnOutageIsDoneBeforeTheCacheServesAgain() throws Exception {
        RedisCache cache = cache();
        cache.set("k", "v1");
        restartKeepingData(() -> assertThatThrownBy(() -> cache.delete("k"))
                .isInstanceOf(CacheUnavailableException.class));
        Recovery.awaitWorking(cache, RECOVERS_WITHIN);
        assertThat(cache.get("k")).isNull();
    }

    @Test
    void aClearThatFailedDuringAnOutageIsDoneBeforeTheCacheServesAgain() throws Exception {
        RedisCache cache = cache("books", 100);
        RedisCache other = cache("authors", 100);
        cache.set("a", 1);
        cache.set("b", "two");
        other.set("a", "kept");
        restartKeepingData(() -> assertThatThrownBy(cache::clear).isInstanceOf(CacheUnavailableException.class));
        Recovery.awaitWorking(cache, RECOVERS_WITHIN);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isNull();
        Recovery.awaitWorking(other, RECOVERS_WITHIN);
        assertThat(other.get("a")).isEqualTo("kept");
    }

    @Test
    void pastTheBoundOfRememberedKeysTheWholeCacheIsClearedOnRecovery() throws Exception {
        RedisCache cache = cache("books", 2);
        RedisCache other = cache("authors", 2);
        for (String key : List.of("a", "b", "c", "untouched")) {
            cache.set(key, "v1");
        }
        other.set("a", "kept");
        restartKeepingData(() -> {
            for (String key : List.of("a", "b", "c")) {
                assertThatThrownBy(() -> cache.set(key, "v2")).isInstanceOf(CacheUnavailableException.class);
            }
            assertThat(cache.circuit().pendingKeyCount()).isZero();
            assertThat(cache.circuit().clearPending()).isTrue();
        });
        Recovery.awaitWorking(cache, RECOVERS_WITHIN);
        for (String key : List.of("a", "b", "c", "untouched")) {
            assertThat(cache.get(key)).as(key).isNull();
        }
        Recovery.awaitWorking(other, RECOVERS_WITHIN);
        assertThat(other.get("a")).isEqualTo("kept");
    }

    @Test
    void withinTheBoundOnlyTheKeysWhoseWritesFailedAreDeleted() throws Exception {
        RedisCache cache = cache("books", 2);
        cache.set("a", "v1");
        cache.set("untouched", "v1");
        restartKeepingData(() -> {
            assertThatThrownBy(() -> cache.set("a", "v2")).isInstanceOf(CacheUnavailableException.class);
            assertThat(cache.circuit().pendingKeyCount()).isOne();
        });
        Recovery.awaitWorking(cache, RECOVERS_WITHIN);
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("untouched")).isEqualTo("v1");
    }

    /**
     * Snapshots the server, stops it, runs {@code duringOutage}, and starts the server again: it comes back with the
     * data of the snapshot, as a server with persistence does.
     */
    private void restartKeepingData(Runnable duringOutage) {
        try (TestRedis.RawClient raw = new TestRedis.RawClient(this.server.port(), 0)) {
            raw.commands().save();
        }
        this.server.stop();
        duringOutage.run();
        this.server.start();
    }
}
