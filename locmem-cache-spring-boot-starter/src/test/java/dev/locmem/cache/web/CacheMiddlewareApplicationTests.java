package dev.locmem.cache.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.locmem.cache.Caches;

import static org.assertj.core.api.Assertions.assertThat;

/** The site-wide cache middleware ({@code app.cache-middleware}) over real HTTP. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "app.caches.default.timeout=300", "app.caches.site.location=site",
                "app.caches.pages.location=pages", "app.cache-middleware.enabled=true",
                "app.cache-middleware.alias=site", "app.cache-middleware.seconds=30",
                "app.cache-middleware.key-prefix=site1" })
class CacheMiddlewareApplicationTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ PageTestController.class, ClassLevelPageController.class })
    static class MiddlewareApplication {

        @Bean
        Invocations invocations() {
            return new Invocations();
        }
    }

    @Autowired
    private Invocations invocations;

    @Autowired
    private Caches caches;

    @LocalServerPort
    private int port;

    private Http http;

    @BeforeEach
    void client() {
        this.http = new Http("localhost", this.port);
    }

    @Test
    void aHandlerWithoutAnnotationsIsCachedForTheMiddlewaresSeconds() throws Exception {
        String uri = "/pages/plain?case=middleware";
        this.http.get(uri);
        HttpResponse<String> hit = this.http.get(uri);
        assertThat(this.invocations.of(uri)).isEqualTo(1);
        assertThat(hit.headers().firstValue("Cache-Control")).hasValue("max-age=30");
    }

    @Test
    void theMiddlewaresPagesLiveInItsAlias() throws Exception {
        String uri = "/pages/plain?case=middleware-alias";
        this.http.get(uri);
        this.caches.get("site").clear();
        this.http.get(uri);
        assertThat(this.invocations.of(uri)).isEqualTo(2);
    }

    @Test
    void neverCacheIsNotStoredUnderTheMiddleware() throws Exception {
        String uri = "/pages/never?case=middleware-never";
        this.http.get(uri);
        HttpResponse<String> second = this.http.get(uri);
        assertThat(this.invocations.of(uri)).isEqualTo(2);
        assertThat(second.headers().firstValue("Cache-Control"))
            .hasValue("max-age=0, no-cache, no-store, must-revalidate, private");
    }

    @Test
    void aHandlersOwnCachePageTakesPrecedenceOverTheMiddleware() throws Exception {
        String uri = "/pages/cached?case=middleware-annotation";
        this.http.get(uri);
        HttpResponse<String> hit = this.http.get(uri);
        assertThat(this.invocations.of(uri)).isEqualTo(1);
        assertThat(hit.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        this.caches.get("site").clear();
        this.http.get(uri);
        assertThat(this.invocations.of(uri)).isEqualTo(1);
    }

    @Test
    void aPostIsNotCachedByTheMiddleware() throws Exception {
        String uri = "/pages/any-method?case=middleware-post";
        this.http.send("POST", uri);
        this.http.send("POST", uri);
        assertThat(this.invocations.of(uri)).isEqualTo(2);
    }
}
