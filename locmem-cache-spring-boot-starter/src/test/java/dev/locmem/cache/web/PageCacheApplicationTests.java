package dev.locmem.cache.web;

import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.security.Principal;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.locmem.cache.Caches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page cache's rules over real HTTP, with the annotations on handlers: the handlers count their invocations, so
 * a count that does not grow is a response from the cache. Each test asks for its own URI.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "app.caches.default.timeout=300", "app.caches.pages.timeout=300",
                "app.caches.pages.location=pages" })
class PageCacheApplicationTests {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ PageTestController.class, ClassLevelPageController.class })
    static class PageApplication {

        @Bean
        Invocations invocations() {
            return new Invocations();
        }

        /** An authentication filter that knows the user from a session rather than an Authorization header. */
        @Bean
        FilterRegistrationBean<Filter> sessionUserFilter() {
            Filter filter = (request, response, chain) -> {
                String user = ((HttpServletRequest) request).getHeader("X-Session-User");
                chain.doFilter((user == null) ? request : new HttpServletRequestWrapper((HttpServletRequest) request) {
                    @Override
                    public Principal getUserPrincipal() {
                        return () -> user;
                    }
                }, response);
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            registration.setOrder(-100);
            return registration;
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

    private int runs(String pathAndQuery) {
        return this.invocations.of(pathAndQuery);
    }

    @Test
    void aSecondGetOfACachedPageIsAnsweredWithoutRunningTheHandler() throws Exception {
        String uri = "/pages/cached?case=hit";
        assertThat(this.http.get(uri).body()).isEqualTo("page 1");
        assertThat(this.http.get(uri).body()).isEqualTo("page 1");
        assertThat(runs(uri)).isEqualTo(1);
    }

    @Test
    void aHandlerWithoutAnnotationsIsNotCached() throws Exception {
        String uri = "/pages/plain?case=plain";
        this.http.get(uri);
        assertThat(this.http.get(uri).body()).isEqualTo("page 2");
    }

    @Test
    void aHitHasTheStatusBodyContentTypeAndHeadersOfTheStoredResponse() throws Exception {
        String uri = "/pages/cached?case=identical";
        HttpResponse<String> miss = this.http.get(uri);
        HttpResponse<String> hit = this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(1);
        assertThat(hit.statusCode()).isEqualTo(miss.statusCode()).isEqualTo(200);
        assertThat(hit.body()).isEqualTo(miss.body());
        assertThat(hit.headers().firstValue("Content-Type")).isEqualTo(miss.headers().firstValue("Content-Type"))
            .hasValue("text/plain;charset=UTF-8");
        assertThat(hit.headers().allValues("X-Page")).containsExactly("kept");
        assertThat(hit.headers().firstValue("Content-Length")).hasValue(Integer.toString("page 1".length()));
    }

    @Test
    void aStoredResponseGetsMaxAgeAndExpiresAsDjangosPatchResponseHeaders() throws Exception {
        String uri = "/pages/cached?case=patched";
        HttpResponse<String> miss = this.http.get(uri);
        HttpResponse<String> hit = this.http.get(uri);
        assertThat(miss.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        assertThat(miss.headers().firstValue("Expires")).isPresent();
        assertThat(hit.headers().firstValue("Cache-Control")).hasValue("max-age=60");
        assertThat(hit.headers().firstValue("Expires")).isEqualTo(miss.headers().firstValue("Expires"));
    }

    @Test
    void aHitSaysHowOldItIsInAge() throws Exception {
        String uri = "/pages/cached?case=age";
        assertThat(this.http.get(uri).headers().firstValue("Age")).isEmpty();
        assertThat(this.http.get(uri).headers().firstValue("Age")).hasValueSatisfying(
                (age) -> assertThat(Long.parseLong(age)).isBetween(0L, 5L));
    }

    @Test
    void headIsAnsweredFromTheGetEntryWithoutABody() throws Exception {
        String uri = "/pages/cached?case=head";
        this.http.get(uri);
        HttpResponse<String> head = this.http.send("HEAD", uri);
        assertThat(runs(uri)).isEqualTo(1);
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().allValues("X-Page")).containsExactly("kept");
    }

    @Test
    void aHeadRequestStoresNothing() throws Exception {
        String uri = "/pages/cached?case=head-first";
        this.http.send("HEAD", uri);
        assertThat(this.http.get(uri).body()).isEqualTo("page 2");
    }

    @Test
    void aPostRunsTheHandlerEvenWhenItsGetIsCached() throws Exception {
        String uri = "/pages/any-method?case=post";
        this.http.get(uri);
        assertThat(this.http.send("POST", uri).body()).isEqualTo("page 2");
        assertThat(this.http.get(uri).body()).isEqualTo("page 1");
    }

    @ParameterizedTest
    @ValueSource(ints = { 201, 203, 404, 500 })
    void onlyStatus200IsStored(int status) throws Exception {
        String uri = "/pages/status?code=" + status;
        this.http.get(uri);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void aResponseThatSetsACookieIsNotStored() throws Exception {
        String uri = "/pages/cookie?case=cookie";
        assertThat(this.http.get(uri).headers().firstValue("Set-Cookie")).isPresent();
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = { "private", "Private", "PRIVATE", "no-store", "No-Cache", " max-age=60 ,  private ",
            "public,no-cache=\"Set-Cookie\"", "private=\"X-User, X-Account\"", "max-age=60,NO-STORE" })
    void aCacheControlThatForbidsASharedCacheIsNotStoredInAnyCaseOrSpacing(String cacheControl) throws Exception {
        String uri = "/pages/cache-control?value=" + URLEncoder.encode(cacheControl, StandardCharsets.UTF_8);
        this.http.get(uri);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void theWordPrivateInsideAQuotedArgumentOfAnotherDirectiveDoesNotForbidStoring() throws Exception {
        String uri = "/pages/cache-control?value="
                + URLEncoder.encode("public, x-note=\"not private, no-store\"", StandardCharsets.UTF_8);
        this.http.get(uri);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(1);
    }

    @Test
    void maxAgeZeroIsNotStored() throws Exception {
        String uri = "/pages/cache-control?value=max-age%3D0";
        this.http.get(uri);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void sMaxAgeZeroIsNotStoredEvenWithAPositiveMaxAge() throws Exception {
        String uri = "/pages/cache-control?value=" + URLEncoder.encode("max-age=60, s-maxage=0", StandardCharsets.UTF_8);
        this.http.get(uri);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void theResponsesMaxAgeIsTheEntrysTimeout() throws Exception {
        String uri = "/pages/cache-control?value=max-age%3D1";
        this.http.get(uri);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            this.http.get(uri);
            assertThat(runs(uri)).isGreaterThan(1);
        });
    }

    @Test
    void theQueryIsPartOfTheKey() throws Exception {
        this.http.get("/pages/cached?case=query&q=1");
        assertThat(this.http.get("/pages/cached?case=query&q=2").body()).isEqualTo("page 1");
        assertThat(runs("/pages/cached?case=query&q=2")).isEqualTo(1);
    }

    @Test
    void theHostIsPartOfTheKey() throws Exception {
        String uri = "/pages/cached?case=host";
        this.http.get(uri);
        new Http("127.0.0.1", this.port).get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void varyOnHeadersKeepsOneEntryPerValueOfTheHeader() throws Exception {
        String uri = "/pages/language?case=vary";
        assertThat(this.http.get(uri, "Accept-Language", "en").body()).isEqualTo("page 1 in en");
        assertThat(this.http.get(uri, "Accept-Language", "fr").body()).isEqualTo("page 2 in fr");
        assertThat(this.http.get(uri, "Accept-Language", "en").body()).isEqualTo("page 1 in en");
        assertThat(this.http.get(uri, "Accept-Language", "fr").body()).isEqualTo("page 2 in fr");
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void varyOnHeadersNamesTheHeaderInTheResponsesVary() throws Exception {
        assertThat(this.http.get("/pages/language?case=vary-header").headers().firstValue("Vary"))
            .hasValue("Accept-Language");
    }

    @Test
    void theHeadersOfTheResponsesOwnVaryAreLearnedPerUri() throws Exception {
        String uri = "/pages/tenant?case=learned";
        assertThat(this.http.get(uri, "X-Tenant", "a").body()).isEqualTo("page 1 for a");
        assertThat(this.http.get(uri, "X-Tenant", "b").body()).isEqualTo("page 2 for b");
        assertThat(this.http.get(uri, "X-Tenant", "a").body()).isEqualTo("page 1 for a");
        assertThat(this.http.get(uri).body()).isEqualTo("page 3 for null");
        assertThat(runs(uri)).isEqualTo(3);
    }

    @Test
    void varyOnCookieKeepsThePagesOfDifferentCookiesApart() throws Exception {
        String uri = "/pages/by-cookie?case=cookie";
        assertThat(this.http.get(uri, "Cookie", "session=alice").body()).isEqualTo("page 1 for session=alice");
        assertThat(this.http.get(uri, "Cookie", "session=bob").body()).isEqualTo("page 2 for session=bob");
        assertThat(this.http.get(uri, "Cookie", "session=alice").body()).isEqualTo("page 1 for session=alice");
    }

    @Test
    void aResponseThatVariesOnStarIsNeverStored() throws Exception {
        String uri = "/pages/vary-star?case=star";
        this.http.get(uri);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void aRequestWithAuthorizationIsNotAnsweredFromTheCache() throws Exception {
        String uri = "/pages/cached?case=authorization-served";
        this.http.get(uri);
        assertThat(this.http.get(uri, "Authorization", "Bearer alice").body()).isEqualTo("page 2");
    }

    @Test
    void theResponseToARequestWithAuthorizationIsNotStored() throws Exception {
        String uri = "/pages/cached?case=authorization-stored";
        this.http.get(uri, "Authorization", "Bearer alice");
        assertThat(this.http.get(uri).body()).isEqualTo("page 2");
    }

    @Test
    void anAuthenticatedUserWithoutAnAuthorizationHeaderIsNeitherServedFromTheCacheNorStored() throws Exception {
        String uri = "/pages/cached?case=session-user";
        this.http.get(uri);
        assertThat(this.http.get(uri, "X-Session-User", "alice").body()).isEqualTo("page 2");
        this.caches.get("default").clear();
        this.http.get(uri, "X-Session-User", "alice");
        assertThat(this.http.get(uri).body()).isEqualTo("page 4");
    }

    @Test
    void aPublicResponseIsStoredAndSharedBetweenAuthorizedRequests() throws Exception {
        String uri = "/pages/cache-control?value=public&case=authorized";
        this.http.get(uri, "Authorization", "Bearer alice");
        assertThat(this.http.get(uri, "Authorization", "Bearer bob").body()).isEqualTo("page 1");
    }

    @Test
    void neverCacheAddsDjangosNeverCacheHeaders() throws Exception {
        HttpResponse<String> response = this.http.get("/pages/never?case=headers");
        assertThat(response.headers().firstValue("Cache-Control"))
            .hasValue("max-age=0, no-cache, no-store, must-revalidate, private");
        assertThat(response.headers().firstValue("Expires")).hasValue("Thu, 01 Jan 1970 00:00:00 GMT");
    }

    @Test
    void aMethodsNeverCacheOverridesItsClasssCachePage() throws Exception {
        String uri = "/class/never?case=override";
        this.http.get(uri);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void aClassLevelCachePageCachesItsGetHandlers() throws Exception {
        String uri = "/class/page?case=class";
        this.http.get(uri);
        HttpResponse<String> hit = this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(1);
        assertThat(hit.headers().firstValue("Cache-Control")).hasValue("max-age=120");
    }

    @Test
    void thePagesLiveInTheAliasThatTheAnnotationNames() throws Exception {
        String uri = "/pages/aliased?case=alias";
        this.http.get(uri);
        long hitsBefore = this.caches.get("pages").stats().hits();
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(1);
        assertThat(this.caches.get("pages").stats().hits()).isGreaterThan(hitsBefore);
    }

    @Test
    void clearingTheAliasDropsItsPages() throws Exception {
        String uri = "/pages/aliased?case=clear";
        this.http.get(uri);
        this.caches.get("default").clear();
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(1);
        this.caches.get("pages").clear();
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void aStreamingResponseBodyIsSentWholeAndNotStored() throws Exception {
        String uri = "/pages/streaming?case=stream";
        assertThat(this.http.get(uri).body()).isEqualTo("page 1");
        assertThat(this.http.get(uri).body()).isEqualTo("page 2");
    }

    @Test
    void aDeferredResultIsSentWholeAndNotStored() throws Exception {
        String uri = "/pages/deferred?case=deferred";
        assertThat(this.http.get(uri).body()).isEqualTo("page 1");
        assertThat(this.http.get(uri).body()).isEqualTo("page 2");
    }

    @Test
    void anSseEmitterIsSentWholeAndNotStored() throws Exception {
        String uri = "/pages/events?case=events";
        assertThat(this.http.get(uri).body()).contains("data:page 1");
        assertThat(this.http.get(uri).body()).contains("data:page 2");
    }

    @Test
    void anIfNoneMatchThatMatchesTheStoredETagIsAnswered304() throws Exception {
        String uri = "/pages/validated?case=etag";
        this.http.get(uri);
        HttpResponse<String> conditional = this.http.get(uri, "If-None-Match", "W/\"v0\", \"v1\"");
        assertThat(conditional.statusCode()).isEqualTo(304);
        assertThat(conditional.headers().firstValue("ETag")).hasValue("\"v1\"");
        assertThat(runs(uri)).isEqualTo(1);
    }

    @Test
    void anIfNoneMatchThatMatchesNoStoredETagGetsTheWholePage() throws Exception {
        String uri = "/pages/validated?case=etag-other";
        this.http.get(uri);
        HttpResponse<String> conditional = this.http.get(uri, "If-None-Match", "\"v0\"");
        assertThat(conditional.statusCode()).isEqualTo(200);
        assertThat(conditional.body()).isEqualTo("page 1");
    }

    @Test
    void anIfModifiedSinceNotBeforeTheStoredLastModifiedIsAnswered304() throws Exception {
        String uri = "/pages/validated?case=modified";
        this.http.get(uri);
        assertThat(this.http.get(uri, "If-Modified-Since", "Mon, 07 Dec 2026 11:00:00 GMT").statusCode())
            .isEqualTo(304);
        assertThat(this.http.get(uri, "If-Modified-Since", "Mon, 07 Dec 2026 09:00:00 GMT").statusCode())
            .isEqualTo(200);
        assertThat(runs(uri)).isEqualTo(1);
    }
}
