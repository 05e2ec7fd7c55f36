package dev.locmem.cache.redis;

import java.time.Duration;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.Timeout;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

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

    /**
     * A near cache of 100 entries on a server of the test's own, with short timeouts so that faults show quickly,
     * once it tracks.
     * @param server the server, which the test may kill, stop and restart
     * @param heartbeat how often the tracking connection is checked
     * @param retry how long after a loss a new tracking connection is tried
     */
    static RedisNearCache onOwnServer(RedisServerProcess server, Duration heartbeat, Duration retry) {
        RedisCache remote = RedisCache.builder().location("redis://" + RedisServerProcess.HOST + ":" + server.port())
                .commandTimeout(Duration.ofMillis(500)).probeInterval(Duration.ofMillis(50)).build();
        return awaitTracking(new RedisNearCache(remote, 100, Timeout.ofSeconds(60), false, heartbeat, retry));
    }

    /** Closes what a test opened, the cache before the server it uses; {@code null}s are skipped. */
    static void closeInOrder(AutoCloseable... opened) throws Exception {
        for (AutoCloseable closeable : opened) {
            if (closeable != null) {
                closeable.close();
            }
        }
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
