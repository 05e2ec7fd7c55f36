package dev.locmem.sample;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.locmem.cache.Caches;
import dev.locmem.cache.redis.RedisCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sample application with the {@code redis} profile: the same code, the default alias moved to the Redis server on
 * localhost:6379 by configuration alone.
 *
 * <p>It needs that server. CI ({@code .ci/run}) starts one and sets {@code CI=true}, where a missing server fails the
 * test; elsewhere the test is skipped, saying so. Each run uses a key prefix of its own and clears it afterwards, so it
 * leaves the server as it found it.
 */
@ActiveProfiles("redis")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "app.caches.default.key-prefix=" + RedisProfileEndToEndTest.PREFIX,
        // A database of its own: the other end-to-end test's context, cached in this JVM, holds 'bookshop'.
        "spring.datasource.url=jdbc:h2:mem:bookshop-redis;OPTIMIZE_REUSE_RESULTS=FALSE" })
class RedisProfileEndToEndTest {

    static final String PREFIX = "sample-e2e";

    @LocalServerPort
    private int port;

    @Autowired
    private Caches caches;

    @Autowired
    private StringRedisTemplate redis;

    @Autowired
    private CacheManager cacheManager;

    private RestClient http;

    @BeforeAll
    static void redisIsListening() {
        boolean listening;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", 6379), 1000);
            listening = true;
        }
        catch (java.io.IOException ex) {
            listening = false;
        }
        String reason = "no Redis server on localhost:6379 (start one: redis-server --port 6379)";
        if (!listening && "true".equals(System.getenv("CI"))) {
            fail("CI must run the redis profile's test, but " + reason);
        }
        assumeTrue(listening, reason);
    }

    @BeforeEach
    void connect() {
        this.http = RestClient.create("http://localhost:" + this.port);
    }

    @AfterEach
    void clearWhatThisRunStored() {
        this.caches.get("default").clear();
        this.cacheManager.getCache("books").clear();
    }

    @Test
    void theDefaultAliasIsARedisCacheWithoutAnyCodeChange() {
        assertThat(this.caches.get("default")).isInstanceOf(RedisCache.class);
    }

    @Test
    void aCachedBookIsServedFromRedisAndStoredThereUnderItsCacheName() {
        String first = this.http.get().uri("/books/7").retrieve().body(String.class);
        String second = this.http.get().uri("/books/7").retrieve().body(String.class);

        assertThat(JsonPath.<Integer>read(first, "$.databaseQueries")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(second, "$.databaseQueries")).isZero();
        assertThat(this.redis.keys(PREFIX + "#books:*")).isNotEmpty();
    }

    @Test
    void thePageViewCounterIsAnIntegerThatOtherRedisClientsCanRead() {
        String unique = UUID.randomUUID().toString();
        this.caches.get("default").set("probe-" + unique, 41);
        this.caches.get("default").incr("probe-" + unique);

        assertThat(this.redis.opsForValue().get(PREFIX + ":1:probe-" + unique)).isEqualTo("42");
    }
}
