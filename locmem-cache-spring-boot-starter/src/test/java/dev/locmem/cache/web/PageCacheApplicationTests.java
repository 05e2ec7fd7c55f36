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
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import io.micrometer.core.instrument.MeterRegistry;

import dev.locmem.cache.Caches;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The page cache's rules over real HTTP, with the annotations on handlers: the handlers count their invocations, so
 * a count that does not grow is a response from the cache. Each test asks for its own URI.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "app.caches.default.timeout=300", "app.caches.pages.timeout=300",
                "app.caches.pages.location=pages", "app.caches.small.location=small", "app.caches.small.options.max-entries=2",
                "app.caches.small.options.cull-frequency=0", "app.cache-middleware.max-page-size=64KB",
                "server.forward-headers-strategy=native", "management.endpoints.web.exposure.include=caches" })
class PageCacheApplicationTests {

    /**
     * The application: Spring's caching is on, as it is where aliases have {@code cache.gets} meters and an entry in
     * {@code /actuator/caches} (Spring Boot makes both from the cache manager).
     */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableCaching
    @Import({ PageTestController.class, ClassLevelPageController.class, CulledPageController.class })
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

    @Autowired
    private MeterRegistry meters;

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

    /** Two GETs of the URI, each of which must have run the handler: nothing was stored. */
    private void assertEachGetRunsTheHandler(String uri) throws Exception {
        this.http.get(uri);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    /** Two GETs of the URI, of which only the first ran the handler: the page was stored and served. */
    private void assertTheSecondGetIsAHit(String uri) throws Exception {
        this.http.get(uri);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(1);
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
        assertEachGetRunsTheHandler(uri);
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
        assertEachGetRunsTheHandler(uri);
    }

    @Test
    void theWordPrivateInsideAQuotedArgumentOfAnotherDirectiveDoesNotForbidStoring() throws Exception {
        String uri = "/pages/cache-control?value="
                + URLEncoder.encode("public, x-note=\"not private, no-store\"", StandardCharsets.UTF_8);
        assertTheSecondGetIsAHit(uri);
    }

    @Test
    void maxAgeZeroIsNotStored() throws Exception {
        String uri = "/pages/cache-control?value=max-age%3D0";
        assertEachGetRunsTheHandler(uri);
    }

    @Test
    void sMaxAgeZeroIsNotStoredEvenWithAPositiveMaxAge() throws Exception {
        String uri = "/pages/cache-control?value=" + URLEncoder.encode("max-age=60, s-maxage=0", StandardCharsets.UTF_8);
        assertEachGetRunsTheHandler(uri);
    }

    @Test
    void theResponsesMaxAgeIsTheEntrysTimeout() throws Exception {
        String uri = "/pages/cache-control?value=max-age%3D1";
        assertTheSecondGetIsAHit(uri);
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
        assertEachGetRunsTheHandler(uri);
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
        assertEachGetRunsTheHandler(uri);
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

    @ParameterizedTest
    @ValueSource(strings = { "streaming", "deferred", "emitter", "callable" })
    void anAsynchronousResponseIsSentWholeAndNotStored(String handler) throws Exception {
        // StreamingResponseBody, DeferredResult, ResponseBodyEmitter and Callable, one handler each.
        String uri = "/pages/" + handler + "?case=async";
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

    @Test
    void aStored304AnswersARequestThatHoldsTheSameVersion() throws Exception {
        String uri = "/pages/not-modified?case=304-same";
        assertThat(this.http.get(uri, "If-None-Match", "\"v1\"").statusCode()).isEqualTo(304);
        HttpResponse<String> fromCache = this.http.get(uri, "If-None-Match", "\"v1\"");
        assertThat(fromCache.statusCode()).isEqualTo(304);
        assertThat(fromCache.headers().firstValue("ETag")).hasValue("\"v1\"");
        assertThat(runs(uri)).isEqualTo(1);
    }

    @Test
    void aStored304IsNotTheAnswerToARequestWithoutValidators() throws Exception {
        String uri = "/pages/not-modified?case=304-unconditional";
        this.http.get(uri, "If-None-Match", "\"v1\"");
        HttpResponse<String> unconditional = this.http.get(uri);
        assertThat(unconditional.statusCode()).isEqualTo(200);
        assertThat(unconditional.body()).isEqualTo("page 2");
    }

    @Test
    void aStored304IsNotTheAnswerToARequestThatHoldsAnotherVersion() throws Exception {
        String uri = "/pages/not-modified?case=304-other";
        this.http.get(uri, "If-None-Match", "\"v1\"");
        HttpResponse<String> stale = this.http.get(uri, "If-None-Match", "\"v0\"");
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.body()).isEqualTo("page 2");
    }

    @Test
    void sMaxAgeIsTheEntrysTimeoutBeforeMaxAge() throws Exception {
        String uri = "/pages/cache-control?value=" + URLEncoder.encode("max-age=600, s-maxage=1", StandardCharsets.UTF_8);
        assertTheSecondGetIsAHit(uri);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            this.http.get(uri);
            assertThat(runs(uri)).isGreaterThan(1);
        });
    }

