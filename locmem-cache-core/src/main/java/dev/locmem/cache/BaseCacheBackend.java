package dev.locmem.cache;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The part of {@link CacheBackend} that is the same for every backend: Django's {@code BaseCache}.
 *
 * <p>It holds the key prefix, version and key function, makes and validates keys, and gives the generic forms of
 * {@code getOrSet}, {@code getMany}, {@code setMany}, {@code deleteMany}, {@code incrVersion} and {@code decrVersion}
 * built on the primitives, as Django does. A backend overrides one of those where it can do better (atomically, or in
 * one round trip). The shorthand overloads (no timeout, no version) are the interface's default methods.
 */
public abstract class BaseCacheBackend implements CacheBackend {

    /** The default timeout when none is configured: Django's 300 seconds. */
    public static final Timeout DJANGO_DEFAULT_TIMEOUT = Timeout.ofSeconds(300);

    private final String keyPrefix;

    private final int version;

    private final KeyFunction keyFunction;

    private final Timeout defaultTimeout;

    private final KeyWarnings keyWarnings;

    /**
     * The running loads of the generic {@link #getOrSet} and {@link #getOrSetAsync}; a backend that overrides them
     * coordinates its own.
     */
    private final SingleFlight loads = new SingleFlight();

    /**
     * Creates a backend from the settings every backend shares, as a builder holds them.
     * @param settings the builder's timeout, key prefix, version and key function
     */
    protected BaseCacheBackend(AliasSettingsBuilder<?> settings) {
        this(settings.getKeyPrefix(), settings.getVersion(), settings.getKeyFunction(), settings.getTimeout());
    }

    /**
     * Creates a backend from the settings every backend shares.
     * @param keyPrefix the key prefix, {@code null} for none
     * @param version the default version of keys
     * @param keyFunction the key function, {@code null} for Django's {@code prefix:version:key}
     * @param defaultTimeout the timeout that {@link Timeout#DEFAULT} stands for; must not be {@link Timeout#DEFAULT}
     */
    protected BaseCacheBackend(String keyPrefix, int version, KeyFunction keyFunction, Timeout defaultTimeout) {
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        if (defaultTimeout.isDefault()) {
            throw new IllegalArgumentException("The default timeout must be a number of seconds or NEVER, not DEFAULT");
        }
        this.keyPrefix = (keyPrefix != null) ? keyPrefix : "";
        this.version = version;
        this.keyFunction = (keyFunction != null) ? keyFunction : DefaultKeyFunction.INSTANCE;
        this.defaultTimeout = defaultTimeout;
        this.keyWarnings = new KeyWarnings(getClass().getName());
    }

    /**
     * Returns the key prefix.
     * @return the prefix, {@code ""} for none
     */
    public String keyPrefix() {
        return this.keyPrefix;
    }

    /**
     * Returns the default version of keys.
     * @return the version
     */
    public int version() {
        return this.version;
    }

    /**
     * Returns the key function.
     * @return the key function
     */
    public KeyFunction keyFunction() {
        return this.keyFunction;
    }

    /**
     * Returns the timeout that {@link Timeout#DEFAULT} stands for.
     * @return a timeout that is never {@link Timeout#DEFAULT}
     */
    public Timeout defaultTimeout() {
        return this.defaultTimeout;
    }

    /**
     * Resolves {@link Timeout#DEFAULT} to this backend's default timeout.
     * @param timeout a timeout, {@code null} meaning {@link Timeout#DEFAULT}
     * @return a timeout that is never {@link Timeout#DEFAULT}
     */
    protected final Timeout resolve(Timeout timeout) {
        return (timeout == null) ? this.defaultTimeout : timeout.orDefault(this.defaultTimeout);
    }

    /**
     * Resolves a {@code null} version to this backend's own.
     * @param version a version or {@code null}
     * @return the version to use
     */
    protected final int resolve(Integer version) {
        return (version != null) ? version : this.version;
    }

