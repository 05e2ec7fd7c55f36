package dev.locmem.cache.app;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.Caches;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole web application whose caches are in Redis (over Spring Boot's connection, with its default of queueing
 * commands while disconnected), against a real {@code redis-server} that the tests stop and start again: a Redis
 * outage must be honest (health, the caches endpoint) and cheap (each cache call fails fast once it is known), and
 * must not leave behind a value that a write during the outage replaced.
 *
 * <p>As the README recommends when Redis serves only as this cache, Spring Boot's own {@code redis} health indicator
 * is turned off: it reports {@code DOWN} whatever this starter does.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "app.caches.default.backend=redis", "app.caches.default.timeout=600",
        "spring.data.redis.host=" + RedisServerProcess.HOST, "spring.data.redis.timeout=500ms",
        "management.endpoints.web.exposure.include=caches,health",
        "management.endpoint.health.show-details=always", "management.health.redis.enabled=false" })
class RedisOutageApplicationTests {

    /** How long a cached call may take once the outage is known: a tenth of the 500 ms command timeout. */
    private static final Duration FAILS_FAST_WITHIN = Duration.ofMillis(50);

    /** How long caching may take to work again once the server is back. */
    private static final Duration RECOVERS_WITHIN = Duration.ofSeconds(20);

    private static RedisServerProcess server;

    /** The application: a catalogue whose titles live in a map that stands for its database. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class CatalogApplication {

        @Bean
        Catalog catalog() {
            return new Catalog();
        }
    }

    /** Cached reads, a cached update and a clear of the whole cache, counting how often the database is read. */
    static class Catalog {

        private final Map<String, String> database = new ConcurrentHashMap<>();

        private final AtomicInteger reads = new AtomicInteger();

        @Cacheable("books")
        public String title(String isbn) {
            this.reads.incrementAndGet();
            return this.database.getOrDefault(isbn, "untitled");
        }

        @CachePut(cacheNames = "books", key = "#isbn")
        public String rename(String isbn, String title) {
            this.database.put(isbn, title);
            return title;
        }

        @CacheEvict(cacheNames = "books", allEntries = true)
        public void reindex() {
        }

        int reads() {
            return this.reads.get();
        }
    }

    @Autowired
    private Catalog catalog;

