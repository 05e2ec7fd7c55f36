package dev.locmem.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * A cache that keeps nothing: Django's {@code DummyCache}, for development and for turning caching off without
 * changing code. Keys are still made and validated, so key warnings show up as they would with a real backend.
 *
 * <p>{@code get} returns the default, {@code add} returns {@code true}, {@code hasKey}, {@code touch} and
 * {@code delete} return {@code false}, {@code getMany} returns an empty map, {@code getOrSet} returns the loader's
 * value, and {@code incr} and {@code incrVersion} fail as for a missing key.
 */
public final class DummyCache extends BaseCacheBackend {

    /** A dummy cache with Django's defaults. */
    public DummyCache() {
        this(CacheSettings.builder().backend("dummy").build());
    }

    /**
     * A dummy cache with an alias's key prefix, version and key function.
     * @param settings the alias's settings
     */
    public DummyCache(CacheSettings settings) {
        super(settings.keyPrefix(), settings.version(), settings.keyFunction(), settings.timeout());
    }

    @Override
    public Object get(String key, Object defaultValue, Integer version) {
        makeAndValidateKey(key, version);
        return defaultValue;
    }

    @Override
    public void set(String key, Object value, Timeout timeout, Integer version) {
        makeAndValidateKey(key, version);
    }

    @Override
    public boolean add(String key, Object value, Timeout timeout, Integer version) {
        makeAndValidateKey(key, version);
        return true;
    }

    @Override
    public boolean touch(String key, Timeout timeout, Integer version) {
        makeAndValidateKey(key, version);
        return false;
    }

    @Override
    public boolean delete(String key, Integer version) {
        makeAndValidateKey(key, version);
        return false;
    }

    @Override
    public boolean hasKey(String key, Integer version) {
        makeAndValidateKey(key, version);
        return false;
    }

    @Override
    public long incr(String key, long delta, Integer version) {
        makeAndValidateKey(key, version);
        throw notFound(key);
    }

    @Override
    public Map<String, Object> getMany(Collection<String> keys, Integer version) {
        Objects.requireNonNull(keys, "keys").forEach(key -> makeAndValidateKey(key, version));
        return Map.of();
    }

    @Override
    public void clear() {
    }
}
