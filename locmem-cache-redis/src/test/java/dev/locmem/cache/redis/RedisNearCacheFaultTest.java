package dev.locmem.cache.redis;

import java.time.Duration;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A near cache when its tracking is lost, on a server of the test's own that it kills, restarts and pauses: it
 * stops serving copies and empties them at once, serves Redis's values meanwhile, tracks again by itself, and never
 * serves a value that changed while it was not tracking.
 */
class RedisNearCacheFaultTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    /** Long enough that a test sees the cache between losing tracking and tracking again. */
    private static final Duration RETRY = Duration.ofMillis(700);

    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    private RedisServerProcess server;

    private TestRedis.RawClient raw;

    private RedisNearCache cache;

    @BeforeEach
    void start() throws Exception {
        this.server = RedisServerProcess.startOnFreePort();
        this.raw = new TestRedis.RawClient(this.server.port(), 0);
        this.cache = NearCaches.onOwnServer(this.server, HEARTBEAT, RETRY);
        this.cache.set("k", 1);
        // The server tells this instance of its own write too; once that has arrived, nothing drops the copy.
        NearCaches.await("the invalidation of our own write", WITHIN,
                () -> this.cache.nearCacheStats().invalidations() >= 1);
        // A heartbeat that a loaded machine delays past its timeout drops the copy and reconnects; the start is only
        // done once a copy is kept, which every test below relies on.
        NearCaches.await("a kept copy of k", WITHIN, () -> {
            assertThat(this.cache.get("k")).isEqualTo(1);
            return this.cache.nearCacheStats().size() == 1;
        });
    }

    @AfterEach
    void stop() throws Exception {
        NearCaches.closeInOrder(this.cache, this.raw, this.server);
    }

    @Test
    void killingTheTrackingConnectionStopsServingCopiesUntilANewOneTracks() {
        long tracker = this.cache.trackingClientId();
        this.raw.commands().clientKill(io.lettuce.core.KillArgs.Builder.id(tracker));
        awaitLostAndEmptied("tracking lost");
        // Changed while nobody tracks for this instance: it must be read from Redis, now and after tracking is back.
        this.raw.commands().set(":1:k", "2");
        long hits = this.cache.nearCacheStats().hits();
        assertThat(this.cache.get("k")).isEqualTo(2);
        assertThat(this.cache.nearCacheStats().hits()).isEqualTo(hits);
        NearCaches.awaitTracking(this.cache);
        assertThat(this.cache.trackingClientId()).isNotEqualTo(tracker);
        assertThat(this.cache.get("k")).isEqualTo(2);
        this.raw.commands().set(":1:k", "3");
        NearCaches.await("the new connection's invalidation", WITHIN, () -> Integer.valueOf(3).equals(this.cache.get("k")));
    }

    @Test
    void killingEveryClientOfTheServerIsSurvivedWithoutAStaleRead() {
        this.raw.commands().clientKill(io.lettuce.core.KillArgs.Builder.typeNormal());
        NearCaches.await("tracking lost", WITHIN, () -> !this.cache.isTracking());
        this.raw.commands().set(":1:k", "2");
        NearCaches.awaitTracking(this.cache);
        NearCaches.await("a read that works", WITHIN, () -> readsOrFails() != null);
        assertThat(this.cache.get("k")).isEqualTo(2);
    }

    @Test
    void aRestartOfTheServerIsSurvivedWithoutAStaleRead() {
        this.server.stop();
        awaitLostAndEmptied("tracking lost");
        assertThatExceptionOfType(CacheUnavailableException.class).isThrownBy(() -> this.cache.get("k"));
        this.server.start();
        // The restarted server lost its data (no persistence); another client writes the key anew.
        this.raw.commands().set(":1:k", "2");
        NearCaches.awaitTracking(this.cache);
        NearCaches.await("the cache working again", WITHIN, () -> readsOrFails() != null);
        assertThat(this.cache.get("k")).isEqualTo(2);
        assertThat(this.cache.get("k")).isEqualTo(2);
    }

    @Test
    void aServerThatStopsAnsweringIsFoundByTheHeartbeat() throws Exception {
        this.server.pause();
        try {
            awaitLostAndEmptied("tracking lost to silence");
        }
        finally {
            this.server.resume();
        }
        NearCaches.awaitTracking(this.cache);
        NearCaches.await("the cache working again", WITHIN, () -> readsOrFails() != null);
        assertThat(this.cache.get("k")).isEqualTo(1);
    }

    /** Waits until the cache serves no copy and keeps none (it stops serving first, then drops them). */
    private void awaitLostAndEmptied(String what) {
        NearCaches.await(what, WITHIN, () -> !this.cache.isTracking() && this.cache.nearCacheStats().size() == 0);
    }

    /** A read of {@code k}, or {@code null} while the cache's circuit still fails it. */
    private Object readsOrFails() {
        try {
            return this.cache.get("k", "missing");
        }
        catch (CacheUnavailableException ex) {
            return null;
        }
    }
}
