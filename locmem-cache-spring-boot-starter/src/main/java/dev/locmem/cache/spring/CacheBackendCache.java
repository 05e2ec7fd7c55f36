package dev.locmem.cache.spring;

import java.lang.reflect.Field;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.support.AbstractValueAdaptingCache;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheStats;
import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.CompositeKey;
import dev.locmem.cache.Timeout;

/**
 * A Spring {@link org.springframework.cache.Cache} over a core {@link CacheBackend}: what {@code @Cacheable} and its
 * siblings use. It fulfils Spring Framework 7's whole {@code Cache} contract and needs no Spring Boot.
 *
 * <p><b>Keys</b> of any type go to the backend as they are, which holds them by {@code equals()} (or, if it stores
 * bytes, writes them as {@link dev.locmem.cache.KeyEncoding} does and refuses what has no such form), so keys that
 * are not {@code equals()} never share an entry. Spring's {@code SimpleKey}, the key of a method with several
 * parameters, goes as a {@link CompositeKey} of its parameters, which has the same {@code equals()} and which every
 * backend can hold. The backend then applies the alias's key prefix, version and key function.
 *
 * <p><b>Values</b> are stored as given; {@code null} is stored as Spring's {@code NullValue} when null values are
 * allowed, and refused with an {@link IllegalArgumentException} otherwise (Spring's rule). Entries live for the
 * backend's default timeout, so an alias with timeout 0 or {@code backend: dummy} caches nothing and never fails.
 *
 * <p><b>Loading.</b> {@link #get(Object, Callable)} and {@link #retrieve(Object, Supplier)} run the loader at most
 * once per key at a time in this process: concurrent callers for the same key wait for that load and get its value
 * (or its failure). A failing {@code Callable} reaches every waiting caller as a {@link ValueRetrievalException}.
 * That is the backend's doing, not this adapter's: {@code get(key, Callable)} is the backend's {@code getOrSet}, and
 * {@code retrieve(key, loader)} its {@code getOrSetAsync}, which share one single-flight helper and count each hit,
 * miss and store once, in the backend. This adapter keeps no loads of its own.
 *
 * <p><b>Failing open.</b> When the backend throws {@link CacheUnavailableException} (a Redis server that is down),
 * the cache acts as an optimisation should: reads behave as misses, {@code get(key, loader)} calls the loader, and
 * writes and evictions are skipped. The first failure after a success is logged at WARN, in one line (once per
 * outage, not once per call; the stack trace at DEBUG), the return to service at INFO, and every failure is reported
 * to the {@link CacheUnavailableListener}. A write, eviction or clear that is skipped is not forgotten by a backend
 * that remembers it (the redis backend deletes the keys of failed writes, and redoes a failed clear, before it serves
 * again), so a server that comes back with its data does not serve what the application replaced meanwhile.
 * {@link #clear()} fails open too, as {@code @CacheEvict(allEntries = true)} must not fail the method it annotates;
 * {@link #clearOrFail()} is for callers that report whether the clear happened, such as the caches endpoint.
 *
 * <p><b>Statistics</b> ({@link #stats()}) are the backend's own ({@link CacheBackend#stats()}), counted once, there:
 * they include the low-level API's use of the same backend, and for a local-memory backend its evictions and size
 * are those of the store, which caches of the same location share. This adapter counts nothing itself, so a figure
 * is never counted twice, and a backend that does not count reports {@link CacheStats#UNKNOWN}.
 */
public class CacheBackendCache extends AbstractValueAdaptingCache {

    private static final Log logger = LogFactory.getLog(CacheBackendCache.class);

    private static final Field SIMPLE_KEY_PARAMS = simpleKeyParams();

    /** Stands for "no entry", where {@code null} could be a stored value. */
    private static final Object ABSENT = new Object();

    private final String name;

    private final CacheBackend backend;

    private final CacheUnavailableListener unavailableListener;

    private final AtomicBoolean available = new AtomicBoolean(true);

    /**
     * Creates a cache that allows null values and reports outages to no listener.
     * @param name the cache's name
     * @param backend the backend that holds the entries
     */
    public CacheBackendCache(String name, CacheBackend backend) {
        this(name, backend, true, CacheUnavailableListener.NONE);
    }

    /**
     * Creates a cache.
     * @param name the cache's name
     * @param backend the backend that holds the entries
     * @param allowNullValues whether {@code null} values are cached (as Spring's {@code NullValue})
     * @param unavailableListener told of every operation that failed open
     */
    public CacheBackendCache(String name, CacheBackend backend, boolean allowNullValues,
            CacheUnavailableListener unavailableListener) {
        super(allowNullValues);
        this.name = Objects.requireNonNull(name, "name");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.unavailableListener = Objects.requireNonNull(unavailableListener, "unavailableListener");
    }

