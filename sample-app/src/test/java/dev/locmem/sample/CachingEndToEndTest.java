package dev.locmem.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import dev.locmem.cache.Caches;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample application over real HTTP, as a person with curl would see it. Each test uses its own book or report,
 * so that what another test cached does not change its outcome.
 *
 * <p>The {@code reports} alias's timeout is one second here (60 in {@code application.yml}), so that expiry can be
 * shown with a short sleep.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "app.caches.reports.timeout=1")
class CachingEndToEndTest {

    private static final Duration REPORTS_TIMEOUT = Duration.ofSeconds(1);

    @LocalServerPort
    private int port;

    @Autowired
    private Caches caches;

    private RestClient http;

    @BeforeEach
    void connect() {
        this.http = RestClient.builder()
                .baseUrl("http://localhost:" + this.port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    @Test
    void firstReadOfABookQueriesTheDatabaseAndTheSecondDoesNot() {
        String first = get("/books/101").getBody();
        String second = get("/books/101").getBody();

        assertThat(number(first, "$.databaseQueries")).isEqualTo(1);
        assertThat(number(second, "$.databaseQueries")).isZero();
        assertThat(JsonPath.<Object>read(second, "$.book")).isEqualTo(JsonPath.read(first, "$.book"));
    }

    @Test
    void expensiveReportIsComputedOnceThenServedFromTheCache() {
        String first = get("/reports/top-authors?genre=fantasy&year=2024").getBody();
        String second = get("/reports/top-authors?genre=fantasy&year=2024").getBody();

        assertThat(number(first, "$.databaseQueries")).isEqualTo(1);
        assertThat(JsonPath.<List<?>>read(first, "$.topAuthors")).hasSize(5);
        assertThat(number(second, "$.databaseQueries")).isZero();
        assertThat(JsonPath.<Object>read(second, "$.topAuthors")).isEqualTo(JsonPath.read(first, "$.topAuthors"));
    }

    @Test
    void cacheGetsMetricCountsHitsAndMisses() {
        double hitsBefore = cacheGets("books", "hit");
        double missesBefore = cacheGets("books", "miss");

        get("/books/102");
        get("/books/102");
        get("/books/102");

        assertThat(cacheGets("books", "miss") - missesBefore).isEqualTo(1.0);
        assertThat(cacheGets("books", "hit") - hitsBefore).isEqualTo(2.0);
    }

    @Test
    void changingAPricePutsTheChangedBookInTheCache() {
        get("/books/103");

        ResponseEntity<String> changed = this.http.put().uri("/books/103/price")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"price\": 12.34}")
                .retrieve().toEntity(String.class);
        String read = get("/books/103").getBody();

        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(number(read, "$.databaseQueries")).isZero();
        assertThat(JsonPath.<Double>read(read, "$.book.price")).isEqualTo(12.34);
    }

    @Test
    void deletingABookEvictsItSoTheNextReadFindsItGone() {
        get("/books/104");
        assertThat(number(get("/books/104").getBody(), "$.databaseQueries")).isZero();

        ResponseEntity<String> deleted = this.http.delete().uri("/books/104").retrieve().toEntity(String.class);
        ResponseEntity<String> read = get("/books/104");

        assertThat(deleted.getStatusCode().value()).isEqualTo(204);
        assertThat(read.getStatusCode().value()).isEqualTo(404);
        assertThat(number(read.getBody(), "$.databaseQueries")).isEqualTo(1);
    }

    @Test
    void clearingACacheThroughTheActuatorMakesTheNextReadQueryTheDatabase() {
        get("/books/105");
        assertThat(number(get("/books/105").getBody(), "$.databaseQueries")).isZero();

        ResponseEntity<String> cleared = this.http.delete().uri("/actuator/caches/books").retrieve()
                .toEntity(String.class);
        String read = get("/books/105").getBody();

        assertThat(cleared.getStatusCode().value()).isEqualTo(204);
        assertThat(number(read, "$.databaseQueries")).isEqualTo(1);
    }

    @Test
    void expiredReportIsReadAgainFromTheDatabase() throws InterruptedException {
        get("/reports/top-authors?genre=mystery&year=2023");
        assertThat(number(get("/reports/top-authors?genre=mystery&year=2023").getBody(), "$.databaseQueries"))
                .isZero();

        Thread.sleep(REPORTS_TIMEOUT.toMillis() + 200);
        String afterExpiry = get("/reports/top-authors?genre=mystery&year=2023").getBody();

        assertThat(number(afterExpiry, "$.databaseQueries")).isEqualTo(1);
    }

    @Test
    void concurrentRequestsForAnUncachedReportRunItsQueryOnce() throws Exception {
        long queriesBefore = databaseQueries();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<ResponseEntity<String>>> responses = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                responses.add(clients.submit(() -> get("/reports/top-authors?genre=romance&year=2022")));
            }
            for (Future<ResponseEntity<String>> response : responses) {
                assertThat(response.get(30, TimeUnit.SECONDS).getStatusCode().value()).isEqualTo(200);
            }
        }
        finally {
            clients.shutdownNow();
        }

        assertThat(databaseQueries() - queriesBefore).isEqualTo(1);
    }

    @Test
    void pageViewsAreCountedInTheDefaultAliasWithTheLowLevelApi() {
        String first = get("/books/106").getBody();
        String second = get("/books/106").getBody();

        assertThat(number(first, "$.views")).isEqualTo(1);
        assertThat(number(second, "$.views")).isEqualTo(2);
        assertThat(this.caches.get("default").get("views:book:106")).isEqualTo(2L);
    }

    @Test
    void reportsCacheIsTheReportsAliasSoTheLowLevelApiSeesItsEntries() {
        String report = get("/reports/top-authors?genre=history&year=2025").getBody();

        assertThat((List<?>) this.caches.get("reports").get("history:2025"))
                .hasSize(JsonPath.<List<?>>read(report, "$.topAuthors").size());
        assertThat(this.caches.get("reports").makeKey("history:2025")).isEqualTo("reports:1:history:2025");
    }

    @Test
    void actuatorListsTheCachesAndReportsHealth() {
        get("/books/107");
        get("/reports/top-authors?genre=poetry&year=2021");

        String cachesEndpoint = get("/actuator/caches").getBody();
        String health = get("/actuator/health").getBody();

        assertThat(JsonPath.<Object>read(cachesEndpoint, "$.cacheManagers.cacheManager.caches.books")).isNotNull();
        assertThat(JsonPath.<Object>read(cachesEndpoint, "$.cacheManagers.cacheManager.caches.reports")).isNotNull();
        assertThat(JsonPath.<String>read(health, "$.status")).isEqualTo("UP");
    }

    private ResponseEntity<String> get(String path) {
        return this.http.get().uri(path).retrieve().toEntity(String.class);
    }

    private long databaseQueries() {
        return number(get("/stats").getBody(), "$.databaseQueries");
    }

    /** The value of {@code cache.gets} for one cache and result; 0 while the meter does not exist yet. */
    private double cacheGets(String cache, String result) {
        ResponseEntity<String> metric = get("/actuator/metrics/cache.gets?tag=cache:" + cache + "&tag=result:" + result);
        if (metric.getStatusCode().value() == 404) {
            return 0;
        }
        return JsonPath.<Number>read(metric.getBody(), "$.measurements[0].value")
                .doubleValue();
    }

    private static long number(String json, String path) {
        return JsonPath.<Number>read(json, path).longValue();
    }
}