    /**
     * {@inheritDoc}
     * <p>The key function is given the key's {@linkplain KeyEncoding#encode text}: a string as it is.
     */
    @Override
    public String makeKey(Object key, Integer version) {
        Objects.requireNonNull(key, "key");
        return makeKeyOfText(KeyEncoding.encode(key), version);
    }

    /**
     * Makes the stored key from a key's text with the key function.
     * @param text the key's text, as {@link KeyEncoding} writes it (or, for a key it cannot write, any text that
     *     equal keys share)
     * @param version the version or {@code null}
     * @return the made key
     */
    protected final String makeKeyOfText(String text, Integer version) {
        String made = this.keyFunction.makeKey(text, this.keyPrefix, resolve(version));
        if (made == null) {
            throw new IllegalStateException("Key function " + this.keyFunction + " returned null for key '" + text
                    + "'");
        }
        return made;
    }

    /**
     * Makes a key and warns (never fails) when it would not be portable: Django's {@code make_and_validate_key}.
     * @param key the key
     * @param version the version or {@code null}
     * @return the made key
     * @see KeyWarnings
     */
    protected final String makeAndValidateKey(Object key, Integer version) {
        String made = makeKey(key, version);
        this.keyWarnings.validate(made);
        return made;
    }

    /**
     * Warns about the made key {@code head + key} that would not be portable, without building it unless it warns.
     * @param head the start of the made key
     * @param key the rest of it
     */
    protected final void validateKey(String head, String key) {
        this.keyWarnings.validate(head, key);
    }

    // The generic algorithms, as Django's BaseCache has them.

    /**
     * {@inheritDoc}
     * <p>This generic form is Django's algorithm (get, on a miss load and {@code add}, get again), run at most once
     * per key at a time in this backend object: callers that come while it runs for their key wait and receive the
     * same result, or the loader's exception, without reading the store themselves. A loader that calls
     * {@code getOrSet} for its own key fails with {@link IllegalStateException} instead of waiting for itself.
     * Callers are told apart by {@link #makeKey made key}.
     */
    @Override
    public Object getOrSet(Object key, Supplier<?> loader, Timeout timeout, Integer version) {
        Objects.requireNonNull(loader, "loader");
        // The flight starts before the first read: in a remote store a read is a round trip, which the waiters save.
        return loadOnce(makeKey(key, version), key, () -> {
            Object value = get(key, MISSING, version);
            if (value != MISSING) {
                return value;
            }
            return addOrGet(key, loader.get(), timeout, version);
        });
    }

