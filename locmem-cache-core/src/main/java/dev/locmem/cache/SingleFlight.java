package dev.locmem.cache;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
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
 * <p><b>Asynchronous loads</b> ({@link #runAsync}) are flights too, kept apart from the synchronous ones: the leader
 * starts a future, and callers that come before it completes share it. An asynchronous load blocks no thread, so the
 * thread that started one may ask for the same key synchronously (its {@code run} then leads a load of its own)
 * instead of waiting for a future that it may be the one to complete. This is what {@code getOrSetAsync} and Spring's
 * {@code Cache.retrieve(key, loader)} go through.
 *
 * <p>Public so that a backend kept in a package of its own (the local-memory store) shares this one implementation.
 */
public final class SingleFlight {

    private final ConcurrentHashMap<Object, Flight> flights = new ConcurrentHashMap<>();

    /** The asynchronous loads running, by flight key: each the future its sharers are given. */
    private final ConcurrentHashMap<Object, CompletableFuture<Object>> asyncFlights = new ConcurrentHashMap<>();

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

    /**
     * Starts {@code load} for {@code flightKey}, or shares the asynchronous load of it that is running. The leader
     * calls {@code load} on its own thread and is given what its future completes with; a caller that comes before
     * that future completes is given {@code unshare} of {@code share} of it, or its failure, without calling
     * {@code load}. The flight is forgotten once the future completes, before any caller's future completes, so that
     * a caller told of the result and asking again starts a new flight (and finds what the load stored). A
     * {@code load} that throws, or returns {@code null}, fails the flight in the same way as a failed future.
     *
     * <p>Every caller is given a future of its own: completing or cancelling it does not reach the others.
     * @param flightKey what identifies the value loaded
     * @param load what the leader runs: it starts the load and returns its future
     * @param share what of the leader's result the sharers are given (a copy to take, under store-by-value)
     * @param unshare what each sharer is given of what was shared
     * @return a future of the leader's result, or for a sharer of {@code unshare} of its share; it fails as the load
     *     does, with the load's own exception
     */
    public CompletableFuture<Object> runAsync(Object flightKey, Supplier<? extends CompletionStage<?>> load,
            UnaryOperator<Object> share, UnaryOperator<Object> unshare) {
        Objects.requireNonNull(load, "load");
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = this.asyncFlights.putIfAbsent(flightKey, mine);
        if (running != null) {
            return running.thenApply(unshare);
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        CompletionStage<?> loading;
        try {
            loading = Objects.requireNonNull(load.get(), "The load returned no future");
        }
        catch (RuntimeException | Error ex) {
            // Starting failed: the callers that came meanwhile fail with it, as they would with a failed future.
            land(flightKey, mine, result, null, ex, share);
            return result;
        }
        loading.whenComplete((value, failure) -> land(flightKey, mine, result, value, failure, share));
        return result;
    }

    /** Ends an asynchronous flight: forgets it, then completes the leader's future and the sharers'. */
    private void land(Object flightKey, CompletableFuture<Object> flight, CompletableFuture<Object> leader,
            Object value, Throwable failure, UnaryOperator<Object> share) {
        this.asyncFlights.remove(flightKey, flight);
        Throwable cause = unwrap(failure);
        if (cause != null) {
            leader.completeExceptionally(cause);
            flight.completeExceptionally(cause);
            return;
        }
        // The leader has the load's own value whatever becomes of the share: a copy that fails is the sharers' loss.
        leader.complete(value);
        try {
            flight.complete(share.apply(value));
        }
        catch (RuntimeException | Error ex) {
            flight.completeExceptionally(ex);
        }
    }

    /** The exception a dependent stage failed with, rather than the {@link CompletionException} that carries it. */
    private static Throwable unwrap(Throwable failure) {
        if (failure instanceof CompletionException && failure.getCause() != null) {
            return failure.getCause();
        }
        return failure;
    }

    /** The number of loads running, for tests. */
    int running() {
        return this.flights.size();
    }

    /** The number of asynchronous loads running, for tests. */
    int runningAsync() {
        return this.asyncFlights.size();
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
