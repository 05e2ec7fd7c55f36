package dev.locmem.sample;

import java.io.IOException;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import dev.locmem.cache.Caches;
import dev.locmem.cache.redis.RedisNearCache;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application with the {@code redis} profile: the same code, the default alias moved to a Redis server by
 * configuration alone. The test points the profile's connection at a real {@code redis-server} of its own on a free
 * loopback port ({@link RedisServerProcess}: the one on {@code PATH}, or the one the test dependency embedded-redis
 * ships), so it needs no Redis installed and never skips.
 *
 * <p>The server lives as long as the test JVM, which kills it on exit: Spring caches the application context, with
 * its connection to the server, beyond this class.
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

    @DynamicPropertySource
    static void redisOfItsOwn(DynamicPropertyRegistry registry) throws IOException {
        RedisServerProcess server = RedisServerProcess.startOnFreePort();
        registry.add("spring.data.redis.host", () -> RedisServerProcess.HOST);
        registry.add("spring.data.redis.port", server::port);
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
    void theDefaultAliasIsARedisCacheWithANearCacheWithoutAnyCodeChange() {
        assertThat(this.caches.get("default")).isInstanceOf(RedisNearCache.class);
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
