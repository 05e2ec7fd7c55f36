package dev.locmem.cache;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * A cache that keeps nothing: Django's {@code DummyCache}, for development and for turning caching off without
 * changing code. String keys are still made and validated, so key warnings show up as they would with a real
 * backend; keys of any other type are taken as they are, since nothing is stored under them.
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
    public Object get(Object key, Object defaultValue, Integer version) {
        validate(key, version);
        return defaultValue;
    }

    @Override
    public void set(Object key, Object value, Timeout timeout, Integer version) {
        validate(key, version);
    }

    @Override
    public boolean add(Object key, Object value, Timeout timeout, Integer version) {
        validate(key, version);
        return true;
    }

    @Override
    public boolean touch(Object key, Timeout timeout, Integer version) {
        validate(key, version);
        return false;
    }

    @Override
    public boolean delete(Object key, Integer version) {
        validate(key, version);
        return false;
    }

    @Override
    public boolean hasKey(Object key, Integer version) {
        validate(key, version);
        return false;
    }

    @Override
    public long incr(Object key, long delta, Integer version) {
        validate(key, version);
        throw notFound(key);
    }

    @Override
    public <K> Map<K, Object> getMany(Collection<? extends K> keys, Integer version) {
        Objects.requireNonNull(keys, "keys").forEach(key -> validate(key, version));
        return Map.of();
    }

    /** Makes a string key, so that it draws the warnings a real backend would give it; any key may be used. */
    private void validate(Object key, Integer version) {
        Objects.requireNonNull(key, "key");
        if (key instanceof String) {
            makeAndValidateKey(key, version);
        }
    }

    @Override
    public void clear() {
    }
}
