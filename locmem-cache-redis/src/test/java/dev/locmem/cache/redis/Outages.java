package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

/** What the outage and failover tests of every topology check the same way. */
final class Outages {

    /**
     * Every operation of the backend, the multi-key ones with keys that a cluster puts in different slots, and the
     * health indicator's availability check.
     */
    private static final List<Consumer<RedisCache>> EVERY_OPERATION = List.of(
            (cache) -> cache.get("k"),
            (cache) -> cache.set("k", "v"),
            (cache) -> cache.add("k", "v"),
            (cache) -> cache.incr("k"),
            (cache) -> cache.touch("k"),
            (cache) -> cache.delete("k"),
            (cache) -> cache.hasKey("k"),
            (cache) -> cache.getMany(List.of("k", "l")),
            (cache) -> cache.setMany(Map.of("k", "v", "l", "w")),
            (cache) -> cache.deleteMany(List.of("k", "l")),
            (cache) -> cache.incrVersion("k"),
            (cache) -> cache.getOrSet("k", () -> "loaded"),
            RedisCache::clear,
            RedisCache::checkAvailable);

    private Outages() {
    }

    /**
     * Asserts that every operation fails with {@link CacheUnavailableException}, its message starting with
     * {@code where} (the server as messages name it), each within {@code within}.
     */
    static void assertEveryOperationFailsFast(RedisCache cache, String where, Duration within) {
        for (Consumer<RedisCache> operation : EVERY_OPERATION) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> operation.accept(cache)).isInstanceOf(CacheUnavailableException.class)
                    .hasMessageStartingWith(where);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(within);
        }
    }

    /**
     * Writes and reads key {@code k} until both work, checking that each call meanwhile fails as an outage does
     * (within {@code failsWithin}, with {@link CacheUnavailableException}, which is what {@code @Cacheable} fails
     * open on), and fails when that takes longer than {@code recoversWithin} after {@code since}.
     * @return how long after {@code since} the cache worked again, and whether its circuit was seen open meanwhile
     */
    static Failover awaitWrites(RedisCache cache, long since, Duration recoversWithin, Duration failsWithin) {
        long deadline = since + recoversWithin.toNanos();
        boolean failedOpen = false;
        while (true) {
            long start = System.nanoTime();
            try {
                cache.set("k", "after");
                if ("after".equals(cache.get("k"))) {
                    return new Failover(Duration.ofNanos(System.nanoTime() - since), failedOpen);
                }
            }
            catch (CacheUnavailableException ex) {
                failedOpen |= cache.isFailingFast();
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(failsWithin);
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The cache did not work again within " + recoversWithin, ex);
                }
            }
            RedisServerProcess.sleep(50);
        }
    }

    /**
     * How a failover went, seen from the cache.
     * @param recovered how long after the primary died the cache worked again
     * @param failedOpen whether the cache's circuit was open during the failover
     */
    record Failover(Duration recovered, boolean failedOpen) {
    }
}
