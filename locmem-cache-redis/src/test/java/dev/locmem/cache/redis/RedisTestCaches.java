package dev.locmem.cache.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the Redis-specific tests share: the test server's database {@link TestRedis#DATABASE}, emptied before each
 * test, a raw client to look at it, and caches on it that are closed after each test.
 */
abstract class RedisTestCaches {

    private static TestRedis.RawClient raw;

    private final List<RedisCache> caches = new ArrayList<>();

    @BeforeAll
    static void connect() {
        raw = new TestRedis.RawClient(TestRedis.DATABASE);
    }

    @AfterAll
    static void disconnect() {
        if (raw != null) {
            raw.commands().flushdb();
            raw.close();
        }
    }

    @BeforeEach
    void emptyTheDatabase() {
        // The database belongs to these tests; emptying it makes each test start from nothing.
        raw.commands().flushdb();
    }

    @AfterEach
    void closeCaches() {
        this.caches.forEach(RedisCache::close);
    }

    /** Another client's view of the database. */
    static RedisCommands<String, String> raw() {
        return raw.commands();
    }

    /** A cache on the test database with Django's defaults. */
    RedisCache cache() {
        return cache(UnaryOperator.identity());
    }

    /** A cache on the test database with Django's defaults changed by {@code customizer}. */
    RedisCache cache(UnaryOperator<RedisCache.Builder> customizer) {
        RedisCache cache = customizer.apply(RedisCache.builder().location(TestRedis.location(TestRedis.DATABASE)))
                .build();
        this.caches.add(cache);
        return cache;
    }
}
