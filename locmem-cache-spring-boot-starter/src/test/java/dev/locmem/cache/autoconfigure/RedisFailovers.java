package dev.locmem.cache.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.redis.RedisCache;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/** What the failover tests over Spring Boot's own Redis connections assert, whatever the topology. */
final class RedisFailovers {

    private RedisFailovers() {
    }

    /**
     * Writes and reads a key until the cache works again, failing when it has not within the bound.
     * @return how long after the kill it worked again
     */
    static Duration awaitWorking(RedisCache cache, long killedNanos, Duration within) {
        while (true) {
            try {
                cache.set("k", "after");
                if ("after".equals(cache.get("k"))) {
                    return Duration.ofNanos(System.nanoTime() - killedNanos);
                }
            }
            catch (CacheUnavailableException ex) {
                assertThat(Duration.ofNanos(System.nanoTime() - killedNanos)).as("recovered in time")
                    .isLessThan(within);
            }
            RedisServerProcess.sleep(100);
        }
    }

    /** Writes 100 keys, each acknowledged, and returns them with their values, to be read back. */
    static Map<String, Integer> writeAcknowledged(RedisCache cache) {
        Map<String, Integer> acknowledged = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            cache.set("after-" + i, i);
            acknowledged.put("after-" + i, i);
        }
        return acknowledged;
    }
}
