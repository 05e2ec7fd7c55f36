package dev.locmem.cache;

/**
 * Implemented by a {@link CacheBackend} whose store lives outside this process and can be out of reach, such as a
 * Redis server, so that a health check can ask it whether it can be used without running a cache operation of its
 * own.
 *
 * <p>A local-memory backend is always available and does not implement it.
 */
public interface CacheAvailability {

    /**
     * Checks that the store can be reached. While the backend knows of an outage it answers at once, without
     * contacting the store; otherwise it makes one round trip, whose failure starts an outage as the failure of any
     * operation would.
     * @throws CacheUnavailableException when the store cannot be reached, saying where and why
     */
    void checkAvailable();
}