    @Autowired
    private Caches caches;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void redisServer(DynamicPropertyRegistry registry) throws IOException {
        server = RedisServerProcess.startOnFreePort();
        registry.add("spring.data.redis.port", server::port);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Each test starts with the server up, empty, and the cache serving from it again. */
    @BeforeEach
    void serverUpAndEmpty() {
        if (!server.isRunning()) {
            server.start();
        }
        redis((connection) -> connection.sync().flushall());
        awaitCaching("warm-up");
        awaitDefaultAliasServing();
    }

    @Test
    void theApplicationStaysUpWhileTheCacheHealthSaysItsRedisIsDown() throws Exception {
        this.catalog.title("isbn-1");
        server.stop();

        HttpResponse<String> application = send("GET", "/actuator/health");
        HttpResponse<String> cache = send("GET", "/actuator/health/locMemCache");

        assertThat(application.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(application.body(), "$.status")).isEqualTo("UP");
        assertThat(cache.statusCode()).isEqualTo(200);
        assertThat(JsonPath.<String>read(cache.body(), "$.status")).isEqualTo("DEGRADED");
        assertThat(JsonPath.<String>read(cache.body(), "$.details.caches.books.status")).isEqualTo("DOWN");
        assertThat(JsonPath.<String>read(cache.body(), "$.details.caches.books.error"))
                .startsWith("Redis at 127.0.0.1:" + server.port() + "/0 is unavailable");
    }

    @Test
    void theCacheHealthIsUpWhileItsRedisAnswers() throws Exception {
        this.catalog.title("isbn-1");

        HttpResponse<String> cache = send("GET", "/actuator/health/locMemCache");

        assertThat(JsonPath.<String>read(cache.body(), "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(cache.body(), "$.details.caches.books.status")).isEqualTo("UP");
    }

    @Test
    void clearingACacheThroughTheEndpointWhileRedisIsDownAnswersWithAnError() throws Exception {
        this.catalog.title("isbn-1");
        server.stop();

        HttpResponse<String> clear = send("DELETE", "/actuator/caches/books");

        assertThat(clear.statusCode()).isEqualTo(503);
    }

    @Test
    void clearingEveryCacheThroughTheEndpointWhileRedisIsDownAnswersWithAnError() throws Exception {
        this.catalog.title("isbn-1");
        server.stop();

        HttpResponse<String> clear = send("DELETE", "/actuator/caches");

        assertThat(clear.statusCode()).isEqualTo(500);
    }

    @Test
    void clearingACacheThroughTheEndpointWhileRedisAnswersStillAnswersNoContent() throws Exception {
        this.catalog.title("isbn-1");

        assertThat(send("DELETE", "/actuator/caches/books").statusCode()).isEqualTo(204);
        assertThat(send("DELETE", "/actuator/caches/nonexistent-cache").statusCode()).isEqualTo(404);
    }

    @Test
    void anEvictionOfEveryEntryWhileRedisIsDownDoesNotFailTheMethod() {
        this.catalog.title("isbn-1");
        server.stop();

        this.catalog.reindex();
    }

    @Test
    void aCachePutThatFailedDuringAnOutageLeavesNoStaleValueOnceRedisIsBackWithItsData() {
        this.catalog.rename("isbn-1", "v1");
        assertThat(this.catalog.title("isbn-1")).isEqualTo("v1");
        // A server that keeps its data: it wrote a snapshot before it went down, and loads it when it comes back.
        redis((connection) -> connection.sync().save());
        server.stop();

        assertThat(this.catalog.rename("isbn-1", "v2")).isEqualTo("v2");

        server.start();
        // Every read from now on, served from the cache or not, must give the renamed title.
        long deadline = System.nanoTime() + RECOVERS_WITHIN.toNanos();
        while (true) {
            int readsBefore = this.catalog.reads();
            assertThat(this.catalog.title("isbn-1")).isEqualTo("v2");
            boolean servedFromTheCache = this.catalog.reads() == readsBefore
                    && this.catalog.title("isbn-1").equals("v2") && this.catalog.reads() == readsBefore;
            if (servedFromTheCache) {
                return;
            }
            assertThat(System.nanoTime()).as("caching works again within " + RECOVERS_WITHIN).isLessThan(deadline);
            RedisServerProcess.sleep(20);
        }
    }

    @Test
    void onceAnOutageIsKnownACachedCallFailsOpenWellWithinTheCommandTimeout() {
        server.stop();
        // The first call finds out, waiting for the command timeout.
        this.catalog.title("isbn-first");

        List<Duration> took = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            assertThat(this.catalog.title("isbn-" + i)).isEqualTo("untitled");
            took.add(Duration.ofNanos(System.nanoTime() - start));
        }
        Duration slowest = Collections.max(took);
        System.out.println("Slowest of " + took.size() + " cached calls (a GET and a SET each) once the outage was "
                + "known: " + slowest.toNanos() / 1000 + " us (command timeout 500 ms)");
        assertThat(slowest).isLessThan(FAILS_FAST_WITHIN);
    }

    @Test
    void anOutageIsLoggedOnceAtWarnWithoutAStackTrace(CapturedOutput output) throws Exception {
        server.stop();
        for (int i = 0; i < 5; i++) {
            this.catalog.title("isbn-" + i);
            send("GET", "/actuator/health");
        }

        String log = output.getOut() + output.getErr();
        assertThat(log.lines().filter((line) -> line.contains("WARN") && line.contains("is unavailable")))
                .hasSize(1);
        assertThat(log).doesNotContain("\tat io.lettuce").doesNotContain("\tat org.springframework.data.redis");
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until a cached call is served from the cache, which it is only once Redis serves the cache again. */
    private void awaitCaching(String isbn) {
        long deadline = System.nanoTime() + RECOVERS_WITHIN.toNanos();
        while (true) {
            this.catalog.title(isbn);
            int readsBefore = this.catalog.reads();
            this.catalog.title(isbn);
            if (this.catalog.reads() == readsBefore) {
                return;
            }
            assertThat(System.nanoTime()).as("caching works again within " + RECOVERS_WITHIN).isLessThan(deadline);
            RedisServerProcess.sleep(20);
        }
    }

    /**
     * Waits until the {@code default} alias's own backend (the low-level API's, apart from the {@code books} cache's)
     * has closed its circuit too: a health check of an earlier test may have opened it.
     */
    private void awaitDefaultAliasServing() {
        long deadline = System.nanoTime() + RECOVERS_WITHIN.toNanos();
        while (true) {
            try {
                this.caches.get("default").hasKey("warm-up");
                return;
            }
            catch (CacheUnavailableException ex) {
                assertThat(System.nanoTime()).as("the default alias serves again within " + RECOVERS_WITHIN)
                    .isLessThan(deadline);
                RedisServerProcess.sleep(20);
            }
        }
    }

    private static void redis(java.util.function.Consumer<StatefulRedisConnection<String, String>> command) {
        RedisClient client = RedisClient.create(RedisURI.Builder.redis(RedisServerProcess.HOST, server.port())
            .withTimeout(Duration.ofSeconds(5))
            .build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            command.accept(connection);
        }
        finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
