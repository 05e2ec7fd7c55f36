package dev.locmem.cache.autoconfigure;

import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

/**
 * A user configuration that turns caching on, as an application's {@code @EnableCaching} does: the cache manager of
 * the starter, like Spring Boot's, exists only then.
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
public class EnableCachingConfiguration {

}
