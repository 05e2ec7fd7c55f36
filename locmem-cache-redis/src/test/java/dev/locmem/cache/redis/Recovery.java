package dev.locmem.cache.redis;

import java.time.Duration;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

/** How the outage tests wait for a cache to serve again after its server came back: bounded, then failing. */
final class Recovery {

    private Recovery() {
    }

    /** Retries a read until it works, failing after {@code within}. */
    static void awaitWorking(RedisCache cache, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                cache.hasKey("probe");
                return;
            }
            catch (CacheUnavailableException ex) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The cache did not recover within " + within, ex);
                }
                RedisServerProcess.sleep(20);
            }
        }
    }
}