    @Override
    public final String getName() {
        return this.name;
    }

    /**
     * Returns the backend.
     * @return the {@link CacheBackend} holding this cache's entries
     */
    @Override
    public final CacheBackend getNativeCache() {
        return this.backend;
    }

    /**
     * Tells whether the backend answered the last call: {@code false} from a {@link CacheUnavailableException} until
     * the next call that succeeds.
     * @return {@code true} unless the cache is failing open now
     */
    public boolean isAvailable() {
        return this.available.get();
    }

    /**
     * A snapshot of the backend's statistics; see the class documentation for what they count.
     * @return the backend's hits, misses, puts, and when it knows its store, its evictions, expirations and size
     *     ({@code -1} for what is unknown)
     */
    public CacheStats stats() {
        return this.backend.stats();
    }

    /**
     * Tells whether {@link #stats()} knows the number of entries and evictions: whether the backend knows its store.
     * @return {@code true} for a backend such as a local-memory one
     */
    public boolean hasStoreStatistics() {
        return this.backend.stats().knowsStore();
    }

    @Override
    protected Object lookup(Object key) {
        Object backendKey = backendKey(key);
        Object value;
        try {
            value = this.backend.get(backendKey, ABSENT);
            backendAnswered();
        }
        catch (CacheUnavailableException ex) {
            unavailable("get", ex);
            value = ABSENT;
        }
        // A null read back means the backend holds null itself (written through the low-level API): show it as
        // Spring's null value, or as a miss when this cache does not allow nulls.
        if (value == null) {
            return isAllowNullValues() ? toStoreValue(null) : null;
        }
        return (value != ABSENT) ? value : null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        Objects.requireNonNull(valueLoader, "valueLoader");
        Object backendKey = backendKey(key);
        LoaderCall call = new LoaderCall(valueLoader);
        Object stored;
        try {
            // The backend's getOrSet runs the loader once per key at a time in this process (CacheBackend's
            // contract), and counts one hit or one miss and, for a load, one put.
            stored = this.backend.getOrSet(backendKey, call, Timeout.DEFAULT, null);
            backendAnswered();
        }
        catch (LoaderFailure failure) {
            throw new ValueRetrievalException(key, valueLoader, failure.getCause());
        }
        catch (CacheUnavailableException ex) {
            unavailable("get", ex);
            if (call.ran) {
                // The loader ran before the backend failed: use its value rather than run it twice.
                return (T) fromStoreValue(call.result);
            }
            try {
                return valueLoader.call();
            }
            catch (Exception loaderFailure) {
                throw new ValueRetrievalException(key, valueLoader, loaderFailure);
            }
        }
        return (T) fromStoreValue(stored);
    }

    /**
     * {@inheritDoc}
     * <p>As Spring's own caches do, the future holds a {@code ValueWrapper} when null values are allowed (so that a
     * cached {@code null} can be told from a miss), and the bare value otherwise.
     */
    @Override
    public CompletableFuture<?> retrieve(Object key) {
        Object stored = lookup(key);
        if (stored == null) {
            return null;
        }
        return CompletableFuture.completedFuture(isAllowNullValues() ? toValueWrapper(stored) : fromStoreValue(stored));
    }

