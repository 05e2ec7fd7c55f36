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
 * <p>Its order ({@link #DEFAULT_ORDER}) puts it inside Spring Security's filter chain, Spring Session's repository
 * filter and Spring's request context filter, so that what it stores is what the handler wrote, without the headers
 * those filters add on their way out (Spring Security's {@code Cache-Control: no-cache}, say): they add them again on
 * every hit. Requests whose responses go asynchronous (streaming bodies, emitters, deferred results) are released
 * unstored; error and async dispatches are not filtered.
 */
public class PageCacheFilter extends OncePerRequestFilter {

    /**
     * The filter's order: zero, after Spring Security's filter chain ({@code spring.security.filter.order}, -100 by
     * default), Spring Session's filter and {@code RequestContextFilter}, and before the filters at the default
     * order; the page cache's safety does not rest on it, since pages are served by the interceptor.
     */
    public static final int DEFAULT_ORDER = 0;

    private final PageCache pageCache;

    /**
     * Creates the filter.
     * @param pageCache the page cache that stores captured responses
     */
    public PageCacheFilter(PageCache pageCache) {
        this.pageCache = pageCache;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !"GET".equals(method) && !"HEAD".equals(method);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        PageCapture capture = new PageCapture(response);
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
        this.pageCache.store(request, capture);
        capture.finish();
    }
}
