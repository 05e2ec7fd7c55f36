package dev.locmem.cache.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * The page cache's decisions, taken once Spring MVC has chosen the handler: which {@link PagePolicy} applies, whether
 * a stored page answers the request (then the handler does not run), and whether the response is to be captured for
 * {@link PageCacheFilter} to store.
 *
 * <p>Why an interceptor rather than a filter that looks the handler up itself: an interceptor runs inside the
 * {@code DispatcherServlet}, after every servlet filter whatever their order (security, session, locale, the
 * application's own), and after the locale resolver. A page is therefore only ever served to a request that all of
 * them let through and saw as they see any other request; putting the lookup in a filter would make that depend on
 * filter order, which is the trap of Django's {@code FetchFromCacheMiddleware} placed too early. It is registered
 * last among the interceptors for the same reason. The filter is still needed to capture the body, since an
 * interceptor cannot wrap the response.
 *
 * <p>{@link NeverCache} handlers get their headers here, before the handler writes; the handler may add to them but
 * the response is never stored.
 */
public class PageCacheInterceptor implements HandlerInterceptor {

    /** The {@code Cache-Control} of a {@link NeverCache} response, as Django's {@code add_never_cache_headers}. */
    public static final String NEVER_CACHE_CONTROL = "max-age=0, no-cache, no-store, must-revalidate, private";

    private final PagePolicies policies;

    private final PageCache pageCache;

    /**
     * Creates the interceptor.
     * @param policies the handlers' policies
     * @param pageCache the page cache
     */
    public PageCacheInterceptor(PagePolicies policies, PageCache pageCache) {
        this.policies = policies;
        this.pageCache = pageCache;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws Exception {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            // An async or error dispatch continues a request that the first dispatch already decided on.
            return true;
        }
        String method = request.getMethod();
        boolean get = "GET".equals(method);
        PagePolicy policy = this.policies.forHandler(handler);
        if (policy == null) {
            return true;
        }
        PageCapture capture = PageCapture.of(request);
        if (policy.kind() == PagePolicy.Kind.NEVER) {
            // Whatever the method: a never-cache page is never to be kept by anyone.
            response.setHeader("Cache-Control", NEVER_CACHE_CONTROL);
            response.setDateHeader("Expires", 0);
            if (capture != null) {
                capture.forbidStore();
            }
            return true;
        }
        addVary(response, policy.varyHeaders());
        if (policy.kind() != PagePolicy.Kind.CACHE || !(get || "HEAD".equals(method)) || capture == null) {
            return true;
        }
        boolean authorized = isAuthorized(request);
        CachedPage page = this.pageCache.lookup(request, policy, authorized);
        if (page != null) {
            capture.forbidStore();
            this.pageCache.serve(page, request, response);
            return false;
        }
        if (get) {
            capture.capture(policy, authorized);
        }
        return true;
    }

    /**
     * Tells whether a request carries credentials: an {@code Authorization} header, or a user that an
     * authentication filter (Spring Security's servlet API integration, the container) made known. Either way the
     * response may be that user's own.
     */
    private static boolean isAuthorized(HttpServletRequest request) {
        return request.getHeader("Authorization") != null || request.getUserPrincipal() != null;
    }

    private static void addVary(HttpServletResponse response, List<String> headers) {
        if (headers.isEmpty()) {
            return;
        }
        List<String> present = PageCacheKeys.headerList(response.getHeaders("Vary"));
        List<String> values = new ArrayList<>(response.getHeaders("Vary"));
        for (String header : headers) {
            if (!present.contains(header.toLowerCase(Locale.ROOT))) {
                values.add(header);
            }
        }
        response.setHeader("Vary", String.join(", ", values));
    }
}
