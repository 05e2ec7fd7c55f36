package dev.locmem.sample;

import java.io.IOException;
import java.net.ServerSocket;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application with the {@code redis} profile while Redis cannot be reached (nothing listens on the port it
 * is given): pages are still served, from the database, as a cache outage must not become an application outage; the
 * application's health stays up, so that a load balancer keeps the instance, while the cache's health tells of the
 * outage; and a clear through the caches endpoint, which cannot happen, answers with an error.
 */
@ActiveProfiles("redis")
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "spring.data.redis.timeout=200ms",
        // A database of its own: the other end-to-end tests' contexts, cached in this JVM, hold theirs.
        "spring.datasource.url=jdbc:h2:mem:bookshop-redis-down;OPTIMIZE_REUSE_RESULTS=FALSE" })
class RedisDownEndToEndTest {

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void redisOnAPortWhereNothingListens(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        registry.add("spring.data.redis.port", () -> closed);
    }

    @Test
    void aCachedPageIsStillServedFromTheDatabaseWhileRedisIsDown() {
        RestClient http = RestClient.create("http://localhost:" + this.port);

        String first = http.get().uri("/books/9").retrieve().body(String.class);
        String second = http.get().uri("/books/9").retrieve().body(String.class);

        assertThat(JsonPath.<Integer>read(first, "$.book.id")).isEqualTo(9);
        assertThat(JsonPath.<Integer>read(first, "$.databaseQueries")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(second, "$.databaseQueries")).isEqualTo(1);
    }

    @Test
    void theApplicationIsHealthyWhileTheCacheHealthSaysRedisIsDown() {
        RestClient http = RestClient.create("http://localhost:" + this.port);
        http.get().uri("/books/11").retrieve().body(String.class);

        String health = http.get().uri("/actuator/health").exchange((request, response) -> {
            assertThat(response.getStatusCode().value()).isEqualTo(200);
            return response.bodyTo(String.class);
        });

        assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
        assertThat(JsonPath.<String>read(health, "$.components.locMemCache.status")).isEqualTo("DEGRADED");
        assertThat(JsonPath.<String>read(health, "$.components.locMemCache.details.caches.books.status"))
                .isEqualTo("DOWN");
    }

    @Test
    void clearingACacheThroughTheActuatorWhileRedisIsDownAnswersServiceUnavailable() {
        RestClient http = RestClient.create("http://localhost:" + this.port);
        http.get().uri("/books/12").retrieve().body(String.class);

        int status = http.delete().uri("/actuator/caches/books")
                .exchange((request, response) -> response.getStatusCode().value());

        assertThat(status).isEqualTo(503);
    }

    @Test
    void thePageViewCountIsLeftOutWhileRedisIsDown() {
        String page = RestClient.create("http://localhost:" + this.port).get().uri("/books/10").retrieve()
                .body(String.class);

        assertThat(JsonPath.<Object>read(page, "$.views")).isNull();
    }
}
