package dev.locmem.cache.web;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Finds the {@link PagePolicy} of a handler from its annotations, falling back on the site-wide cache middleware's
 * policy when there is one. A method's {@link CachePage} or {@link NeverCache} takes precedence over its class's, and
 * {@code NeverCache} over {@code CachePage} on the same element; the {@link VaryOnHeaders} and {@link VaryOnCookie}
 * of the method and of the class add up. Policies are worked out once per handler method.
 */
public final class PagePolicies {

    private final PagePolicy middleware;

    private final Map<Method, PagePolicy> byMethod = new ConcurrentHashMap<>();

    /**
     * Creates the policies.
     * @param middleware the site-wide middleware's policy for handlers without annotations, or {@code null} when the
     *     middleware is off
     */
    public PagePolicies(PagePolicy middleware) {
        this.middleware = middleware;
    }

    /**
     * Returns the site-wide cache middleware's policy.
     * @return the policy, or {@code null} when the middleware is off
     */
    public PagePolicy middleware() {
        return this.middleware;
    }

    /**
     * Returns the policy of a handler: what its annotations say, else the middleware's.
     * @param handler the handler that Spring MVC chose: a {@link HandlerMethod} or any other
     * @return the policy, or {@code null} when the page cache has nothing to do with the handler's responses
     */
    public PagePolicy forHandler(Object handler) {
        if (handler instanceof HandlerMethod handlerMethod) {
            return this.byMethod.computeIfAbsent(handlerMethod.getMethod(),
                    (method) -> resolve(handlerMethod.getBeanType(), method));
        }
        return this.middleware;
    }

    private PagePolicy resolve(Class<?> beanType, Method method) {
        List<String> vary = new ArrayList<>();
        addVaryHeaders(beanType, vary);
        addVaryHeaders(method, vary);
        String source = beanType.getName() + "#" + method.getName();
        PagePolicy own = annotated(method, vary, source);
        if (own == null) {
            own = annotated(beanType, vary, source);
        }
        if (own != null) {
            return own;
        }
        if (this.middleware != null) {
            return this.middleware.varyingAlsoOn(vary);
        }
        return vary.isEmpty() ? null : new PagePolicy(PagePolicy.Kind.VARY_ONLY, null, "", 0, vary, source);
    }

    private static PagePolicy annotated(AnnotatedElement element, List<String> vary, String source) {
        if (AnnotatedElementUtils.hasAnnotation(element, NeverCache.class)) {
            return new PagePolicy(PagePolicy.Kind.NEVER, null, "", 0, List.of(), source);
        }
        CachePage cachePage = AnnotatedElementUtils.findMergedAnnotation(element, CachePage.class);
        if (cachePage != null) {
            return PagePolicy.cache(cachePage.cache(), cachePage.keyPrefix(), cachePage.timeout(), vary,
                    "@CachePage on " + source);
        }
        return null;
    }

    private static void addVaryHeaders(AnnotatedElement element, List<String> vary) {
        VaryOnHeaders headers = AnnotatedElementUtils.findMergedAnnotation(element, VaryOnHeaders.class);
        if (headers != null) {
            vary.addAll(List.of(headers.value()));
        }
        if (AnnotatedElementUtils.hasAnnotation(element, VaryOnCookie.class)) {
            vary.add("Cookie");
        }
    }
}
