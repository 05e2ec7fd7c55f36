package dev.locmem.cache.autoconfigure.health;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.locmem.cache.actuate.health.LocMemCacheHealthIndicator;
import dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocMemCacheHealthContributorAutoConfiguration}: a {@code locMemCache} health indicator that reports a cache
 * whose Redis server cannot be reached as {@code DEGRADED}, not {@code DOWN}.
 */
class LocMemCacheHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class,
                LocMemCacheHealthContributorAutoConfiguration.class));

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void localMemoryCachesAreUpAndNotListed() {
        this.runner.run((context) -> {
            Health health = context.getBean(LocMemCacheHealthIndicator.class).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).isEmpty();
        });
    }

    @Test
    void aRedisCacheWhoseServerCannotBeReachedIsDegradedWithItsErrorInTheDetails() throws IOException {
        int port = closedPort();
        this.runner.withPropertyValues("app.caches.default.backend=redis",
                "app.caches.default.location=redis://127.0.0.1:" + port + "/0").run((context) -> {
                    Health health = context.getBean(LocMemCacheHealthIndicator.class).health();
                    assertThat(health.getStatus()).isEqualTo(LocMemCacheHealthIndicator.DEGRADED);
                    @SuppressWarnings("unchecked")
                    Map<String, Map<String, Object>> caches = (Map<String, Map<String, Object>>) health.getDetails()
                        .get("caches");
                    assertThat(caches.get("default")).containsEntry("status", "DOWN");
                    assertThat((String) caches.get("default").get("error"))
                        .startsWith("Redis at 127.0.0.1:" + port + "/0 is unavailable");
                });
    }

    @Test
    void theIndicatorIsNamedLocMemCache() {
        this.runner.run((context) -> assertThat(context).hasBean("locMemCacheHealthIndicator"));
    }

    @Test
    void theIndicatorCanBeTurnedOff() {
        this.runner.withPropertyValues("management.health.locmemcache.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(LocMemCacheHealthIndicator.class));
    }

    @Test
    void withoutSpringBootsHealthSupportThereIsNoIndicator() {
        this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
            .run((context) -> assertThat(context).doesNotHaveBean(LocMemCacheHealthIndicator.class));
    }
}
