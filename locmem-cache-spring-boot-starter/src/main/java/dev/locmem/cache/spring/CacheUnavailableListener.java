package dev.locmem.cache.spring;

import dev.locmem.cache.CacheUnavailableException;

/**
 * Told each time a {@link CacheBackendCache} fails open because its backend could not be reached: the read was
 * served as a miss, or the write or eviction was skipped.
 *
 * <p>This is the hook that metrics hang on ({@code cache.unavailable} when Micrometer is present), kept as a plain
 * interface so that the adapter needs no metrics library.
 */
@FunctionalInterface
public interface CacheUnavailableListener {

    /** A listener that does nothing. */
    CacheUnavailableListener NONE = (cache, operation, exception) -> {
    };

    /**
     * Called after an operation failed open. Must not throw; it runs on the caller's thread.
     * @param cache the cache whose backend failed
     * @param operation the Spring cache operation, such as {@code get} or {@code put}
     * @param exception what the backend threw
     */
    void cacheUnavailable(CacheBackendCache cache, String operation, CacheUnavailableException exception);
}
