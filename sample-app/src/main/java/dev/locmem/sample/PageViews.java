package dev.locmem.sample;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.Caches;
import dev.locmem.cache.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Counts page views in the {@code default} alias with the low-level API, as Django code does with
 * {@code caches["default"]}. The counts live only in this process's memory: a restart forgets them, and each instance
 * of the application counts its own. With the {@code redis} profile they live in Redis and every instance shares them.
 *
 * <p>The low-level API does not fail open as {@code @Cacheable} does: when a remote backend is down it throws
 * {@link CacheUnavailableException}, so that code knows it has no value. A view count may be lost, so here the page is
 * served without it.
 */
@Component
public class PageViews {

    private static final Logger logger = LoggerFactory.getLogger(PageViews.class);

    private final CacheBackend cache;

    PageViews(Caches caches) {
        this.cache = caches.get("default");                // Django: cache = caches["default"]
    }

    /**
     * Counts one view of a page.
     * @param page the page
     * @return the views of the page so far, this one included; {@code null} while the cache cannot be reached
     */
    public Long record(String page) {
        String key = "views:" + page;
        try {
            this.cache.add(key, 0L, Timeout.NEVER);        // Django: cache.add(key, 0, timeout=None)
            return this.cache.incr(key);                   // Django: cache.incr(key)
        }
        catch (CacheUnavailableException ex) {
            logger.debug("Page view of {} not counted: {}", page, ex.getMessage());
            return null;
        }
    }
}
