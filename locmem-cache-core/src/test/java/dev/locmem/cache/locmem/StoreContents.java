package dev.locmem.cache.locmem;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a {@link LocMemStore} holds, entry by entry, for the tests of the caches built on it, which live in another
 * package and must check the store's invariants without reaching into its package-private entries.
 */
public final class StoreContents {

    private StoreContents() {
    }

    /**
     * A snapshot of every entry of a store, by made key.
     * @param store the store
     * @return the entries now, each as its fields read at one moment
     */
    public static Map<String, EntryView> entriesByMadeKey(LocMemStore store) {
        Map<String, EntryView> views = new LinkedHashMap<>();
        store.entriesByMadeKey().forEach((made, entry) -> views.put(made, new EntryView(made, entry.key,
                entry.value, entry.deadline, entry.stamp, isAlive(entry))));
        return views;
    }

    /**
     * The number of key spaces in a store.
     * @param store the store
     * @return how many heads have a space now
     */
    public static int spaceCount(LocMemStore store) {
        return store.spaceCount();
    }

    private static boolean isAlive(Entry entry) {
        synchronized (entry) {
            return entry.isAlive();
        }
    }

    /**
     * One entry as a test sees it.
     * @param madeKey the key as the key function made it
     * @param key the key within its space
     * @param value the stored value
     * @param deadline the ticker time at which it expires
     * @param stamp when it was last used
     * @param alive whether it is still in the store
     */
    public record EntryView(String madeKey, Object key, Object value, long deadline, long stamp, boolean alive) {
    }
}
