/**
 * Spring Boot auto-configuration of locmem-cache: {@link dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration}
 * (when to act and what to back off from), {@link dev.locmem.cache.autoconfigure.LocMemCacheProperties} (the
 * {@code app.caches} aliases, whose Javadoc is the IDE's description of them),
 * {@code CacheAliasBinding} (their strict binding with Spring's {@code Binder}, names as written),
 * {@link dev.locmem.cache.autoconfigure.CacheAliasSettings} (the backends' checks, and resolution), {@code LocMemCacheRedisConfiguration} (backend {@code redis} over the
 * application's Redis connection, when locmem-cache-redis is on the classpath) and the failure analysis of bad
 * configuration. The build's addition of the backends' options to the IDE metadata is in {@code .metadata}.
 */
package dev.locmem.cache.autoconfigure;
