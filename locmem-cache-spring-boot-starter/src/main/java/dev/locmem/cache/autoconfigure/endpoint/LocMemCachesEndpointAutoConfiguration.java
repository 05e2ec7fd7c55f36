package dev.locmem.cache.autoconfigure.endpoint;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpoint;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpointWebExtension;
import org.springframework.boot.cache.autoconfigure.CachesEndpointAutoConfiguration;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;

import dev.locmem.cache.actuate.endpoint.LocMemCachesEndpoint;
import dev.locmem.cache.actuate.endpoint.LocMemCachesEndpointWebExtension;

/**
 * Auto-configuration of the {@code caches} endpoint as a {@link LocMemCachesEndpoint}, whose clear operations fail
 * when a cache's Redis server is down, and of its {@link LocMemCachesEndpointWebExtension}, which answers them with
 * 503 instead of 204. It runs before Spring Boot's {@link CachesEndpointAutoConfiguration}, which then steps aside,
 * and steps aside itself for an endpoint or a web extension bean of the application's.
 */
@AutoConfiguration(before = CachesEndpointAutoConfiguration.class)
@ConditionalOnClass({ CachesEndpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(CachesEndpoint.class)
public final class LocMemCachesEndpointAutoConfiguration {

    LocMemCachesEndpointAutoConfiguration() {
    }

    @Bean
    @ConditionalOnMissingBean(CachesEndpoint.class)
    LocMemCachesEndpoint cachesEndpoint(ListableBeanFactory beanFactory) {
        return new LocMemCachesEndpoint(beanFactory.getBeansOfType(CacheManager.class));
    }

    @Bean
    @ConditionalOnMissingBean(CachesEndpointWebExtension.class)
    @ConditionalOnBean(CachesEndpoint.class)
    @ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
    LocMemCachesEndpointWebExtension locMemCachesEndpointWebExtension(CachesEndpoint cachesEndpoint) {
        return new LocMemCachesEndpointWebExtension(cachesEndpoint);
    }
}
