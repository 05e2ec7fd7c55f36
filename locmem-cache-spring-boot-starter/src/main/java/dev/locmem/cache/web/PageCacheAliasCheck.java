package dev.locmem.cache.web;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Fails start-up when a {@link CachePage} names an alias that {@code app.caches} does not configure, naming the alias
 * and the handler: otherwise the mistake would only show on the first request to that handler. It runs once every
 * singleton exists, when the handler mappings have found their handlers.
 */
public class PageCacheAliasCheck implements SmartInitializingSingleton {

    private final ListableBeanFactory beanFactory;

    private final PagePolicies policies;

    private final PageCache pageCache;

    /**
     * Creates the check.
     * @param beanFactory where the handler mappings are
     * @param policies the handlers' policies
     * @param pageCache the page cache, which knows the aliases
     */
    public PageCacheAliasCheck(ListableBeanFactory beanFactory, PagePolicies policies, PageCache pageCache) {
        this.beanFactory = beanFactory;
        this.policies = policies;
        this.pageCache = pageCache;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, String> unknown = new TreeMap<>();
        for (RequestMappingInfoHandlerMapping mapping : this.beanFactory
            .getBeansOfType(RequestMappingInfoHandlerMapping.class, false, false).values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                PagePolicy policy = this.policies.forHandler(entry.getValue());
                if (policy != null && policy.kind() == PagePolicy.Kind.CACHE && !this.pageCache.hasAlias(policy.alias())) {
                    unknown.put(policy.source(), policy.alias());
                }
            }
        }
        if (!unknown.isEmpty()) {
            StringBuilder message = new StringBuilder();
            unknown.forEach((source, alias) -> message.append(message.isEmpty() ? "" : "; ").append(source)
                .append(" names the cache alias '").append(alias).append("', which app.caches does not configure"));
            throw new IllegalStateException(message.append("; configured aliases: ").append(this.pageCache.aliases())
                .toString());
        }
    }
}