    /**
     * {@inheritDoc}
     * <p>This generic form starts the loader at most once per key at a time in this backend object, apart from
     * {@link #getOrSet}'s loads: callers that come before its future completes share it, without reading the store
     * themselves (as {@code getOrSet}'s waiters do), and are given its value or its failure. The leader reads the
     * key; on a miss it starts the loader, and {@link #set sets} the value the loader's future completes with before
     * any caller's future completes. The load is forgotten then, so that a later caller reads the stored value. So a
     * hit counts one hit, and a miss one miss and, once loaded, one store. Callers are told apart by
     * {@link #makeKey made key}. Every caller is given the same loaded object; a backend that stores copies overrides
     * this to give each its own.
     */
    @Override
    public CompletableFuture<Object> getOrSetAsync(Object key, Supplier<? extends CompletableFuture<?>> loader,
            Timeout timeout, Integer version) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(loader, "loader");
        String flightKey;
        try {
            flightKey = makeKey(key, version);
        }
        catch (RuntimeException ex) {
            // A key this backend refuses fails the future, as every other failure does.
            return CompletableFuture.failedFuture(ex);
        }
        // As in getOrSet, the flight starts before the read, which the sharers then save.
        return this.loads.runAsync(flightKey, () -> {
            Object value = get(key, MISSING, version);
            if (value != MISSING) {
                return CompletableFuture.completedFuture(value);
            }
            CompletableFuture<?> loading = Objects.requireNonNull(loader.get(), "The loader returned no future");
            return loading.thenApply((loaded) -> {
                set(key, loaded, timeout, version);
                return loaded;
            });
        }, UnaryOperator.identity(), UnaryOperator.identity());
    }

    /**
     * The step of {@link #getOrSet} after a miss and a load: adds {@code loaded} and answers the value the key holds
     * then, so that a value another caller stored between the first read and the add wins, as in Django; when
     * nothing can be read back (a zero timeout, an expiry in between), {@code loaded}. This form is Django's add, then
     * get, with the get left out when the add stored {@code loaded} (the key then holds it: the same answer, without a
     * second read counted as a hit, or a second round trip); a backend overrides it to do both in one step.
     * @param key the key
     * @param loaded the loader's value
     * @param timeout how long a loaded value lives
     * @param version the key's version; {@code null} for the backend's own
     * @return the value that {@code getOrSet} answers
     */
    protected Object addOrGet(Object key, Object loaded, Timeout timeout, Integer version) {
        if (add(key, loaded, timeout, version)) {
            return loaded;
        }
        // Another caller stored a value between the first read and the add: it wins, as in Django.
        return get(key, loaded, version);
    }

    /**
     * Runs {@code load} at most once per {@code flightKey} at a time in this backend object: the callers that come
     * while it runs wait and receive its result, or its exception. For a backend that overrides {@link #getOrSet}
     * (to save round trips, say), so that it stays single-flight as the generic form is; the generic form uses it too.
     * @param flightKey what identifies the value loaded, such as the {@link #makeKey made key}
     * @param key the caller's key, for messages
     * @param load the whole of one {@code getOrSet}: reading, loading and storing
     * @return the result of the load, the caller's own or the one it waited for
     * @throws IllegalStateException when {@code load} calls this for its own flight key, instead of waiting for itself
     */
    protected final Object loadOnce(Object flightKey, Object key, Supplier<?> load) {
        return this.loads.run(flightKey, key, load, UnaryOperator.identity(), UnaryOperator.identity());
    }

    @Override
    public <K> Map<K, Object> getMany(Collection<? extends K> keys, Integer version) {
        Objects.requireNonNull(keys, "keys");
        Map<K, Object> found = new LinkedHashMap<>();
        for (K key : keys) {
            Object value = get(key, MISSING, version);
            if (value != MISSING) {
                found.put(key, value);
            }
        }
        return found;
    }

    @Override
    public <K> List<K> setMany(Map<? extends K, ?> data, Timeout timeout, Integer version) {
        Objects.requireNonNull(data, "data");
        data.forEach((key, value) -> set(key, value, timeout, version));
        return List.of();
    }

    @Override
    public void deleteMany(Collection<?> keys, Integer version) {
        Objects.requireNonNull(keys, "keys");
        for (Object key : keys) {
            delete(key, version);
        }
    }

    @Override
    public int incrVersion(Object key, int delta, Integer version) {
        int from = resolve(version);
        Object value = get(key, MISSING, from);
        if (value == MISSING) {
            throw notFound(key);
        }
        int to = Math.addExact(from, delta);
        // As in Django, the value moves with the default timeout: its remaining lifetime is not carried over.
        set(key, value, Timeout.DEFAULT, to);
        delete(key, from);
        return to;
    }

    /**
     * The exception Django raises (as {@code ValueError}) for {@code incr} and {@code incr_version} on a missing key.
     * @param key the key the caller gave
     * @return the exception to throw
     */
    protected static IllegalArgumentException notFound(Object key) {
        return new IllegalArgumentException("Key '" + key + "' not found");
    }

    /** Stands for "no value" where {@code null} is a value: Django's {@code _missing_key}. */
    protected static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "MISSING";
        }
    };

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[keyPrefix='" + this.keyPrefix + "', version=" + this.version + "]";
    }
}
