package dev.locmem.cache.spring;

/**
 * Told when a {@link LocMemCacheManager} creates the cache of a name used for the first time after it was built
 * ({@code @Cacheable("books")} with no alias {@code books}), so that such caches can be given meters as the ones of
 * the configured aliases are.
 */
@FunctionalInterface
public interface CacheCreationListener {

    /**
     * Called once per cache, after it was created and before it is returned to its first caller.
     * @param cache the new cache
     */
    void cacheCreated(CacheBackendCache cache);
}
