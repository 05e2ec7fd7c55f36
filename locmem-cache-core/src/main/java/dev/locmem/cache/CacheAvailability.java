package dev.locmem.cache;

import java.util.Map;

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

    /**
     * What the backend knows of its state besides whether the store answers, for a health check to show, such as
     * whether a near cache's tracking connection is up. The details inform; they do not decide the health status,
     * which {@link #checkAvailable()} alone decides, so that a backend that still answers every call correctly (more
     * slowly, say) is not reported as failing.
     *
     * <p>Like {@link #checkAvailable()} while an outage is known, it answers from memory without contacting the
     * store, so that it can be asked at every health check, also while the store is down.
     * @return names and values (strings, numbers, booleans, or maps of them), in the order to show them; empty by
     *     default
     */
    default Map<String, Object> details() {
        return Map.of();
    }
}
