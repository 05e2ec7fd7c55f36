package dev.locmem.cache.autoconfigure.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.cache.metrics.CacheMetricsRegistrar;

import dev.locmem.cache.metrics.CacheUnavailableMetrics;
import dev.locmem.cache.spring.CacheBackendCache;
import dev.locmem.cache.spring.LocMemCacheManager;

/**
 * Once the application's singletons exist, meters the caches of every {@link LocMemCacheManager} that Spring Boot's
 * cache metrics did not (those created after its registrar bound the caches of the day), and every cache created
 * from then on, each once; and counts the operations that failed open in {@code cache.unavailable}.
 *
 * <p>Tags are Spring Boot's: {@code cache=<name>} and {@code cache.manager=<bean name>}, without a
 * {@code CacheManager} suffix, as Spring Boot shortens it.
 */
public class LocMemCacheMetricsBinder implements SmartInitializingSingleton {

    private static final String CACHE_MANAGER_SUFFIX = "cacheManager";

    private final ListableBeanFactory beanFactory;

    private final ObjectProvider<CacheMetricsRegistrar> registrar;

    private final ObjectProvider<MeterRegistry> registry;

    /**
     * Creates the binder.
     * @param beanFactory where the cache managers are found
     * @param registrar Spring Boot's cache metrics registrar, when cache metrics are on
     * @param registry the meter registry, when there is one
     */
    public LocMemCacheMetricsBinder(ListableBeanFactory beanFactory, ObjectProvider<CacheMetricsRegistrar> registrar,
            ObjectProvider<MeterRegistry> registry) {
        this.beanFactory = beanFactory;
        this.registrar = registrar;
        this.registry = registry;
    }

    @Override
    public void afterSingletonsInstantiated() {
        CacheMetricsRegistrar registrar = this.registrar.getIfAvailable();
        MeterRegistry registry = this.registry.getIfAvailable();
        this.beanFactory.getBeansOfType(LocMemCacheManager.class, false, false).forEach((beanName, manager) -> {
            String managerTag = cacheManagerName(beanName);
            if (registrar != null && registry != null) {
                manager.addCacheCreationListener((cache) -> bind(registrar, cache, managerTag));
                for (String name : manager.getCacheNames()) {
                    CacheBackendCache cache = manager.getCache(name);
                    if (cache != null && !isBound(registry, name, managerTag)) {
                        bind(registrar, cache, managerTag);
                    }
                }
            }
            if (registry != null) {
                manager.addCacheUnavailableListener(new CacheUnavailableMetrics(registry, managerTag));
            }
        });
    }

    private static void bind(CacheMetricsRegistrar registrar, CacheBackendCache cache, String managerTag) {
        registrar.bindCacheToRegistry(cache, Tag.of("cache.manager", managerTag));
    }

    /** Whether Spring Boot already metered a cache: every binding registers {@code cache.puts}. */
    private static boolean isBound(MeterRegistry registry, String cacheName, String managerTag) {
        return registry.find("cache.puts").tag("cache", cacheName).tag("cache.manager", managerTag)
            .functionCounter() != null;
    }

    /** Spring Boot's rule: {@code fooCacheManager} is {@code foo}; {@code cacheManager} stays as it is. */
    static String cacheManagerName(String beanName) {
        if (beanName.length() > CACHE_MANAGER_SUFFIX.length()
                && beanName.toLowerCase(Locale.ROOT).endsWith(CACHE_MANAGER_SUFFIX.toLowerCase(Locale.ROOT))) {
            return beanName.substring(0, beanName.length() - CACHE_MANAGER_SUFFIX.length());
        }
        return beanName;
    }
}
