package dev.locmem.cache;

/**
 * Makes the stored key from a key, the cache's key prefix and a version: Django's {@code KEY_FUNCTION}.
 *
 * <p>Two calls with equal arguments must return equal keys, and different arguments should give different keys, or
 * the values of those keys overwrite each other. The default is {@code keyPrefix + ":" + version + ":" + key}.
 */
@FunctionalInterface
public interface KeyFunction {

    /**
     * Makes the stored key.
     * @param key the key the application gave
     * @param keyPrefix the cache's key prefix, never {@code null}
     * @param version the version of the key
     * @return the key to store under, never {@code null}
     */
    String makeKey(String key, String keyPrefix, int version);
}
