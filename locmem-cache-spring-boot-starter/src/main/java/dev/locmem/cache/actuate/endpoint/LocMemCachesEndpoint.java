package dev.locmem.cache.actuate.endpoint;

import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpoint;
import org.springframework.boot.cache.actuate.endpoint.NonUniqueCacheException;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.spring.CacheBackendCache;

/**
 * Spring Boot's {@code caches} endpoint, whose clear operations report a clear that did not happen.
 *
 * <p>{@link CacheBackendCache#clear()} fails open, because {@code @CacheEvict(allEntries = true)} calls it and must
 * not fail the method it annotates; but an operator who clears a cache through the endpoint while its Redis server is
 * down must not be told that it worked. So the endpoint clears a {@link CacheBackendCache} with
 * {@link CacheBackendCache#clearOrFail()}: {@code DELETE /actuator/caches/{name}} and {@code DELETE /actuator/caches}
 * then answer with a server error (503 and 500, see {@link LocMemCachesEndpointWebExtension}) instead of 204. (The redis backend still clears
 * the cache once its server is back, before it serves again.) Other caches are cleared as Spring Boot's endpoint
 * clears them; reading the caches is Spring Boot's.
 */
@Endpoint(id = "caches")
public class LocMemCachesEndpoint extends CachesEndpoint {

    private final Map<String, CacheManager> cacheManagers;

    /**
     * Creates the endpoint.
     * @param cacheManagers the cache managers, by bean name
     */
    public LocMemCachesEndpoint(Map<String, CacheManager> cacheManagers) {
        super(cacheManagers);
        this.cacheManagers = Objects.requireNonNull(cacheManagers, "cacheManagers");
    }

    /**
     * Clears every cache of every cache manager.
     * @throws CacheUnavailableException when a cache's backend cannot be reached; the others are cleared first
     */
    @Override
    @DeleteOperation
    public void clearCaches() {
        CacheUnavailableException failure = null;
        for (CacheManager cacheManager : this.cacheManagers.values()) {
            for (String name : cacheManager.getCacheNames()) {
                try {
                    clear(cacheManager.getCache(name));
                }
                catch (CacheUnavailableException ex) {
                    if (failure == null) {
                        failure = ex;
                    }
                    else {
                        failure.addSuppressed(ex);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Clears one cache.
     * @param cache the cache's name
     * @param cacheManager the cache manager's bean name, needed only when several have a cache of that name
     * @return {@code true} if the cache was cleared, {@code false} if there is no such cache
     * @throws NonUniqueCacheException when several cache managers have a cache of that name
     * @throws CacheUnavailableException when the cache's backend cannot be reached: nothing was cleared now
     */
    @Override
    @DeleteOperation
    public boolean clearCache(@Selector String cache, @Nullable String cacheManager) {
        CacheEntryDescriptor entry = cache(cache, cacheManager);
        if (entry == null) {
            return false;
        }
        Cache target = this.cacheManagers.get(entry.getCacheManager()).getCache(entry.getName());
        if (target == null) {
            return false;
        }
        clear(target);
        return true;
    }

    private static void clear(@Nullable Cache cache) {
        if (cache instanceof CacheBackendCache backendCache) {
            backendCache.clearOrFail();
        }
        else if (cache != null) {
            cache.clear();
        }
    }
}
