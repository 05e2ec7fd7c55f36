package dev.locmem.cache.actuate.health;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Caches;
import dev.locmem.cache.testsupport.MeasuredBackend;
import dev.locmem.cache.testsupport.MeasuredBackendProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocMemCacheHealthIndicator} with a backend that reports details of its own: they are shown beside the
 * cache's status, whatever the backend is, and do not decide it.
 */
class LocMemCacheHealthIndicatorDetailsTests {

    private final Caches caches = Caches.of(Map.of("measured",
            CacheSettings.builder().backend(MeasuredBackendProvider.class.getName()).build()));

    private final LocMemCacheHealthIndicator indicator = new LocMemCacheHealthIndicator(this.caches, null);

    @AfterEach
    void close() {
        this.caches.close();
    }

    private MeasuredBackend backend() {
        return (MeasuredBackend) this.caches.get("measured");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cacheDetails(Health health, String cache) {
        return ((Map<String, Map<String, Object>>) health.getDetails().get("caches")).get(cache);
    }

    @Test
    void aBackendsDetailsAreShownAfterItsStatus() {
        Health health = this.indicator.health();
        assertThat(cacheDetails(health, "measured")).containsExactly(Map.entry("status", "UP"),
                Map.entry("link", "UP"), Map.entry("reads", 0L));
    }

    @Test
    void aDetailThatSaysDownLeavesTheStatusUpWhileTheStoreAnswers() {
        backend().setLinked(false);
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(cacheDetails(health, "measured")).containsEntry("status", "UP").containsEntry("link", "DOWN");
    }

    @Test
    void aBackendsDetailsAreShownAlsoWhileItsStoreCannotBeReached() {
        backend().setReachable(false);
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(LocMemCacheHealthIndicator.DEGRADED);
        assertThat(cacheDetails(health, "measured")).containsEntry("status", "DOWN").containsEntry("link", "UP")
            .containsKey("error");
    }

    @Test
    void detailsThatFailAreReportedWithoutFailingTheCheck() {
        backend().failDetailsWith(new IllegalStateException("details broke"));
        Health health = this.indicator.health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat((String) cacheDetails(health, "measured").get("detailsError")).contains("details broke");
    }
}
