package dev.locmem.cache.web;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.Caches;
import dev.locmem.cache.Timeout;

/**
 * Looks pages up in, and stores them into, the backend of a policy's alias, through the core API, so that the pages
 * obey that alias as any other entry does: its backend, culling, meters and clear. The rules are Django's cache
 * middleware's, with what RFC 9111 asks of a shared cache:
 * <ul>
 * <li>only the response to a GET is stored, and only when its status is 200 or 304, it sets no cookie, and its
 * {@code Cache-Control} has none of {@code private}, {@code no-store} and {@code no-cache};</li>
 * <li>its timeout is the response's {@code s-maxage}, else its {@code max-age}, else the policy's; zero stores
 * nothing;</li>
 * <li>the key holds the values of the request headers the response names in {@code Vary} (and those of the policy);
 * a response that varies on {@code *} is not stored;</li>
 * <li>a request made with credentials (an {@code Authorization} header, or an authenticated user) is answered from
 * the cache, and its response stored, only when the response says {@code public} or {@code s-maxage};</li>
 * <li>a stored response gets {@code Cache-Control: max-age} (unless it has one) and {@code Expires} (unless it has
 * one), as Django's {@code patch_response_headers} gives them; a stored 304 answers only a request whose validators
 * match its own ({@code If-None-Match} naming its {@code ETag}, or {@code If-Modified-Since} not before its
 * {@code Last-Modified}): Django would send it to any request of the URI, even one without validators.</li>
 * </ul>
 */
public class PageCache {

    private final Caches caches;

    private final Clock clock;

    /**
     * Creates a page cache over the given caches.
     * @param caches the caches whose aliases the policies name
     * @param clock the clock of {@code Expires} and {@code Age}
     */
    public PageCache(Caches caches, Clock clock) {
        this.caches = Objects.requireNonNull(caches, "caches");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Tells whether the page cache knows an alias.
     * @param alias the alias
     * @return whether it is configured
     */
    public boolean hasAlias(String alias) {
        return this.caches.aliases().contains(alias);
    }

    /**
     * Returns the configured aliases.
     * @return the aliases, in configuration order
     */
    public Set<String> aliases() {
        return this.caches.aliases();
    }

    /**
     * Returns the stored page that may answer a request.
     * @param request a GET or HEAD request
     * @param policy a caching policy
     * @param authorized whether the request carries credentials
     * @return the page, or {@code null}
     */
    public CachedPage lookup(HttpServletRequest request, PagePolicy policy, boolean authorized) {
        CacheBackend backend = this.caches.get(policy.alias());
        if (!(backend.get(PageCacheKeys.headerListKey(policy.keyPrefix(), request)) instanceof List<?> learned)) {
            return null;
        }
        List<String> headerList = learned.stream().map(String::valueOf).toList();
        if (!(backend.get(PageCacheKeys.pageKey(policy.keyPrefix(), request, headerList)) instanceof CachedPage page)) {
            return null;
        }
        if (authorized && !page.allowsAuthorizedRequests()) {
            return null;
        }
        if (page.status() == HttpServletResponse.SC_NOT_MODIFIED && !page.isNotModifiedFor(request)) {
            return null;
        }
        return page;
    }

    /**
     * Writes a stored page to a response.
     * @param page the page
     * @param request the request
     * @param response the response
     * @throws IOException when the client cannot be written to
     */
    public void serve(CachedPage page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        page.writeTo(request, response, this.clock.millis());
    }

    /**
     * Stores a captured response, if the rules allow, patching its headers as a stored response's are.
     * @param request the request
     * @param capture the captured response, not yet sent
     * @return whether it was stored
     */
    public boolean store(HttpServletRequest request, PageCapture capture) {
        PagePolicy policy = capture.policy();
        if (!capture.mayBeStored() || !"GET".equals(request.getMethod()) || policy.kind() != PagePolicy.Kind.CACHE) {
            return false;
        }
        int status = capture.getStatus();
        if (status != HttpServletResponse.SC_OK && status != HttpServletResponse.SC_NOT_MODIFIED) {
            return false;
        }
        if (capture.setsCookie()) {
            return false;
        }
        CacheControlDirectives cacheControl = CacheControlDirectives.parse(capture.getHeaders("Cache-Control"));
        if (cacheControl.forbidSharedCache()) {
            return false;
        }
        if (capture.authorized() && !cacheControl.allowsAuthorizedSharing()) {
            return false;
        }
        List<String> headerList = patchVary(capture, policy.varyHeaders());
        if (headerList.contains("*")) {
            return false;
        }
        long timeout = cacheControl.sharedMaxAge().orElse(policy.timeoutSeconds());
        if (timeout <= 0) {
            return false;
        }
        long now = this.clock.millis();
        patchResponseHeaders(capture, cacheControl, timeout, now);
        CacheBackend backend = this.caches.get(policy.alias());
        Timeout entryTimeout = Timeout.ofSeconds(timeout);
        backend.set(PageCacheKeys.headerListKey(policy.keyPrefix(), request), new ArrayList<>(headerList),
                entryTimeout);
        backend.set(PageCacheKeys.pageKey(policy.keyPrefix(), request, headerList),
                CachedPage.of(status, capture.recordedHeaders(), capture.getContentType(), capture.bodyBytes(), now),
                entryTimeout);
        return true;
    }

    /**
     * Adds the policy's headers to the response's {@code Vary}, so that the key and the header agree even when the
     * handler set a {@code Vary} of its own after the policy added its headers.
     */
    private static List<String> patchVary(HttpServletResponse response, List<String> policyHeaders) {
        Collection<String> responseVary = response.getHeaders("Vary");
        List<String> present = PageCacheKeys.headerList(responseVary);
        Set<String> missing = new LinkedHashSet<>();
        for (String name : policyHeaders) {
            if (!present.contains(name.toLowerCase(java.util.Locale.ROOT)) && !present.contains("*")) {
                missing.add(name);
            }
        }
        if (missing.isEmpty()) {
            return present;
        }
        List<String> all = new ArrayList<>(responseVary);
        all.addAll(missing);
        response.setHeader("Vary", String.join(", ", all));
        return PageCacheKeys.headerList(all);
    }

    private static void patchResponseHeaders(HttpServletResponse response, CacheControlDirectives cacheControl,
            long timeout, long now) {
        if (response.getHeader("Expires") == null) {
            response.setDateHeader("Expires", now + timeout * 1000);
        }
        if (!cacheControl.has("max-age")) {
            Collection<String> existing = response.getHeaders("Cache-Control");
            List<String> values = new ArrayList<>(existing);
            values.add("max-age=" + timeout);
            response.setHeader("Cache-Control", String.join(", ", values));
        }
    }
}
