package dev.locmem.cache.redis;

import java.time.Duration;
import java.util.Map;

import dev.locmem.cache.CacheMeasurements.Measurement;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import io.lettuce.core.KillArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a near cache shows of itself, on a server of the test's own: its measurements ({@code cache.near.*}, which the
 * starter makes meters) and its health details, following the tracking connection as it is killed and comes back.
 */
class RedisNearCacheObservabilityTest {

    private static final Duration WITHIN = Duration.ofSeconds(15);

    /** Long enough that a test sees the cache between losing tracking and tracking again. */
    private static final Duration RETRY = Duration.ofMillis(1500);

    private static final Duration HEARTBEAT = Duration.ofMillis(200);

    private RedisServerProcess server;

    private TestRedis.RawClient raw;

    private RedisNearCache cache;

    @BeforeEach
    void start() throws Exception {
        this.server = RedisServerProcess.startOnFreePort();
        this.raw = new TestRedis.RawClient(this.server.port(), 0);
        this.cache = NearCaches.onOwnServer(this.server, HEARTBEAT, RETRY);
    }

    @AfterEach
    void stop() throws Exception {
        NearCaches.closeInOrder(this.cache, this.raw, this.server);
    }

    /** The value of the cache's measurement of that name and tags; fails when it reports none. */
    private double measured(String name, Map<String, String> tags) {
        return this.cache.measurements().stream()
            .filter((measurement) -> measurement.name().equals(name) && measurement.tags().equals(tags))
            .mapToDouble(Measurement::value)
            .findFirst()
            .orElseThrow(() -> new AssertionError("No measurement " + name + tags + " in " + this.cache.measurements()));
    }

    private double tracking() {
        return measured("cache.near.tracking", Map.of());
    }

    private void killTheTrackingConnection() {
        long tracker = this.cache.trackingClientId();
        assertThat(tracker).isPositive();
        this.raw.commands().clientKill(KillArgs.Builder.id(tracker));
    }

    /** Writes a key and waits for the server's invalidation of it, after which nothing drops the next copy. */
    private void setAndSettle(String key, Object value) {
        long before = this.cache.nearCacheStats().invalidations();
        this.cache.set(key, value);
        NearCaches.await("the invalidation of our own write", WITHIN,
                () -> this.cache.nearCacheStats().invalidations() > before);
    }

    @Test
    void theTrackingMeasurementGoesToZeroWhenTheTrackingConnectionIsKilledAndBackToOneAfterRecovery() {
        assertThat(tracking()).isEqualTo(1);
        killTheTrackingConnection();
        NearCaches.await("cache.near.tracking at 0", WITHIN, () -> tracking() == 0);
        NearCaches.await("cache.near.tracking back at 1", WITHIN, () -> tracking() == 1);
    }

    @Test
    void theTrackingDetailIsDownWithAReasonWhenTheTrackingConnectionIsKilledAndUpAfterRecovery() {
        assertThat(this.cache.details()).containsOnlyKeys("nearCache");
        assertThat(nearCacheDetails()).containsEntry("tracking", "UP").doesNotContainKey("reason");
        killTheTrackingConnection();
        assertThat(awaitNearCacheDetails("DOWN")).containsKey("reason");
        assertThat(awaitNearCacheDetails("UP")).doesNotContainKey("reason");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> nearCacheDetails() {
        return (Map<String, Object>) this.cache.details().get("nearCache");
    }

    /** Waits for details whose {@code tracking} is the one given, and returns those very details. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> awaitNearCacheDetails(String tracking) {
        Map<String, Object>[] seen = new Map[1];
        NearCaches.await("nearCache.tracking " + tracking, WITHIN, () -> {
            seen[0] = nearCacheDetails();
            return tracking.equals(seen[0].get("tracking"));
        });
        return seen[0];
    }

    @Test
    void nearHitsAndMissesAddUpToTheCachesReads() {
        setAndSettle("k", 1);
        this.cache.get("k");
        this.cache.get("k");
        this.cache.get("k");
        this.cache.get("absent");
        double hits = measured("cache.near.gets", Map.of("result", "hit"));
        double misses = measured("cache.near.gets", Map.of("result", "miss"));
        // The first read of k and the read of the absent key asked Redis; the two after the first came from memory.
        assertThat(hits).isEqualTo(2);
        assertThat(misses).isEqualTo(2);
        assertThat(hits + misses).isEqualTo(this.cache.stats().hits() + this.cache.stats().misses());
    }

    @Test
    void readsWhileNotTrackingAreNearMisses() {
        setAndSettle("k", 1);
        this.cache.get("k");
        killTheTrackingConnection();
        NearCaches.await("tracking lost", WITHIN, () -> !this.cache.isTracking());
        double hits = measured("cache.near.gets", Map.of("result", "hit"));
        double misses = measured("cache.near.gets", Map.of("result", "miss"));
        this.cache.get("k");
        // Also if tracking came back meanwhile: losing it emptied the copy, so the read asked Redis either way.
        assertThat(measured("cache.near.gets", Map.of("result", "miss"))).isEqualTo(misses + 1);
        assertThat(measured("cache.near.gets", Map.of("result", "hit"))).isEqualTo(hits);
    }

    @Test
    void aChangeByAnotherClientIsCountedAsAnInvalidation() {
        setAndSettle("k", 1);
        double before = measured("cache.near.invalidations", Map.of());
        this.raw.commands().set(":1:k", "2");
        NearCaches.await("cache.near.invalidations counting the foreign write", WITHIN,
                () -> measured("cache.near.invalidations", Map.of()) > before);
    }

    @Test
    void aLostTrackingConnectionIsCountedAsAFlush() {
        double before = measured("cache.near.flushes", Map.of());
        killTheTrackingConnection();
        NearCaches.await("cache.near.flushes counting the lost tracking", WITHIN,
                () -> measured("cache.near.flushes", Map.of()) > before);
    }
}
