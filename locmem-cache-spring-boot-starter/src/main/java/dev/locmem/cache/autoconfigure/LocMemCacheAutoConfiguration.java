package dev.locmem.cache.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
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
 * The cache manager itself backs off when the application defines its own {@code CacheManager}, or chooses one of
 * Spring Boot's with {@code spring.cache.type}; the {@code Caches} bean stays either way. The application's
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
@EnableConfigurationProperties(LocMemCacheProperties.class)
@Import(LocMemCacheRedisConfiguration.class)
public final class LocMemCacheAutoConfiguration {

    /** The name of the cache manager bean, as Spring Boot names its own. */
    public static final String CACHE_MANAGER_BEAN_NAME = "cacheManager";

    LocMemCacheAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean
    CacheAliasSettings cacheAliasSettings(LocMemCacheProperties properties, Environment environment,
            BeanFactory beanFactory, ObjectProvider<CacheBackendProvider> providers) {
        return CacheAliasSettings.resolve(properties, environment, beanFactory, providers.orderedStream().toList());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    Caches caches(CacheAliasSettings aliases) {
        return aliases.createCaches();
    }

    @Bean(name = CACHE_MANAGER_BEAN_NAME, destroyMethod = "close")
    @ConditionalOnMissingBean(CacheManager.class)
    @ConditionalOnProperty(name = "spring.cache.type", havingValue = "locmem", matchIfMissing = true)
    LocMemCacheManager cacheManager(Caches caches, CacheAliasSettings aliases,
            ObjectProvider<CacheManagerCustomizer<?>> customizers) {
        LocMemCacheManager.Builder builder = LocMemCacheManager.builder(caches).providers(aliases.providers());
        aliases.allowNullValues().forEach(builder::allowNullValues);
        if (aliases.settings().containsKey(Caches.DEFAULT_ALIAS)) {
            builder.namesWithoutAlias(aliases.settings().get(Caches.DEFAULT_ALIAS), aliases.stores());
        }
        return new CacheManagerCustomizers(customizers.orderedStream().toList()).customize(builder.build());
    }
}
