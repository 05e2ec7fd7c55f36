package dev.locmem.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Runs a load at most once per key at a time: the first caller for a key (the leader) runs it, the callers that come
 * while it runs wait for it and receive its result, or its exception. The {@code getOrSet} of every backend goes
 * through one, so that a Spring {@code @Cacheable(sync = true)} miss runs its loader once per key in this process,
 * whichever backend it reads.
 *
 * <p>A load is forgotten as soon as it ends: a caller that comes after it must find the value in the cache, which is
 * why each {@code getOrSet} reads the cache again once it leads a load. A load that calls back for its own key fails
 * with {@link IllegalStateException} instead of waiting for itself forever.
 *
 * <p>The key of a flight must identify what the load fills: for a backend, the key as it is stored, in one
 * {@code SingleFlight} per store (a location's store for locmem, one backend object for the others).
 *
 * <p>Public so that a backend kept in a package of its own (the local-memory store) shares this one implementation.
 */
public final class SingleFlight {

    private final ConcurrentHashMap<Object, Flight> flights = new ConcurrentHashMap<>();

    /** Creates a flight map with no loads running. */
    public SingleFlight() {
    }

    /**
     * Runs {@code load} for {@code flightKey}, or waits for the load of it that another thread is running.
     * @param flightKey what identifies the value loaded
     * @param key the caller's key, for messages
     * @param load what the leader runs
     * @param share what of the leader's result the waiters are given (a copy to take, under store-by-value)
     * @param unshare what each waiter returns of what was shared
     * @return the leader's result, or for a waiter {@code unshare} of its share
     */
    public Object run(Object flightKey, Object key, Supplier<?> load, UnaryOperator<Object> share,
            UnaryOperator<Object> unshare) {
        Flight mine = new Flight();
        Flight running = this.flights.putIfAbsent(flightKey, mine);
        if (running != null) {
            return unshare.apply(await(key, running));
        }
        try {
            Object result = load.get();
            mine.complete(share.apply(result));
            return result;
        }
        catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
            throw ex;
        }
        finally {
            this.flights.remove(flightKey, mine);
        }
    }

    /** The number of loads running, for tests. */
    int running() {
        return this.flights.size();
    }

    private static Object await(Object key, Flight running) {
        if (running.owner == Thread.currentThread()) {
            throw new IllegalStateException("getOrSet for key '" + key + "' was called again by its own loader");
        }
        try {
            return running.join();
        }
        catch (CompletionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

    /** A running load, which knows its thread so that a recursive call fails instead of waiting. */
    private static final class Flight extends CompletableFuture<Object> {

        final Thread owner = Thread.currentThread();
    }
}
