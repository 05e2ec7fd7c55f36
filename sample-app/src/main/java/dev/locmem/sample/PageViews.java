package dev.locmem.sample;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.Caches;
import dev.locmem.cache.Timeout;

import org.springframework.stereotype.Component;

/**
 * Counts page views in the {@code default} alias with the low-level API, as Django code does with
 * {@code caches["default"]}. The counts live only in this process's memory: a restart forgets them, and each instance
 * of the application counts its own.
 */
@Component
public class PageViews {

    private final CacheBackend cache;

    PageViews(Caches caches) {
        this.cache = caches.get("default");                // Django: cache = caches["default"]
    }

    /**
     * Counts one view of a page.
     * @param page the page
     * @return the views of the page so far, this one included
     */
    public long record(String page) {
        String key = "views:" + page;
        this.cache.add(key, 0L, Timeout.NEVER);            // Django: cache.add(key, 0, timeout=None)
        return this.cache.incr(key);                       // Django: cache.incr(key)
    }
}
