package dev.locmem.cache.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.Caches;
import dev.locmem.cache.spring.LocMemCacheManager;

/**
 * Auto-configuration of locmem-cache: the {@link Caches} of the aliases under {@code app.caches} (Django's
 * {@code caches}, for the low-level API) and a {@link LocMemCacheManager} named {@code cacheManager} over them (for
 * {@code @Cacheable} and friends).
 *
 * <p>It runs before Spring Boot's {@link CacheAutoConfiguration}, which then sees a {@link CacheManager} and backs off.
 * The cache manager follows the rules of Spring Boot's own, since it takes that one's place: it is created only
 * <ul>
 * <li>when caching is on ({@link EnableCaching @EnableCaching}, seen as a {@link CacheAspectSupport} bean);</li>
 * <li>when the application defines no {@code CacheManager} and no bean named {@code cacheResolver};</li>
 * <li>when {@code spring.cache.type} is {@code locmem}, or is not set and the application defines no {@link Cache}
 * beans (with some, Spring Boot's "generic" cache manager serves them, as without this starter).</li>
 * </ul>
 * The {@code Caches} bean, for the low-level API, exists in every case. The application's
 * {@link CacheManagerCustomizer} beans are applied to the manager, in order, as Spring Boot applies them to its own.
 *
 * <p>{@link CacheBackendProvider} beans of the application take precedence over the providers found through
 * {@code ServiceLoader} under the same name: that is how a backend is given what only the application has (a
 * {@code redis} provider bean that uses the application's Redis connection, say). With locmem-cache-redis and Spring
 * Data Redis on the classpath, {@code LocMemCacheRedisConfiguration} contributes that bean; this auto-configuration
 * runs after Spring Boot's Redis auto-configuration (when present), whose connection factory that bean uses.
 */
@AutoConfiguration(before = CacheAutoConfiguration.class,
        afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration")
@ConditionalOnClass({ CacheManager.class, Caches.class })
@Import(LocMemCacheRedisConfiguration.class)
public final class LocMemCacheAutoConfiguration {

    /** The name of the cache manager bean, as Spring Boot names its own. */
    public static final String CACHE_MANAGER_BEAN_NAME = "cacheManager";

    /** The bean name by which an application that resolves caches itself makes Spring Boot's manager back off. */
    static final String CACHE_RESOLVER_BEAN_NAME = "cacheResolver";

    /** The value of {@code spring.cache.type} that chooses this starter's manager. */
    static final String CACHE_TYPE = "locmem";

    LocMemCacheAutoConfiguration() {
    }

    /**
     * Checks {@code app.caches} before any bean is created, so that a mistake fails start-up at once; static, as a
     * post-processor of the bean factory must be, so that it does not need this configuration's instance.
     */
    @Bean
    @ConditionalOnMissingBean(CacheAliasSettings.class)
    static CacheAliasSettingsCheck cacheAliasSettingsCheck(Environment environment) {
        return new CacheAliasSettingsCheck(environment);
    }

    @Bean
    @ConditionalOnMissingBean
    CacheAliasSettings cacheAliasSettings(Environment environment, BeanFactory beanFactory,
            ObjectProvider<CacheBackendProvider> providers) {
        // Bound here, at app.caches, rather than as a @ConfigurationProperties bean: the rest of app.* is the
        // application's, and binding strictly needs the aliases' own handler.
        return CacheAliasSettings.resolve(environment, beanFactory, providers.orderedStream().toList());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Caches caches(CacheAliasSettings aliases) {
        return aliases.createCaches();
    }

    @Bean(name = CACHE_MANAGER_BEAN_NAME, destroyMethod = "close")
    @ConditionalOnBean(CacheAspectSupport.class)
    @ConditionalOnMissingBean(value = CacheManager.class, name = CACHE_RESOLVER_BEAN_NAME)
    @Conditional(LocMemCacheTypeCondition.class)
    LocMemCacheManager cacheManager(Caches caches, CacheAliasSettings aliases,
            ObjectProvider<CacheManagerCustomizer<?>> customizers) {
        LocMemCacheManager.Builder builder = LocMemCacheManager.builder(caches).providers(aliases.providers());
        aliases.allowNullValues().forEach(builder::allowNullValues);
        if (aliases.settings().containsKey(Caches.DEFAULT_ALIAS)) {
            builder.namesWithoutAlias(aliases.settings().get(Caches.DEFAULT_ALIAS), aliases.context());
        }
        return new CacheManagerCustomizers(customizers.orderedStream().toList()).customize(builder.build());
    }

    /**
     * Whether {@code spring.cache.type} leaves the choice to this starter: it names {@code locmem}, or it is not set
     * and the application has no {@link Cache} beans of its own. Spring Boot, with no type set, serves such beans
     * with its "generic" manager before trying any other; quietly replacing them with locmem namespaces of the same
     * names would change what {@code @Cacheable} stores into.
     */
    static final class LocMemCacheTypeCondition extends AnyNestedCondition {

        LocMemCacheTypeCondition() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnProperty(name = "spring.cache.type", havingValue = CACHE_TYPE)
        static final class LocMemChosen {

        }

        @ConditionalOnProperty(name = "spring.cache.type", havingValue = CACHE_TYPE, matchIfMissing = true)
        @ConditionalOnMissingBean(Cache.class)
        static final class NoTypeAndNoCacheBeans {

        }
    }
}
