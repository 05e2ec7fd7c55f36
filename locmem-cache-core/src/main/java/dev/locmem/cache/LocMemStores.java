package dev.locmem.cache;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import dev.locmem.cache.locmem.LocMemStore;

/**
 * Local-memory stores by location: caches built with the same {@code LocMemStores} and location share one store, as
 * Django's LocMemCaches with the same {@code LOCATION} do.
 *
 * <p>{@link #processWide()} is the one Django has: {@link LocMemCache#builder()} uses it unless told otherwise. An
 * owner that must keep its caches apart from everyone else's in the same JVM (a Spring application context, a test)
 * creates its own with {@link #create()}.
 *
 * <p>A store lives as long as some cache refers to it: once no cache does, it is released to the garbage collector
 * and the next cache of that location starts empty.
 */
public final class LocMemStores {

    private static final LocMemStores PROCESS_WIDE = new LocMemStores("process-wide");

    private final String name;

    private final Map<String, StoreReference> stores = new HashMap<>();

    private final ReferenceQueue<LocMemStore> released = new ReferenceQueue<>();

    private LocMemStores(String name) {
        this.name = name;
    }

    /**
     * The stores that every {@link LocMemCache} shares unless built with other stores.
     * @return the process-wide stores
     */
    public static LocMemStores processWide() {
        return PROCESS_WIDE;
    }

    /**
     * New stores, apart from every other {@code LocMemStores}.
     * @return empty stores
     */
    public static LocMemStores create() {
        return new LocMemStores("owned");
    }

    /** The store of a location, created on first use with the given ticker. */
    synchronized LocMemStore storeFor(String location, Ticker ticker) {
        Objects.requireNonNull(location, "location");
        expungeReleased();
        StoreReference reference = this.stores.get(location);
        LocMemStore store = (reference != null) ? reference.get() : null;
        if (store == null) {
            store = new LocMemStore(location, ticker);
            this.stores.put(location, new StoreReference(location, store, this.released));
        }
        else if (store.ticker() != ticker) {
            throw new IllegalArgumentException("The store of location '" + location
                    + "' keeps time with another ticker; caches that share a store must share its ticker");
        }
        return store;
    }

    /**
     * Counts the stores alive now.
     * @return how many locations have a store that some cache still uses
     */
    public synchronized int size() {
        expungeReleased();
        int alive = 0;
        for (StoreReference reference : this.stores.values()) {
            if (reference.get() != null) {
                alive++;
            }
        }
        return alive;
    }

    private void expungeReleased() {
        for (Object gone; (gone = this.released.poll()) != null;) {
            StoreReference reference = (StoreReference) gone;
            this.stores.remove(reference.location, reference);
        }
    }

    @Override
    public String toString() {
        return "LocMemStores[" + this.name + "]";
    }

    private static final class StoreReference extends WeakReference<LocMemStore> {

        private final String location;

        StoreReference(String location, LocMemStore store, ReferenceQueue<LocMemStore> queue) {
            super(store, queue);
            this.location = location;
        }
    }
}
