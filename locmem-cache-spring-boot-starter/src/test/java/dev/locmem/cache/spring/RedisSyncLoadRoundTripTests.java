package dev.locmem.cache.spring;

import java.io.IOException;

import dev.locmem.cache.redis.RedisCache;
import dev.locmem.cache.redis.testsupport.CountingConnectionFactory;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code @Cacheable(sync = true)} costs on Redis, counted by the connections that send the commands
 * ({@link CountingConnectionFactory}), against a real {@code redis-server} of this class's own: a miss takes two round
 * trips, a hit one.
 */
class RedisSyncLoadRoundTripTests {

    private static RedisServerProcess server;

    private static LettuceConnectionFactory lettuce;

    private static CountingConnectionFactory counting;

    private static RedisCache backend;

    @BeforeAll
    static void startServer() throws IOException {
        server = RedisServerProcess.startOnFreePort();
        lettuce = new LettuceConnectionFactory(new RedisStandaloneConfiguration(RedisServerProcess.HOST, server.port()));
        lettuce.afterPropertiesSet();
        lettuce.start();
        counting = new CountingConnectionFactory(lettuce);
        backend = RedisCache.builder().connectionFactory(counting).keyPrefix("round-trips").build();
        backend.hasKey("warm-up");
    }

    @AfterAll
    static void stopServer() {
        if (backend != null) {
            backend.close();
        }
        if (lettuce != null) {
            lettuce.destroy();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSyncMissTakesTwoRoundTrips() {
        CacheBackendCache cache = new CacheBackendCache("books", backend);
        long before = counting.commands();

        assertThat(cache.get("miss", () -> "loaded")).isEqualTo("loaded");

        assertThat(counting.commands() - before).isEqualTo(2);
    }

    @Test
    void aSyncHitTakesOneRoundTrip() {
        CacheBackendCache cache = new CacheBackendCache("books", backend);
        cache.put("hit", "stored");
        long before = counting.commands();

        assertThat(cache.get("hit", () -> "loaded")).isEqualTo("stored");

        assertThat(counting.commands() - before).isOne();
    }
}
