package dev.locmem.cache.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts a {@link PageCapture} around the response of every GET and HEAD request, and once the request has been handled
 * stores the captured response (when {@link PageCacheInterceptor} asked for it and {@link PageCache}'s rules allow)
 * before sending it. It neither looks pages up nor serves them: that is the interceptor's, after all filters.
 *
 * <p>Its order ({@link #DEFAULT_ORDER}, or {@link #orderAfter(int, int) later} where an application moved Spring
 * Security's or Spring Session's filter past it) puts it inside Spring Security's filter chain, Spring Session's
 * repository filter and Spring's request context filter, so that what it stores is what the handler wrote, without the headers
 * those filters add on their way out (Spring Security's {@code Cache-Control: no-cache}, say): they add them again on
 * every hit. Requests whose responses go asynchronous (streaming bodies, emitters, deferred results) are released
 * unstored; error and async dispatches are not filtered.
 */
public class PageCacheFilter extends OncePerRequestFilter {

    /**
     * The filter's order by default: zero, after Spring Security's filter chain ({@code spring.security.filter.order},
     * -100 by default), Spring Session's filter and {@code RequestContextFilter}, and before the filters at the default
     * order. Who may be served a page does not rest on it, since pages are served by the interceptor, after every
     * filter; what is stored does: inside Spring Security, the headers it adds on the way out are not stored.
     */
    public static final int DEFAULT_ORDER = 0;

    /** The largest body stored unless told otherwise: {@code app.cache-middleware.max-page-size}'s default. */
    public static final long DEFAULT_MAX_PAGE_BYTES = 1024 * 1024;

    private final PageCache pageCache;

    private final long maxPageBytes;

    /**
     * Creates the filter, storing pages of up to {@link #DEFAULT_MAX_PAGE_BYTES}.
     * @param pageCache the page cache that stores captured responses
     */
    public PageCacheFilter(PageCache pageCache) {
        this(pageCache, DEFAULT_MAX_PAGE_BYTES);
    }

    /**
     * Creates the filter.
     * @param pageCache the page cache that stores captured responses
     * @param maxPageBytes the largest body that is stored; a larger one is sent as it is written
     */
    public PageCacheFilter(PageCache pageCache, long maxPageBytes) {
        if (maxPageBytes < 0) {
            throw new IllegalArgumentException("maxPageBytes must not be negative, was " + maxPageBytes);
        }
        this.pageCache = pageCache;
        this.maxPageBytes = maxPageBytes;
    }

    /**
     * Returns the order that puts the filter inside the filters that must run before the page cache stores anything:
     * {@link #DEFAULT_ORDER}, or just after Spring Security's filter chain or Spring Session's repository filter where
     * an application moved them past it.
     * @param securityFilterOrder {@code spring.security.filter.order}
     * @param sessionFilterOrder {@code spring.session.servlet.filter-order}
     * @return the filter's order
     */
    public static int orderAfter(int securityFilterOrder, int sessionFilterOrder) {
        int latest = Math.max(securityFilterOrder, sessionFilterOrder);
        return (latest >= DEFAULT_ORDER) ? (int) Math.min((long) latest + 1, Integer.MAX_VALUE) : DEFAULT_ORDER;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !"GET".equals(method) && !"HEAD".equals(method);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PageCapture capture = new PageCapture(response, this.maxPageBytes);
        capture.bindTo(request);
        boolean handled = false;
        try {
            chain.doFilter(request, capture);
            handled = true;
        }
        finally {
            if (!handled || request.isAsyncStarted()) {
                capture.release();
            }
        }
        capture.flushWriter();
        this.pageCache.store(request, capture);
        capture.finish();
    }
}
