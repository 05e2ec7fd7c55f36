package dev.locmem.cache.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration;
import dev.locmem.cache.autoconfigure.metrics.LocMemCacheMetricsAutoConfiguration;
import dev.locmem.cache.metrics.CacheUnavailableMetrics;
import dev.locmem.cache.redis.RedisCache;
import dev.locmem.cache.spring.CacheBackendCache;
import dev.locmem.cache.testsupport.RawRedisClient;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole application whose default alias is switched to Redis by configuration alone
 * ({@code app.caches.default.backend=redis}), over Spring Boot's own Redis connection ({@code spring.data.redis.*}),
 * against a real {@code redis-server} that the test starts on a free loopback port, stops by pid (it exits without
 * saving) and starts again ({@link RedisServerProcess}: the one on {@code PATH}, or the one the test dependency
 * embedded-redis ships).
 *
 * <p>While the server is down, {@code @Cacheable} methods fail open: they return by calling the method, the outage is
 * logged at WARN once, and {@code cache.unavailable} counts the failed operations. How long each call takes then is
 * the application connection's business: with Spring Boot's defaults Lettuce queues commands until the 60-second
 * command timeout, so the application sets {@code spring.data.redis.timeout}; one that also rejects commands while
 * disconnected (its own {@link LettuceClientOptionsBuilderCustomizer}) fails open at once.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisBackedApplicationTests {

    /** The command timeout of the application's connection: how long a cache operation may wait while Redis is down. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofMillis(200);

    /**
     * How long one {@code @Cacheable} call may take while Redis is down: a read and a write, each up to the command
     * timeout, with room for a slow CI machine.
     */
    private static final Duration FAILS_OPEN_WITHIN = Duration.ofSeconds(2);

    /**
     * How long caching may take to work again once the server is back: Lettuce reconnects with a delay that doubles
     * while the server is down (up to 30 s), and these outages last about a second.
     */
    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(20);

    private static RedisServerProcess server;

    private static RawRedisClient redis;

    private final List<Duration> callsWhileDown = new ArrayList<>();

    /** The application's own configuration: caching on, and a service with cached methods. */
    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class BookApplication {

        @Bean
        BookService bookService() {
            return new BookService();
        }
    }

    /** An application whose Redis connection rejects commands while disconnected instead of queueing them. */
    @Configuration(proxyBeanMethods = false)
    static class RejectCommandsWhileDisconnected {

        @Bean
        LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
            return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
        }
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Starts the server for the first test, and again after a test that stopped it; fails each test, with the reason,
     * when no {@code redis-server} can be started.
     */
    @BeforeEach
    void startEmptyServer() throws Exception {
        if (server == null) {
            server = RedisServerProcess.startOnFreePort();
            redis = new RawRedisClient(server.port());
        }
        if (!server.isRunning()) {
            server.start();
        }
        redis.flushAll();
    }

    private ApplicationContextRunner application() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
                    LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class,
                    LocMemCacheMetricsAutoConfiguration.class, CacheMetricsAutoConfiguration.class))
            .withUserConfiguration(BookApplication.class)
            .withBean(SimpleMeterRegistry.class)
            .withPropertyValues("app.caches.default.backend=redis", "app.caches.default.timeout=600",
                    "spring.data.redis.host=" + RedisServerProcess.HOST,
                    "spring.data.redis.port=" + server.port(),
                    "spring.data.redis.timeout=" + COMMAND_TIMEOUT.toMillis() + "ms");
    }

    private static String redisKey(AssertableApplicationContext context, String cacheName, String key) {
        CacheBackendCache cache = (CacheBackendCache) context.getBean(CacheManager.class).getCache(cacheName);
        return cache.getNativeCache().makeKey(key);
    }

    private static double gets(MeterRegistry registry, String result) {
        return registry.get("cache.gets").tag("cache", "books").tag("result", result).functionCounter().count();
    }

    private static double unavailable(MeterRegistry registry, String operation) {
        var counter = registry.find(CacheUnavailableMetrics.METER_NAME).tag("cache", "books")
            .tag("operation", operation).counter();
        return (counter != null) ? counter.count() : 0;
    }

    /** Calls {@code title} while the server is down, recording how long the call took. */
    private String titleWhileDown(BookService books, String isbn) {
        long start = System.nanoTime();
        String title = books.title(isbn);
        this.callsWhileDown.add(Duration.ofNanos(System.nanoTime() - start));
        return title;
    }

    @Test
    void theDefaultAliasIsARedisCacheOverTheApplicationsConnection() {
        application().run((context) -> {
            assertThat(context).hasNotFailed();
            RedisCache cache = (RedisCache) context.getBean(CacheManager.class).getCache("books").getNativeCache();
            assertThat(cache.location()).isEqualTo("Redis at 127.0.0.1:" + server.port() + "/0");
        });
    }

    @Test
    void aSecondCallIsAHitFromRedis() {
        application().run((context) -> {
            BookService books = context.getBean(BookService.class);
            assertThat(books.title("978-1")).isEqualTo("Title of 978-1");
            assertThat(redis.deserializedValue(redisKey(context, "books", "978-1"))).isEqualTo("Title of 978-1");
            assertThat(books.title("978-1")).isEqualTo("Title of 978-1");
            assertThat(books.titleLookups()).isEqualTo(1);
        });
    }

    @Test
    void anotherApplicationOverTheSameServerSharesTheEntries() {
        application().run((first) -> first.getBean(BookService.class).title("978-2"));
        application().run((second) -> {
            BookService books = second.getBean(BookService.class);
            assertThat(books.title("978-2")).isEqualTo("Title of 978-2");
            assertThat(books.titleLookups()).isZero();
        });
    }

    @Test
    void cacheGetsCountsTheMissAndTheHit() {
        application().run((context) -> {
            BookService books = context.getBean(BookService.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            books.title("978-3");
            books.title("978-3");
            assertThat(gets(registry, "miss")).isEqualTo(1);
            assertThat(gets(registry, "hit")).isEqualTo(1);
        });
    }

    /** Caches a title, stops the server, and calls the method three times while it is down. */
    private void duringAnOutage(AssertableApplicationContext context) {
        BookService books = context.getBean(BookService.class);
        books.title("978-4");
        server.stop();
        for (int i = 0; i < 3; i++) {
            assertThat(titleWhileDown(books, "978-4")).isEqualTo("Title of 978-4");
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void whileRedisIsDownCachedMethodsReturnByCallingTheMethodWithinTheCommandTimeouts() {
        application().run((context) -> {
            duringAnOutage(context);
            assertThat(context.getBean(BookService.class).titleLookups()).isEqualTo(4);
            // A read and a write, each failing after the command timeout.
            assertThat(this.callsWhileDown).allSatisfy((took) -> assertThat(took).isLessThan(FAILS_OPEN_WITHIN));
            System.out.println("Calls while Redis was down (command timeout " + COMMAND_TIMEOUT.toMillis() + " ms): "
                    + this.callsWhileDown);
        });
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void anOutageIsLoggedAtWarnOnce(CapturedOutput output) {
        application().run((context) -> {
            duringAnOutage(context);
            // Lines, whatever the log format: Spring Boot's once some test has initialized logging, Logback's before.
            assertThat(output.toString().lines()
                .filter((line) -> line.contains("WARN") && line.contains("Cache 'books' is unavailable")))
                .hasSize(1);
        });
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void cacheUnavailableCountsEveryOperationThatFailedOpen() {
        application().run((context) -> {
            duringAnOutage(context);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            // Each call read (a miss) and then wrote the loaded value: both failed.
            assertThat(unavailable(registry, "get")).isEqualTo(3);
            assertThat(unavailable(registry, "put")).isEqualTo(3);
        });
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void whenRedisComesBackOnTheSamePortCachingWorksAgain() {
        application().run((context) -> {
            BookService books = context.getBean(BookService.class);
            books.title("978-5");
            server.stop();
            books.title("978-5");
            server.start();
            long restarted = System.nanoTime();
            // The server exited without saving: once reconnected, the next call loads the entry and stores it again.
            await().atMost(RECOVERS_WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
                books.title("978-5");
                assertThat(redis.exists(redisKey(context, "books", "978-5"))).isTrue();
            });
            System.out.println("Caching worked again " + Duration.ofNanos(System.nanoTime() - restarted)
                    + " after Redis was back");
            int lookups = books.titleLookups();
            assertThat(books.title("978-5")).isEqualTo("Title of 978-5");
            assertThat(books.titleLookups()).isEqualTo(lookups);
        });
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aConnectionThatRejectsCommandsWhileDisconnectedFailsOpenAtOnce() {
        application().withUserConfiguration(RejectCommandsWhileDisconnected.class).run((context) -> {
            BookService books = context.getBean(BookService.class);
            books.title("978-6");
            server.stop();
            for (int i = 0; i < 3; i++) {
                assertThat(titleWhileDown(books, "978-6")).isEqualTo("Title of 978-6");
            }
            // Rejected, not timed out: each call is well under one command timeout, let alone a read and a write.
            assertThat(this.callsWhileDown).allSatisfy((took) -> assertThat(took).isLessThan(COMMAND_TIMEOUT));
            System.out.println("Calls while Redis was down (commands rejected while disconnected): "
                    + this.callsWhileDown);
        });
    }
}
