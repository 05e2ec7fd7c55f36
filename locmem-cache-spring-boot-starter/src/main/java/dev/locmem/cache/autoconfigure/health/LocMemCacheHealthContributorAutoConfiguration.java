package dev.locmem.cache.autoconfigure.health;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;

import dev.locmem.cache.Caches;
import dev.locmem.cache.actuate.health.LocMemCacheHealthIndicator;
import dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration;

/**
 * Auto-configuration of the {@link LocMemCacheHealthIndicator} ({@code /actuator/health/locMemCache}), when Spring
 * Boot's health support is present. It reports a cache whose Redis server is down as {@code DEGRADED}, which leaves
 * the application's health {@code UP}: see the indicator for why, and for how to make it count.
 * {@code management.health.locmemcache.enabled=false} turns it off.
 */
@AutoConfiguration(after = LocMemCacheAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Caches.class)
@ConditionalOnEnabledHealthIndicator("locmemcache")
public final class LocMemCacheHealthContributorAutoConfiguration {

    LocMemCacheHealthContributorAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(name = "locMemCacheHealthIndicator")
    LocMemCacheHealthIndicator locMemCacheHealthIndicator(Caches caches, ObjectProvider<CacheManager> cacheManager) {
        return new LocMemCacheHealthIndicator(caches, cacheManager.getIfUnique());
    }
}
