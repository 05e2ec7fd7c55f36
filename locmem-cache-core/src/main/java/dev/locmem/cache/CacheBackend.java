package dev.locmem.cache;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The low-level cache API that every backend offers: Django's {@code BaseCache}.
 *
 * <p><b>Keys</b> are objects of any type, never {@code null}, and two keys share an entry only when they are
 * {@code equals()}: {@code 1L}, {@code 1} and {@code "1"} are three entries, whatever the backend, its key prefix,
 * version or key function. Strings are Django's keys: with Django's key function a string key {@code k} is stored as
 * {@code prefix:version:k}, and {@link #makeKey(Object, Integer)} says what the key function makes of any key. A
 * backend that keeps objects in this process (locmem) holds every key by {@code equals()}; a backend that stores
 * bytes (Redis) writes keys as {@link KeyEncoding} does, which keeps keys that are not equal apart, and refuses a key
 * it cannot encode so with an {@link IllegalArgumentException} that names its class. Keys must not change while they
 * are in a cache, as with any map.
 *
 * <p>Every method that takes a {@code version} uses the backend's
 * own version when it is {@code null}. Every method that takes a {@link Timeout} uses the backend's default timeout
 * for {@link Timeout#DEFAULT}; {@link Timeout#NEVER} never expires, and a zero or negative timeout stores nothing that
 * can be read back.
 *
 * <p>Values may be {@code null}: a stored {@code null} is a hit for {@link #hasKey(Object)} and {@link #getMany},
 * while {@link #get(Object)} cannot tell it from a miss (use {@link #get(Object, Object)} with a sentinel, as in
 * Django).
 *
 * <p>Each operation has one full form, with every parameter, that a backend implements; the shorter forms are default
 * methods that pass {@link Timeout#DEFAULT} and a {@code null} version to it, so a backend overrides only the full
 * forms (and may override a shorter one where it can do better). {@link BaseCacheBackend} gives the rest of Django's
 * {@code BaseCache}: key making and Django's generic algorithms.
 *
 * <p>Implementations are thread-safe.
 */
public interface CacheBackend extends AutoCloseable {

    /**
     * Returns the value of a key, or {@code null} when the key is missing or expired.
     * @param key the key
     * @return the value, or {@code null}
     */
    default Object get(Object key) {
        return get(key, null, null);
    }

    /**
     * Returns the value of a key, or the given default when the key is missing or expired.
     * @param key the key
     * @param defaultValue what to return on a miss
     * @return the value, or {@code defaultValue}
     */
    default Object get(Object key, Object defaultValue) {
        return get(key, defaultValue, null);
    }

    /**
     * Returns the value of a key at a version, or the given default when the key is missing or expired.
     * @param key the key
     * @param defaultValue what to return on a miss
     * @param version the key's version; {@code null} for the backend's own
     * @return the value, or {@code defaultValue}
     */
    Object get(Object key, Object defaultValue, Integer version);

    /**
     * Stores a value with the default timeout.
     * @param key the key
     * @param value the value, may be {@code null}
     */
    default void set(Object key, Object value) {
        set(key, value, Timeout.DEFAULT, null);
    }

    /**
     * Stores a value.
     * @param key the key
     * @param value the value, may be {@code null}
     * @param timeout how long the value lives
     */
    default void set(Object key, Object value, Timeout timeout) {
        set(key, value, timeout, null);
    }

    /**
     * Stores a value at a version.
     * @param key the key
     * @param value the value, may be {@code null}
     * @param timeout how long the value lives
     * @param version the key's version; {@code null} for the backend's own
     */
    void set(Object key, Object value, Timeout timeout, Integer version);

    /**
     * Stores a value only if the key is missing or expired, with the default timeout.
     * @param key the key
     * @param value the value, may be {@code null}
     * @return {@code true} if the value was stored
     */
    default boolean add(Object key, Object value) {
        return add(key, value, Timeout.DEFAULT, null);
    }

    /**
     * Stores a value only if the key is missing or expired.
     * @param key the key
     * @param value the value, may be {@code null}
     * @param timeout how long the value lives
     * @return {@code true} if the value was stored
     */
    default boolean add(Object key, Object value, Timeout timeout) {
        return add(key, value, timeout, null);
    }

    /**
     * Stores a value at a version only if the key is missing or expired.
     * @param key the key
     * @param value the value, may be {@code null}
     * @param timeout how long the value lives
     * @param version the key's version; {@code null} for the backend's own
     * @return {@code true} if the value was stored
     */
    boolean add(Object key, Object value, Timeout timeout, Integer version);

    /**
     * Returns the value of a key, first loading and adding it if it is missing, with the default timeout.
     * @param key the key
     * @param loader computes the value on a miss
     * @return the cached or loaded value
     * @see #getOrSet(Object, Supplier, Timeout, Integer)
     */
    default Object getOrSet(Object key, Supplier<?> loader) {
        return getOrSet(key, loader, Timeout.DEFAULT, null);
    }

    /**
     * Returns the value of a key, first loading and adding it if it is missing.
     * @param key the key
     * @param loader computes the value on a miss
     * @param timeout how long a loaded value lives
     * @return the cached or loaded value
     * @see #getOrSet(Object, Supplier, Timeout, Integer)
     */
    default Object getOrSet(Object key, Supplier<?> loader, Timeout timeout) {
        return getOrSet(key, loader, timeout, null);
    }

    /**
     * Returns the value of a key at a version, first loading and adding it if it is missing: Django's
     * {@code get_or_set}. On a miss the loader's value is {@link #add added}, then the key is read again, so a value
     * that another caller stored first wins; when nothing can be read back (a zero timeout), the loaded value is
     * returned.
     *
     * <p>Within one process the loader runs at most once per key at a time (a backend must keep this; every
     * {@link BaseCacheBackend} does): concurrent callers for the same key wait for it and receive its value, and a loader's exception reaches
     * each of them, with nothing stored. Callers in other processes sharing a remote store may each run it; the value
     * stored first wins for all of them.
     * @param key the key
     * @param loader computes the value on a miss
     * @param timeout how long a loaded value lives
     * @param version the key's version; {@code null} for the backend's own
     * @return the cached or loaded value
     */
    Object getOrSet(Object key, Supplier<?> loader, Timeout timeout, Integer version);

    /**
     * Returns a future of the value of a key at a version, on a miss starting the loader's future and storing what it
     * completes with: what Spring's {@code Cache.retrieve(key, loader)} goes through. The future answers the stored
     * value on a hit and the loaded value after a load, with a {@code null} value as any other; a loader that
     * throws, returns no future, or whose future fails stores nothing, and its failure is what the future fails
     * with. Failures of the backend itself, and a key it refuses, are reported through the future too, not thrown.
     *
     * <p>Unlike {@link #getOrSet(Object, Supplier, Timeout, Integer)}, the loaded value is {@link #set set}, not
     * added: an asynchronous load takes long enough that what it brings back is the newest value, and its callers
     * are given that value.
     *
     * <p>A backend should start the loader at most once per key at a time in this process: callers that come while a
     * load of their key runs share its future, and its failure (every {@link BaseCacheBackend} does so). Such a load
     * blocks no thread, so the thread that started it may call {@code getOrSet} for the same key without waiting for
     * it. Each hit, miss and store is counted once, by the backend, as its {@code get} and {@code set} count them.
     *
     * <p>This default form is not shared between callers, since an interface holds no state: it reads, and on a miss
     * starts the loader and stores its value, for each caller.
     * @param key the key
     * @param loader starts the load on a miss and returns its future
     * @param timeout how long a loaded value lives
     * @param version the key's version; {@code null} for the backend's own
     * @return a future of the cached or loaded value
     */
    default CompletableFuture<Object> getOrSetAsync(Object key, Supplier<? extends CompletableFuture<?>> loader,
            Timeout timeout, Integer version) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        Object missing = new Object();
        try {
            Object value = get(key, missing, version);
            if (value != missing) {
                return CompletableFuture.completedFuture(value);
            }
            CompletableFuture<?> loading = Objects.requireNonNull(loader.get(), "The loader returned no future");
            return loading.thenApply((loaded) -> {
                set(key, loaded, timeout, version);
                return loaded;
            });
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /**
     * Gives a live key the default timeout, counted from now.
     * @param key the key
     * @return {@code true} if the key was live and its expiry changed
     */
    default boolean touch(Object key) {
        return touch(key, Timeout.DEFAULT, null);
    }

    /**
     * Gives a live key a new timeout, counted from now.
     * @param key the key
     * @param timeout the new timeout
     * @return {@code true} if the key was live and its expiry changed
     */
    default boolean touch(Object key, Timeout timeout) {
        return touch(key, timeout, null);
    }

    /**
     * Gives a live key at a version a new timeout, counted from now.
     * @param key the key
     * @param timeout the new timeout
     * @param version the key's version; {@code null} for the backend's own
     * @return {@code true} if the key was live and its expiry changed
     */
    boolean touch(Object key, Timeout timeout, Integer version);

    /**
     * Deletes a key.
     * @param key the key
     * @return {@code true} if a live value was deleted
     */
    default boolean delete(Object key) {
        return delete(key, null);
    }

    /**
     * Deletes a key at a version.
     * @param key the key
     * @param version the key's version; {@code null} for the backend's own
     * @return {@code true} if a live value was deleted
     */
    boolean delete(Object key, Integer version);

    /**
     * Tells whether a key is live; a stored {@code null} counts as present.
     * @param key the key
     * @return {@code true} if the key holds an unexpired value
     */
    default boolean hasKey(Object key) {
        return hasKey(key, null);
    }

    /**
     * Tells whether a key at a version is live; a stored {@code null} counts as present.
     * @param key the key
     * @param version the key's version; {@code null} for the backend's own
     * @return {@code true} if the key holds an unexpired value
     */
    boolean hasKey(Object key, Integer version);

    /**
     * Adds one to an integer value.
     * @param key the key
     * @return the new value
     * @throws IllegalArgumentException {@code Key 'k' not found} when the key is missing or expired, or when the
     *     value is not an integer
     */
    default long incr(Object key) {
        return incr(key, 1, null);
    }

    /**
     * Adds {@code delta} to an integer value, atomically, keeping its expiry.
     * @param key the key
     * @param delta what to add
     * @return the new value
     * @throws IllegalArgumentException {@code Key 'k' not found} when the key is missing or expired, or when the
     *     value is not an integer
     * @throws ArithmeticException when the result overflows a {@code long}; the value is unchanged
     */
    default long incr(Object key, long delta) {
        return incr(key, delta, null);
    }

    /**
     * Adds {@code delta} to an integer value at a version, atomically, keeping its expiry.
     * @param key the key
     * @param delta what to add
     * @param version the key's version; {@code null} for the backend's own
     * @return the new value
     * @throws IllegalArgumentException {@code Key 'k' not found} when the key is missing or expired, or when the
     *     value is not an integer
     * @throws ArithmeticException when the result overflows a {@code long}; the value is unchanged
     */
    long incr(Object key, long delta, Integer version);

    /**
     * Subtracts one from an integer value.
     * @param key the key
     * @return the new value
     * @throws IllegalArgumentException when the key is missing or expired, or its value is not an integer
     */
    default long decr(Object key) {
        return decr(key, 1, null);
    }

    /**
     * Subtracts {@code delta} from an integer value: {@code incr(key, -delta)}.
     * @param key the key
     * @param delta what to subtract
     * @return the new value
     * @throws IllegalArgumentException when the key is missing or expired, or its value is not an integer
     */
    default long decr(Object key, long delta) {
        return decr(key, delta, null);
    }

    /**
     * Subtracts {@code delta} from an integer value at a version: {@code incr(key, -delta, version)}.
     * @param key the key
     * @param delta what to subtract
     * @param version the key's version; {@code null} for the backend's own
     * @return the new value
     * @throws IllegalArgumentException when the key is missing or expired, or its value is not an integer
     */
    default long decr(Object key, long delta, Integer version) {
        if (delta == Long.MIN_VALUE) {
            throw new ArithmeticException("Cannot decrement key '" + key + "' by Long.MIN_VALUE");
        }
        return incr(key, -delta, version);
    }

    /**
     * Returns the live values of many keys.
     * @param keys the keys
     * @param <K> the type of the keys
     * @return the keys found, with their values, in the order of {@code keys}; missing keys are absent
     */
    default <K> Map<K, Object> getMany(Collection<? extends K> keys) {
        return getMany(keys, null);
    }

    /**
     * Returns the live values of many keys at a version.
     * @param keys the keys
     * @param version the keys' version; {@code null} for the backend's own
     * @param <K> the type of the keys
     * @return the keys found, with their values, in the order of {@code keys}; missing keys are absent
     */
    <K> Map<K, Object> getMany(Collection<? extends K> keys, Integer version);

    /**
     * Stores many values with the default timeout.
     * @param data the keys and their values
     * @param <K> the type of the keys
     * @return the keys that could not be stored (empty when all were)
     */
    default <K> List<K> setMany(Map<? extends K, ?> data) {
        return setMany(data, Timeout.DEFAULT, null);
    }

    /**
     * Stores many values.
     * @param data the keys and their values
     * @param timeout how long the values live
     * @param <K> the type of the keys
     * @return the keys that could not be stored (empty when all were)
     */
    default <K> List<K> setMany(Map<? extends K, ?> data, Timeout timeout) {
        return setMany(data, timeout, null);
    }

    /**
     * Stores many values at a version.
     * @param data the keys and their values
     * @param timeout how long the values live
     * @param version the keys' version; {@code null} for the backend's own
     * @param <K> the type of the keys
     * @return the keys that could not be stored (empty when all were)
     */
    <K> List<K> setMany(Map<? extends K, ?> data, Timeout timeout, Integer version);

    /**
     * Deletes many keys.
     * @param keys the keys
     */
    default void deleteMany(Collection<?> keys) {
        deleteMany(keys, null);
    }

    /**
     * Deletes many keys at a version.
     * @param keys the keys
     * @param version the keys' version; {@code null} for the backend's own
     */
    void deleteMany(Collection<?> keys, Integer version);

    /**
     * Removes everything from the cache. For a local-memory backend that is the whole store of its location, shared
     * by every cache with that location, as in Django.
     */
    void clear();

    /**
     * Moves a key's value from the backend's version to the next one.
     * @param key the key
     * @return the new version
     * @throws IllegalArgumentException when the key is missing or expired
     */
    default int incrVersion(Object key) {
        return incrVersion(key, 1, null);
    }

    /**
     * Moves a key's value from the backend's version to that version plus {@code delta}.
     * @param key the key
     * @param delta how far to move
     * @return the new version
     * @throws IllegalArgumentException when the key is missing or expired
     */
    default int incrVersion(Object key, int delta) {
        return incrVersion(key, delta, null);
    }

    /**
     * Moves a key's value from {@code version} to {@code version + delta}: the value is stored at the new version and
     * deleted at the old one.
     * @param key the key
     * @param delta how far to move
     * @param version the key's current version; {@code null} for the backend's own
     * @return the new version
     * @throws IllegalArgumentException when the key is missing or expired
     */
    int incrVersion(Object key, int delta, Integer version);

    /**
     * Moves a key's value from the backend's version to the previous one.
     * @param key the key
     * @return the new version
     * @throws IllegalArgumentException when the key is missing or expired
     */
    default int decrVersion(Object key) {
        return incrVersion(key, -1, null);
    }

    /**
     * Moves a key's value from the backend's version to that version minus {@code delta}.
     * @param key the key
     * @param delta how far to move
     * @return the new version
     * @throws IllegalArgumentException when the key is missing or expired
     */
    default int decrVersion(Object key, int delta) {
        return incrVersion(key, -delta, null);
    }

    /**
     * Moves a key's value from {@code version} to {@code version - delta}.
     * @param key the key
     * @param delta how far to move
     * @param version the key's current version; {@code null} for the backend's own
     * @return the new version
     * @throws IllegalArgumentException when the key is missing or expired
     */
    default int decrVersion(Object key, int delta, Integer version) {
        return incrVersion(key, -delta, version);
    }

    /**
     * Returns the stored form of a key at the backend's version.
     * @param key the key
     * @return the key as the key function makes it
     */
    default String makeKey(Object key) {
        return makeKey(key, null);
    }

    /**
     * Returns the stored form of a key at a version: what the key function makes of the key's
     * {@linkplain KeyEncoding text} (a string is its own text), the prefix and the version.
     * @param key the key
     * @param version the key's version; {@code null} for the backend's own
     * @return the key as the key function makes it
     * @throws IllegalArgumentException when the key has no text form ({@link KeyEncoding} cannot encode it)
     */
    String makeKey(Object key, Integer version);

    /**
     * A snapshot of this backend's statistics, counted by the backend itself, once, so that every layer above it
     * (the Spring adapter, metrics) reports the same figures.
     * @return the statistics now; {@link CacheStats#UNKNOWN} by default, for a backend that does not count
     */
    default CacheStats stats() {
        return CacheStats.UNKNOWN;
    }

    /**
     * Releases what this backend holds (connections, its reference to a shared store). Cached data of a local-memory
     * store stays for other caches of the same location.
     */
    @Override
    void close();
}
