package dev.locmem.cache.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

import dev.locmem.cache.Caches;
import dev.locmem.cache.spring.LocMemCacheManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole application: {@code @Cacheable} methods over {@code app.caches}, Micrometer's meters for them, and the
 * caches actuator endpoint over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "app.caches.default.timeout=600", "app.caches.authors.timeout=none",
                "management.endpoints.web.exposure.include=caches" })
class LocMemCacheApplicationTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    static class BookApplication {

        @Bean
        BookService bookService() {
            return new BookService();
        }

        @Bean
        SimpleMeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @Autowired
    private BookService books;

    @Autowired
    private MeterRegistry registry;

    @Autowired
    private CacheManager cacheManager;

    @Autowired
    private Caches caches;

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private double gets(String cache, String result) {
        var counter = this.registry.find("cache.gets").tag("cache", cache).tag("result", result).functionCounter();
        return (counter != null) ? counter.count() : 0;
    }

    private HttpResponse<String> send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theCacheManagerIsLocMemsAndTheCachesBeanIsThere() {
        assertThat(this.cacheManager).isInstanceOf(LocMemCacheManager.class);
        assertThat(this.caches.aliases()).containsExactly("default", "authors");
    }

    @Test
    void aCacheableMethodRunsOnceAndItsMissAndHitAreCounted() {
        double missesBefore = gets("books", "miss");
        double hitsBefore = gets("books", "hit");
        assertThat(this.books.title("isbn-count")).isEqualTo("Title of isbn-count");
        int lookups = this.books.titleLookups();
        assertThat(this.books.title("isbn-count")).isEqualTo("Title of isbn-count");
        assertThat(this.books.titleLookups()).isEqualTo(lookups);
        assertThat(gets("books", "miss") - missesBefore).isEqualTo(1);
        assertThat(gets("books", "hit") - hitsBefore).isEqualTo(1);
    }

    @Test
    void aCacheCreatedAfterStartUpHasMeters() {
        this.books.title("isbn-meters");
        assertThat(this.registry.find("cache.gets").tag("cache", "books").tag("cache.manager", "cacheManager")
            .functionCounters()).hasSize(2);
        assertThat(this.registry.find("cache.puts").tag("cache", "books").functionCounter()).isNotNull();
        assertThat(this.registry.find("cache.size").tag("cache", "books").gauge()).isNotNull();
    }

    @Test
    void aSynchronizedCacheableMethodOnAnAliasIsCachedAndMetered() {
        double missesBefore = gets("authors", "miss");
        int before = this.books.authorLookups();
        this.books.author(7L);
        this.books.author(7L);
        assertThat(this.books.authorLookups()).isEqualTo(before + 1);
        assertThat(gets("authors", "miss") - missesBefore).isEqualTo(1);
    }

    @Test
    void aCompletableFutureCacheableMethodIsCached() {
        int before = this.books.priceLookups();
        assertThat(this.books.price("abc").join()).isEqualTo(3L);
        assertThat(this.books.price("abc").join()).isEqualTo(3L);
        assertThat(this.books.priceLookups()).isEqualTo(before + 1);
    }

    @Test
    void aNullResultIsCached() {
        int before = this.books.titleLookups();
        assertThat(this.books.nothing("isbn-null", 2)).isNull();
        assertThat(this.books.nothing("isbn-null", 2)).isNull();
        assertThat(this.books.titleLookups()).isEqualTo(before + 1);
    }

    @Test
    void theCachesEndpointListsEveryCacheIncludingOnesCreatedAfterStartUp() throws Exception {
        this.books.title("isbn-endpoint");
        HttpResponse<String> response = send("GET", "/actuator/caches");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"default\"", "\"authors\"", "\"books\"", "\"cacheManager\"")
            .contains(dev.locmem.cache.LocMemCache.class.getName());
    }

    @Test
    void deletingACacheThroughTheEndpointClearsThatCacheOnly() throws Exception {
        this.books.title("isbn-delete");
        this.books.author(99L);
        int titleLookups = this.books.titleLookups();
        int authorLookups = this.books.authorLookups();
        HttpResponse<String> response = send("DELETE", "/actuator/caches/books");
        assertThat(response.statusCode()).isEqualTo(204);
        this.books.title("isbn-delete");
        this.books.author(99L);
        assertThat(this.books.titleLookups()).isEqualTo(titleLookups + 1);
        assertThat(this.books.authorLookups()).isEqualTo(authorLookups);
    }
}
