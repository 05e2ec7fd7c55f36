package dev.locmem.cache.redis;

import java.time.Duration;

import dev.locmem.cache.CacheBackend;

import static org.assertj.core.api.Assertions.assertThat;

/** Waits on near caches in tests, always within a bound. */
final class NearCaches {

    static final Duration TRACKING_WITHIN = Duration.ofSeconds(10);

    private NearCaches() {
    }

    /** Waits until a near cache tracks (serves copies), failing past {@link #TRACKING_WITHIN}. */
    static RedisNearCache awaitTracking(CacheBackend backend) {
        assertThat(backend).isInstanceOf(RedisNearCache.class);
        RedisNearCache near = (RedisNearCache) backend;
        long deadline = System.nanoTime() + TRACKING_WITHIN.toNanos();
        while (!near.isTracking()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Near cache did not start tracking within " + TRACKING_WITHIN + ": " + near);
            }
            pause(5);
        }
        return near;
    }

    /** Waits until a condition holds, failing with {@code what} past {@code within}. */
    static void await(String what, Duration within, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + within + ": " + what);
            }
            pause(2);
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