    /**
     * {@inheritDoc}
     * <p>On a miss the supplier's future is started once per key at a time (by the backend's
     * {@link CacheBackend#getOrSetAsync getOrSetAsync}); callers that come while it runs share it. Its value is
     * stored when it completes; a failed future stores nothing and reaches every caller that shares it. A
     * {@code null} result is cached only when null values are allowed. The thread that started a load may call
     * {@link #get(Object, Callable)} for the same key without waiting for it.
     *
     * <p>While the backend cannot be reached the future completes with the loaded value, as if there were no cache:
     * the supplier is called then unless it already was.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> retrieve(Object key, Supplier<CompletableFuture<T>> valueLoader) {
        Objects.requireNonNull(valueLoader, "valueLoader");
        Object backendKey = backendKey(key);
        AsyncLoaderCall call = new AsyncLoaderCall(valueLoader);
        return this.backend.getOrSetAsync(backendKey, call, Timeout.DEFAULT, null)
            .handle((stored, failure) -> {
                Throwable cause = unwrap(failure);
                if (cause == null) {
                    backendAnswered();
                    return CompletableFuture.completedFuture((T) fromStoreValue(stored));
                }
                if (cause instanceof NothingToCache) {
                    // A null that this cache does not hold: stored nothing, and every sharer answers null.
                    backendAnswered();
                    return CompletableFuture.<T>completedFuture(null);
                }
                if (cause instanceof CacheUnavailableException unavailable) {
                    return retrieveWithoutCache(call, valueLoader, unavailable);
                }
                return CompletableFuture.<T>failedFuture(cause);
            })
            .thenCompose(Function.identity());
    }

    /** {@code retrieve}'s answer while the backend cannot be reached: the value loaded, loading it if need be. */
    @SuppressWarnings("unchecked")
    private <T> CompletableFuture<T> retrieveWithoutCache(AsyncLoaderCall call,
            Supplier<CompletableFuture<T>> valueLoader, CacheUnavailableException ex) {
        if (call.ran) {
            // The load completed and storing it failed: use its value rather than load twice.
            unavailable("put", ex);
            return CompletableFuture.completedFuture((T) fromStoreValue(call.result));
        }
        unavailable("get", ex);
        try {
            return Objects.requireNonNull(valueLoader.get(), "The value loader returned no future")
                .thenApply(Function.identity());
        }
        catch (RuntimeException loaderFailure) {
            return CompletableFuture.failedFuture(loaderFailure);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        if (failure instanceof CompletionException && failure.getCause() != null) {
            return failure.getCause();
        }
        return failure;
    }

    @Override
    public void put(Object key, Object value) {
        Object backendKey = backendKey(key);
        Object toStore = toStoreValue(value);
        write("put", () -> this.backend.set(backendKey, toStore));
    }

    /**
     * {@inheritDoc}
     * <p>Atomic: the backend's {@code add} stores the value only if the key holds none. When it holds one, that value
     * is read and returned (a local-memory cache counts that read as a hit).
     */
    @Override
    public ValueWrapper putIfAbsent(Object key, Object value) {
        Object backendKey = backendKey(key);
        Object toStore = toStoreValue(value);
        try {
            for (;;) {
                if (this.backend.add(backendKey, toStore)) {
                    backendAnswered();
                    return null;
                }
                Object existing = this.backend.get(backendKey, ABSENT);
                if (existing != ABSENT) {
                    backendAnswered();
                    return toValueWrapper((existing != null) ? existing : toStoreValue(null));
                }
                // The entry expired or was deleted between add and get: try to add again.
            }
        }
        catch (CacheUnavailableException ex) {
            unavailable("putIfAbsent", ex);
            return null;
        }
    }

    @Override
    public void evict(Object key) {
        evictIfPresent(key);
    }

    @Override
    public boolean evictIfPresent(Object key) {
        Object backendKey = backendKey(key);
        try {
            boolean deleted = this.backend.delete(backendKey);
            backendAnswered();
            return deleted;
        }
        catch (CacheUnavailableException ex) {
            unavailable("evict", ex);
            return false;
        }
    }

    /**
     * {@inheritDoc}
     * <p>Clears the backend: for a local-memory backend that is the whole store of its location, which aliases with
     * the same location share, as Django's {@code clear()} does.
     *
     * <p>Fails open, like every operation of this adapter, since it is what {@code @CacheEvict(allEntries = true)}
     * calls: while the backend cannot be reached, nothing is cleared now, and the clear is deferred to the backend
     * (the redis backend clears before it serves again), as Spring's {@code Cache.clear()} contract allows.
     * @see #clearOrFail()
     */
    @Override
    public void clear() {
        try {
            clearOrFail();
        }
        catch (CacheUnavailableException ex) {
            // Reported by clearOrFail(); failing open, as the class documentation says.
        }
    }

    /**
     * Clears the backend now, or says that it could not: unlike {@link #clear()}, a backend that cannot be reached
     * reaches the caller. For callers that report whether the clear happened, such as the caches actuator endpoint,
     * where a clear that did not happen must not look like success. The failure is logged and reported to the
     * {@link CacheUnavailableListener} as {@link #clear()}'s is.
     * @throws CacheUnavailableException when the backend cannot be reached; a backend that defers the clear (the
     *     redis backend does) does it once it is back
     */
    public void clearOrFail() {
        try {
            this.backend.clear();
            backendAnswered();
        }
        catch (CacheUnavailableException ex) {
            unavailable("clear", ex);
            throw ex;
        }
    }

    /**
     * {@inheritDoc}
     * <p>Answers {@code true} when the backend knows its store and it held entries before; backends that do not know
     * their size (Redis) cannot tell, and answer {@code false}.
     *
     * <p>Fails open as {@link #clear()} does. The entries still stay invisible to this cache's lookups: they miss
     * while the backend cannot be reached, and the redis backend clears before it serves again.
     */
    @Override
    public boolean invalidate() {
        boolean hadEntries = this.backend.stats().size() > 0;
        clear();
        return hadEntries;
    }

    private void write(String operation, Runnable write) {
        try {
            write.run();
            backendAnswered();
        }
        catch (CacheUnavailableException ex) {
            unavailable(operation, ex);
        }
    }

    private void backendAnswered() {
        // Read before writing, so that the usual case (available) does not write a shared field.
        if (!this.available.get() && this.available.compareAndSet(false, true)) {
            logger.info("Cache '" + this.name + "' is available again");
        }
    }

    private void unavailable(String operation, CacheUnavailableException ex) {
        if (this.available.compareAndSet(true, false)) {
            // One line: the message names the server, the operation and the cause; the client's stack trace says
            // nothing more that an operator can act on, so it is at DEBUG.
            logger.warn("Cache '" + this.name + "' is unavailable; serving without it until it answers again ("
                    + operation + " failed: " + ex.getMessage() + ")");
            logger.debug("Cache '" + this.name + "' became unavailable", ex);
        }
        else if (logger.isDebugEnabled()) {
            logger.debug("Cache '" + this.name + "' is still unavailable (" + operation + " failed)", ex);
        }
        try {
            this.unavailableListener.cacheUnavailable(this, operation, ex);
        }
        catch (RuntimeException listenerFailure) {
            logger.debug("A CacheUnavailableListener failed", listenerFailure);
        }
    }

    /**
     * The key the backend is given for a Spring key: itself, but for a {@code SimpleKey}, which becomes a
     * {@link CompositeKey} of its parameters (both compare their parameters with {@code Arrays.deepEquals}), so that
     * a backend that stores keys as text can write it part by part.
     */
    static Object backendKey(Object key) {
        if (key == null) {
            throw new IllegalArgumentException("A cache key must not be null");
        }
        if (key instanceof SimpleKey simpleKey && SIMPLE_KEY_PARAMS != null) {
            try {
                return CompositeKey.of((Object[]) SIMPLE_KEY_PARAMS.get(simpleKey));
            }
            catch (IllegalAccessException ex) {
                return key;
            }
        }
        return key;
    }

    /** {@code SimpleKey}'s parameters, or {@code null} where they cannot be read (a module that does not open them). */
    private static Field simpleKeyParams() {
        try {
            Field params = SimpleKey.class.getDeclaredField("params");
            params.setAccessible(true);
            return params;
        }
        catch (ReflectiveOperationException | RuntimeException ex) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "CacheBackendCache[name='" + this.name + "', backend=" + this.backend + "]";
    }

    /** The Spring loader as a backend loader: converts its value to the stored form and remembers that it ran. */
    private final class LoaderCall implements Supplier<Object> {

        private final Callable<?> loader;

        volatile boolean ran;

        volatile Object result;

        LoaderCall(Callable<?> loader) {
            this.loader = loader;
        }

        @Override
        public Object get() {
            Object stored;
            try {
                // toStoreValue refuses null when nulls are not allowed: that failure is the loader's, as in Spring.
                stored = toStoreValue(this.loader.call());
            }
            catch (Exception ex) {
                throw new LoaderFailure(ex);
            }
            this.result = stored;
            this.ran = true;
            return stored;
        }
    }

    /**
     * Spring's asynchronous loader as a backend loader: its future's value in the stored form, remembered for failing
     * open. A {@code null} that this cache does not hold fails the load with {@link NothingToCache}, so that the
     * backend stores nothing.
     */
    private final class AsyncLoaderCall implements Supplier<CompletableFuture<Object>> {

        private final Supplier<? extends CompletableFuture<?>> loader;

        volatile boolean ran;

        volatile Object result;

        AsyncLoaderCall(Supplier<? extends CompletableFuture<?>> loader) {
            this.loader = loader;
        }

        @Override
        public CompletableFuture<Object> get() {
            CompletableFuture<?> loading = Objects.requireNonNull(this.loader.get(),
                    "The value loader returned no future");
            return loading.thenApply((value) -> {
                if (value == null && !isAllowNullValues()) {
                    throw new NothingToCache();
                }
                Object stored = toStoreValue(value);
                this.result = stored;
                this.ran = true;
                return stored;
            });
        }
    }

    /** Tells {@link #retrieve(Object, Supplier)} that the load gave a {@code null} that this cache does not hold. */
    private static final class NothingToCache extends RuntimeException {

        private static final long serialVersionUID = 1L;

        NothingToCache() {
            // No stack trace: this is an answer, not a fault.
            super("null is not cached", null, false, false);
        }
    }

    /** Carries a loader's exception through the backend to {@link #get(Object, Callable)}, which wraps it. */
    private static final class LoaderFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        LoaderFailure(Exception cause) {
            super(cause);
        }
    }
}
