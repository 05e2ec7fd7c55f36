package dev.locmem.cache.autoconfigure.web;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.locmem.cache.Caches;
import dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration;
import dev.locmem.cache.web.PageCache;
import dev.locmem.cache.web.PageCacheAliasCheck;
import dev.locmem.cache.web.PageCacheFilter;
import dev.locmem.cache.web.PageCacheInterceptor;
import dev.locmem.cache.web.PagePolicies;
import dev.locmem.cache.web.PagePolicy;

/**
 * Auto-configuration of the page cache ({@code dev.locmem.cache.web}) for Spring MVC applications on a servlet
 * container: the {@link PageCacheFilter}, registered at {@link PageCacheFilter#DEFAULT_ORDER} for request dispatches,
 * and the {@link PageCacheInterceptor}, registered last among the interceptors, over the {@link Caches} bean. It
 * backs off as Spring Boot's own do: not at all without Spring MVC or outside a servlet web application, and bean by
 * bean where the application defines its own ({@link PageCache}, {@link PagePolicies}, a bean named
 * {@value #FILTER_REGISTRATION_BEAN_NAME}).
 *
 * <p>{@code app.cache-middleware} ({@link CacheMiddlewareProperties}) turns on the site-wide cache; an unknown alias
 * there, or in a {@code @CachePage}, fails start-up.
 */
@AutoConfiguration(after = LocMemCacheAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ DispatcherServlet.class, Filter.class, Caches.class })
@ConditionalOnBean(Caches.class)
@EnableConfigurationProperties(CacheMiddlewareProperties.class)
public final class PageCacheAutoConfiguration {

    /** The name of the page cache filter's registration. */
    public static final String FILTER_REGISTRATION_BEAN_NAME = "pageCacheFilterRegistration";

    /** Spring Boot's property for the order of Spring Security's filter chain. */
    static final String SECURITY_FILTER_ORDER = "spring.security.filter.order";

    /** Spring Boot's default for it, read here so that Spring Security need not be on the class path. */
    static final int DEFAULT_SECURITY_FILTER_ORDER = -100;

    /** Spring Boot's property for the order of Spring Session's repository filter. */
    static final String SESSION_FILTER_ORDER = "spring.session.servlet.filter-order";

    /** Spring Session's default for it. */
    static final int DEFAULT_SESSION_FILTER_ORDER = Integer.MIN_VALUE + 50;

    PageCacheAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    PageCache pageCache(Caches caches) {
        return new PageCache(caches, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    PagePolicies pagePolicies(CacheMiddlewareProperties middleware, Caches caches) {
        if (!middleware.isEnabled()) {
            return new PagePolicies(null);
        }
        if (!caches.aliases().contains(middleware.getAlias())) {
            throw new IllegalStateException("app.cache-middleware.alias names the cache alias '"
                    + middleware.getAlias() + "', which app.caches does not configure; configured aliases: "
                    + caches.aliases());
        }
        return new PagePolicies(PagePolicy.cache(middleware.getAlias(), middleware.getKeyPrefix(),
                middleware.getSeconds(), List.of(), "app.cache-middleware"));
    }

    @Bean
    @ConditionalOnMissingBean
    PageCacheInterceptor pageCacheInterceptor(PagePolicies policies, PageCache pageCache) {
        return new PageCacheInterceptor(policies, pageCache);
    }

    @Bean
    WebMvcConfigurer pageCacheWebMvcConfigurer(PageCacheInterceptor interceptor) {
        return new WebMvcConfigurer() {
            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                // Last: every other interceptor (an application's authorization check, say) runs before a hit.
                registry.addInterceptor(interceptor).order(Ordered.LOWEST_PRECEDENCE);
            }
        };
    }

    @Bean(name = FILTER_REGISTRATION_BEAN_NAME)
    @ConditionalOnMissingBean(name = FILTER_REGISTRATION_BEAN_NAME)
    FilterRegistrationBean<PageCacheFilter> pageCacheFilterRegistration(PageCache pageCache,
            CacheMiddlewareProperties middleware, Environment environment) {
        long maxPageBytes = middleware.getMaxPageSize().toBytes();
        if (maxPageBytes < 0) {
            throw new IllegalStateException("app.cache-middleware.max-page-size must be 0 or more (for instance 1MB or "
                    + "512KB), was " + middleware.getMaxPageSize());
        }
        FilterRegistrationBean<PageCacheFilter> registration = new FilterRegistrationBean<>(
                new PageCacheFilter(pageCache, maxPageBytes));
        registration.setOrder(PageCacheFilter.orderAfter(
                environment.getProperty(SECURITY_FILTER_ORDER, Integer.class, DEFAULT_SECURITY_FILTER_ORDER),
                environment.getProperty(SESSION_FILTER_ORDER, Integer.class, DEFAULT_SESSION_FILTER_ORDER)));
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        return registration;
    }

    @Bean
    @ConditionalOnMissingBean
    PageCacheAliasCheck pageCacheAliasCheck(ListableBeanFactory beanFactory, PagePolicies policies,
            PageCache pageCache) {
        return new PageCacheAliasCheck(beanFactory, policies, pageCache);
    }
}