    @Test
    void anSMaxAgeResponseIsStoredAndSharedBetweenAuthorizedRequests() throws Exception {
        String uri = "/pages/cache-control?value=" + URLEncoder.encode("s-maxage=60", StandardCharsets.UTF_8)
                + "&case=authorized";
        this.http.get(uri, "Authorization", "Bearer alice");
        assertThat(this.http.get(uri, "Authorization", "Bearer bob").body()).isEqualTo("page 1");
    }

    @Test
    void thePortIsPartOfTheKey() throws Exception {
        String uri = "/pages/cached?case=port";
        this.http.get(uri);
        assertThat(this.http.getWithHostHeader(uri, "localhost:" + (this.port + 1))).contains("page 2");
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void theSchemeIsPartOfTheKey() throws Exception {
        String uri = "/pages/cached?case=scheme";
        this.http.get(uri);
        // Tomcat's RemoteIpValve (server.forward-headers-strategy=native) takes the scheme from a loopback proxy.
        HttpResponse<String> https = this.http.get(uri, "X-Forwarded-Proto", "https", "X-Forwarded-Port",
                Integer.toString(this.port));
        assertThat(https.body()).isEqualTo("page 2");
        assertThat(this.http.get(uri).body()).isEqualTo("page 1");
    }

    @Test
    void thePagesOfAnAliasAreCulledAsItsOtherEntries() throws Exception {
        // The alias keeps two entries and clears itself when full (cull-frequency 0); a page takes two, its URI's
        // header list and the page, so storing a second page culls the first.
        String first = "/pages/small?case=cull-1";
        this.http.get(first);
        this.http.get(first);
        assertThat(runs(first)).isEqualTo(1);
        this.http.get("/pages/small?case=cull-2");
        this.http.get(first);
        assertThat(runs(first)).isEqualTo(2);
    }

    @Test
    void aPageLookupIsCountedInTheAliasCacheGetsAsDjangosTwoReads() throws Exception {
        String uri = "/pages/aliased?case=meters";
        double hits = gets("pages", "hit");
        double misses = gets("pages", "miss");
        this.http.get(uri);
        assertThat(gets("pages", "miss") - misses).isEqualTo(1);
        assertThat(gets("pages", "hit") - hits).isZero();
        this.http.get(uri);
        assertThat(gets("pages", "hit") - hits).isEqualTo(2);
        assertThat(gets("pages", "miss") - misses).isEqualTo(1);
    }

    private double gets(String cache, String result) {
        return this.meters.get("cache.gets").tag("cache", cache).tag("result", result).functionCounter().count();
    }

    @Test
    void clearingTheAliasThroughTheCachesEndpointDropsItsPages() throws Exception {
        String uri = "/pages/aliased?case=actuator-clear";
        this.http.get(uri);
        assertThat(this.http.send("DELETE", "/actuator/caches/pages").statusCode()).isEqualTo(204);
        this.http.get(uri);
        assertThat(runs(uri)).isEqualTo(2);
    }

    @Test
    void aPageLargerThanTheMaxPageSizeIsSentWholeAndNotStored() throws Exception {
        String uri = "/pages/sized?bytes=70000";
        assertThat(this.http.get(uri).body()).hasSize(70000).startsWith("page 1 ");
        assertThat(this.http.get(uri).body()).hasSize(70000).startsWith("page 2 ");
    }

    @Test
    void aPageWithinTheMaxPageSizeIsStored() throws Exception {
        String uri = "/pages/sized?bytes=60000";
        this.http.get(uri);
        assertThat(this.http.get(uri).body()).hasSize(60000).startsWith("page 1 ");
    }

    @Test
    void aWrittenPageThatPassesTheMaxPageSizeOnlyWhenItsWriterIsFlushedIsSentWholeAndNotStored() throws Exception {
        // 66,000 characters: the writer hands the stream 8 KB at a time, so the last 464 bytes, which take the body past
        // 64 KB, arrive only when the page cache flushes the writer to store the page.
        String uri = "/pages/written?chars=66000";
        assertThat(this.http.get(uri).body()).hasSize(66000).startsWith("page 1 ");
        assertThat(this.http.get(uri).body()).hasSize(66000).startsWith("page 2 ");
    }

    @Test
    void aWrittenPageWithinTheMaxPageSizeIsStored() throws Exception {
        String uri = "/pages/written?chars=60000";
        this.http.get(uri);
        assertThat(this.http.get(uri).body()).hasSize(60000).startsWith("page 1 ");
    }
}
