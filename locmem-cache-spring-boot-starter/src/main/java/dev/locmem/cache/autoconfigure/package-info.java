/**
 * Spring Boot auto-configuration of locmem-cache: {@link dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration}
 * (when to act and what to back off from), {@link dev.locmem.cache.autoconfigure.LocMemCacheProperties} (the
 * {@code app.caches} aliases), {@link dev.locmem.cache.autoconfigure.CacheAliasSettings} (their checking and
 * resolution), {@code LocMemCacheRedisConfiguration} (backend {@code redis} over the application's Redis connection,
 * when locmem-cache-redis is on the classpath) and the failure analysis of bad configuration.
 */
package dev.locmem.cache.autoconfigure;
