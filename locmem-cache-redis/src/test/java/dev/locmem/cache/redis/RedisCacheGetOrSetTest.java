package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.locmem.cache.Timeout;
import dev.locmem.cache.redis.testsupport.CountingConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * {@link RedisCache#getOrSet}: Django's get, add, get, in at most two round trips, counted by the connections that
 * send them ({@link CountingConnectionFactory}).
 */
class RedisCacheGetOrSetTest extends RedisTestCaches {

    private LettuceConnectionFactory lettuce;

    private CountingConnectionFactory counting;

    private RedisCache countedCache;

    @AfterEach
    void closeTheCountedCache() {
        if (this.countedCache != null) {
            this.countedCache.close();
        }
        if (this.lettuce != null) {
            this.lettuce.destroy();
        }
    }

    @Test
    void aMissTakesTwoRoundTripsAndStoresTheLoadedValue() {
        RedisCache cache = countedCache();

        long roundTrips = roundTrips(() -> assertThat(cache.getOrSet("k", () -> "loaded")).isEqualTo("loaded"));

        assertThat(roundTrips).isEqualTo(2);
        assertThat(cache.get("k")).isEqualTo("loaded");
    }

    @Test
    void aHitTakesOneRoundTripAndDoesNotLoad() {
        RedisCache cache = countedCache();
        cache.set("k", "stored");

        long roundTrips = roundTrips(() -> assertThat(cache.getOrSet("k", () -> {
            throw new AssertionError("loaded on a hit");
        })).isEqualTo("stored"));

        assertThat(roundTrips).isOne();
    }

    @Test
    void concurrentMissesOfOneKeyRunTheLoaderOnceAndAllGetItsValue() throws Exception {
        RedisCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch waitersStarted = new CountDownLatch(7);
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Object>> answers = new ArrayList<>();
            answers.add(threads.submit(() -> cache.getOrSet("k", () -> {
                loads.incrementAndGet();
                loading.countDown();
                await(waitersStarted);
                return "loaded";
            })));
            await(loading);
            for (int i = 0; i < 7; i++) {
                answers.add(threads.submit(() -> {
                    waitersStarted.countDown();
                    return cache.getOrSet("k", () -> {
                        loads.incrementAndGet();
                        return "loaded again";
                    });
                }));
            }
            for (Future<Object> answer : answers) {
                assertThat(answer.get(20, TimeUnit.SECONDS)).isEqualTo("loaded");
            }
        }
        finally {
            threads.shutdownNow();
        }
        assertThat(loads).hasValue(1);
    }

    @Test
    void aValueStoredByAnotherClientDuringTheLoadWinsOverTheLoadedOne() {
        RedisCache cache = cache();

        Object answer = cache.getOrSet("k", () -> {
            raw().set(":1:k", "7");
            return 1;
        });

        assertThat(answer).isEqualTo(7);
        assertThat(raw().get(":1:k")).isEqualTo("7");
    }

    @Test
    void theLoadedValueIsStoredWithTheTimeoutGiven() {
        cache().getOrSet("k", () -> "v", Timeout.ofSeconds(30), null);

        assertThat(raw().pttl(":1:k")).isBetween(1L, 30_000L);
    }

    @Test
    void withTimeoutNeverTheLoadedValueHasNoExpiry() {
        cache().getOrSet("k", () -> "v", Timeout.NEVER, null);

        assertThat(raw().pttl(":1:k")).isEqualTo(-1L);
    }

    @Test
    void aZeroTimeoutStoresNothingAndAnswersTheLoadedValue() {
        Object answer = cache().getOrSet("k", () -> "v", Timeout.ofSeconds(0), null);

        assertThat(answer).isEqualTo("v");
        assertThat(raw().exists(":1:k")).isZero();
    }

    @Test
    void aLoadedIntegerIsStoredAsARedisIntegerAsSetStoresIt() {
        RedisCache cache = cache();

        cache.getOrSet("n", () -> 41);

        assertThat(raw().get(":1:n")).isEqualTo("41");
        assertThat(cache.incr("n")).isEqualTo(42);
    }

    @Test
    void aStoredLoadIsCountedAsAPut() {
        RedisCache cache = cache();
        long putsBefore = cache.stats().puts();

        cache.getOrSet("k", () -> "v");

        assertThat(cache.stats().puts()).isEqualTo(putsBefore + 1);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(20, TimeUnit.SECONDS)).as("latch released in time").isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** A cache on the test database whose commands are counted. */
    private RedisCache countedCache() {
        RedisStandaloneConfiguration configuration = new RedisStandaloneConfiguration(TestRedis.HOST, TestRedis.port());
        configuration.setDatabase(TestRedis.DATABASE);
        this.lettuce = new LettuceConnectionFactory(configuration);
        this.lettuce.afterPropertiesSet();
        this.lettuce.start();
        this.counting = new CountingConnectionFactory(this.lettuce);
        this.countedCache = RedisCache.builder().connectionFactory(this.counting).build();
        return this.countedCache;
    }

    /** The commands the counted cache sent while {@code action} ran. */
    private long roundTrips(Runnable action) {
        long before = this.counting.commands();
        action.run();
        return this.counting.commands() - before;
    }
}
