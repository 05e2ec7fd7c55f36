package dev.locmem.cache.autoconfigure.web;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import dev.locmem.cache.Caches;
import dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration;
import dev.locmem.cache.web.CachePage;
import dev.locmem.cache.web.PageCache;
import dev.locmem.cache.web.PageCacheFilter;
import dev.locmem.cache.web.PageCacheInterceptor;
import dev.locmem.cache.web.PagePolicies;
import dev.locmem.cache.web.PagePolicy;

import static org.assertj.core.api.Assertions.assertThat;

/** When {@link PageCacheAutoConfiguration} acts, what it backs off from, and what fails start-up. */
class PageCacheAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations
        .of(LocMemCacheAutoConfiguration.class, PageCacheAutoConfiguration.class);

    private final WebApplicationContextRunner web = new WebApplicationContextRunner()
        .withConfiguration(CONFIGURATIONS);

    @Test
    void aServletWebApplicationGetsTheFilterTheInterceptorAndThePageCache() {
        this.web.run((context) -> {
            assertThat(context).hasSingleBean(PageCache.class).hasSingleBean(PageCacheInterceptor.class)
                .hasBean(PageCacheAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME);
            FilterRegistrationBean<?> registration = context
                .getBean(PageCacheAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
            assertThat(registration.getFilter()).isInstanceOf(PageCacheFilter.class);
            assertThat(registration.getOrder()).isEqualTo(PageCacheFilter.DEFAULT_ORDER);
        });
    }

    @Test
    void withoutSpringMvcOnTheClassPathThereAreNoPageCacheBeans() {
        this.web.withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PageCache.class)
                .doesNotHaveBean(PageCacheInterceptor.class)
                .doesNotHaveBean(PageCacheAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME));
    }

    @Test
    void aNonWebApplicationHasNoPageCacheBeans() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS)
            .run((context) -> assertThat(context).hasNotFailed().hasSingleBean(Caches.class)
                .doesNotHaveBean(PageCache.class)
                .doesNotHaveBean(PageCacheAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME));
    }

    @Test
    void anApplicationsOwnPageCacheIsUsedInsteadOfTheAutoConfiguredOne() {
        this.web.withUserConfiguration(OwnPageCache.class).run((context) -> {
            assertThat(context).hasSingleBean(PageCache.class);
            assertThat(context.getBean(PageCache.class)).isSameAs(context.getBean(OwnPageCache.class).pageCache);
        });
    }

    @Test
    void anApplicationsOwnFilterRegistrationReplacesTheAutoConfiguredOne() {
        this.web.withUserConfiguration(OwnFilterRegistration.class).run((context) -> assertThat(
                context.getBean(PageCacheAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class)
                    .getOrder())
            .isEqualTo(42));
    }

    @Test
    void theMiddlewareIsOffByDefault() {
        this.web.run((context) -> assertThat(context.getBean(PagePolicies.class).middleware()).isNull());
    }

    @Test
    void theMiddlewaresPropertiesMakeItsPolicy() {
        this.web.withPropertyValues("app.cache-middleware.enabled=true", "app.cache-middleware.seconds=90",
                "app.cache-middleware.key-prefix=site1")
            .run((context) -> {
                PagePolicy middleware = context.getBean(PagePolicies.class).middleware();
                assertThat(middleware.kind()).isEqualTo(PagePolicy.Kind.CACHE);
                assertThat(middleware.alias()).isEqualTo("default");
                assertThat(middleware.timeoutSeconds()).isEqualTo(90);
                assertThat(middleware.keyPrefix()).isEqualTo("site1");
            });
    }

    @Test
    void theMiddlewaresDefaultsAreDjangos() {
        CacheMiddlewareProperties properties = new CacheMiddlewareProperties();
        assertThat(properties.isEnabled()).isFalse();
        assertThat(properties.getAlias()).isEqualTo("default");
        assertThat(properties.getSeconds()).isEqualTo(600);
        assertThat(properties.getKeyPrefix()).isEmpty();
    }

    @Test
    void theFilterRunsAtOrderZeroAfterSpringSecuritysDefaultOrder() {
        this.web.run((context) -> assertThat(filterRegistration(context).getOrder()).isEqualTo(0));
    }

    @Test
    void theFilterFollowsSpringSecurityWhereItsFilterOrderIsMovedPastZero() {
        this.web.withPropertyValues("spring.security.filter.order=10")
            .run((context) -> assertThat(filterRegistration(context).getOrder()).isEqualTo(11));
    }

    @Test
    void theFilterFollowsSpringSessionWhereItsFilterOrderIsMovedPastZero() {
        this.web.withPropertyValues("spring.session.servlet.filter-order=20", "spring.security.filter.order=10")
            .run((context) -> assertThat(filterRegistration(context).getOrder()).isEqualTo(21));
    }

    @Test
    void theMaxPageSizeDefaultsToOneMegabyte() {
        assertThat(new CacheMiddlewareProperties().getMaxPageSize().toBytes()).isEqualTo(1024 * 1024)
            .isEqualTo(PageCacheFilter.DEFAULT_MAX_PAGE_BYTES);
    }

    @Test
    void aNegativeMaxPageSizeFailsStartUpNamingTheProperty() {
        this.web.withPropertyValues("app.cache-middleware.max-page-size=-1KB").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                .hasMessageContaining("app.cache-middleware.max-page-size")
                .hasMessageContaining("-1024B");
        });
    }

    @SuppressWarnings("unchecked")
    private static FilterRegistrationBean<PageCacheFilter> filterRegistration(
            ApplicationContext context) {
        return context.getBean(PageCacheAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME, FilterRegistrationBean.class);
    }

    @Test
    void anUnknownAliasInCachePageFailsStartUpNamingTheAliasAndTheHandler() {
        this.web.withUserConfiguration(MvcWithUnknownAlias.class).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
                .hasMessageContaining("'catalogue'")
                .hasMessageContaining(UnknownAliasController.class.getName() + "#page");
        });
    }

    @Test
    void aKnownAliasInCachePageStartsUp() {
        this.web.withUserConfiguration(MvcWithUnknownAlias.class)
            .withPropertyValues("app.caches.default.timeout=300", "app.caches.catalogue.location=catalogue")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void anUnknownMiddlewareAliasFailsStartUpNamingTheAlias() {
        this.web.withPropertyValues("app.cache-middleware.enabled=true", "app.cache-middleware.alias=site")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("app.cache-middleware.alias")
                    .hasMessageContaining("'site'");
            });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnPageCache {

        final PageCache pageCache = new PageCache(Caches.of(java.util.Map.of()), Clock.systemUTC());

        @Bean
        PageCache pageCache() {
            return this.pageCache;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnFilterRegistration {

        @Bean(PageCacheAutoConfiguration.FILTER_REGISTRATION_BEAN_NAME)
        FilterRegistrationBean<PageCacheFilter> ownRegistration(PageCache pageCache) {
            FilterRegistrationBean<PageCacheFilter> registration = new FilterRegistrationBean<>(
                    new PageCacheFilter(pageCache));
            registration.setOrder(42);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebMvc
    static class MvcWithUnknownAlias {

        @Bean
        UnknownAliasController unknownAliasController() {
            return new UnknownAliasController();
        }
    }

    @RestController
    static class UnknownAliasController {

        @CachePage(timeout = 60, cache = "catalogue")
        @GetMapping("/catalogue")
        String page() {
            return "catalogue";
        }
    }
}
