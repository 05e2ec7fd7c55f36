package dev.locmem.cache;

/**
 * Thrown by a backend whose store cannot be reached (a Redis server that is down or unreachable).
 *
 * <p>The low-level API lets it reach the caller, so that code which relies on a value knows it has none. Callers that
 * treat a cache as an optimisation, such as the Spring cache adapter behind {@code @Cacheable}, catch it and carry on
 * as on a miss ("fail open").
 */
public class CacheUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     * @param message what could not be reached, and for which operation
     * @param cause the client's exception
     */
    public CacheUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
