package dev.locmem.cache.autoconfigure.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The site-wide cache middleware under {@code app.cache-middleware}: Django's {@code CACHE_MIDDLEWARE_*} settings.
 * When enabled, the responses of every GET and HEAD handler go through the page cache under these settings, as if
 * each handler had a {@code @CachePage}; a handler's own {@code @CachePage} or {@code @NeverCache} takes precedence.
 */
@ConfigurationProperties("app.cache-middleware")
public class CacheMiddlewareProperties {

    /**
     * Whether every GET and HEAD response goes through the page cache, as with Django's UpdateCacheMiddleware and
     * FetchFromCacheMiddleware.
     */
    private boolean enabled;

    /** The alias of app.caches that holds the pages (CACHE_MIDDLEWARE_ALIAS). */
    private String alias = "default";

    /**
     * How long a page lives, in seconds, unless its response's Cache-Control max-age or s-maxage says otherwise
     * (CACHE_MIDDLEWARE_SECONDS).
     */
    private long seconds = 600;

    /** The prefix of the page keys, to keep sites that share a cache apart (CACHE_MIDDLEWARE_KEY_PREFIX). */
    private String keyPrefix = "";

    /**
     * The largest body the page cache keeps, for @CachePage handlers as well as the middleware: a larger response is
     * sent as it is written and not stored, so that a big download is never held in memory whole. Django has no such
     * limit; memcached's default item size is the same 1MB.
     */
    private DataSize maxPageSize = DataSize.ofMegabytes(1);

    /**
     * Returns whether the middleware is on.
     * @return whether it is on
     */
    public boolean isEnabled() {
        return this.enabled;
    }

    /**
     * Sets whether the middleware is on.
     * @param enabled whether it is on
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the alias.
     * @return the alias
     */
    public String getAlias() {
        return this.alias;
    }

    /**
     * Sets the alias.
     * @param alias the alias
     */
    public void setAlias(String alias) {
        this.alias = alias;
    }

    /**
     * Returns the pages' lifetime in seconds.
     * @return the seconds
     */
    public long getSeconds() {
        return this.seconds;
    }

    /**
     * Sets the pages' lifetime in seconds.
     * @param seconds the seconds
     */
    public void setSeconds(long seconds) {
        this.seconds = seconds;
    }

    /**
     * Returns the key prefix.
     * @return the key prefix
     */
    public String getKeyPrefix() {
        return this.keyPrefix;
    }

    /**
     * Sets the key prefix.
     * @param keyPrefix the key prefix
     */
    public void setKeyPrefix(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /**
     * Returns the largest body that is stored.
     * @return the size
     */
    public DataSize getMaxPageSize() {
        return this.maxPageSize;
    }

    /**
     * Sets the largest body that is stored.
     * @param maxPageSize the size
     */
    public void setMaxPageSize(DataSize maxPageSize) {
        this.maxPageSize = maxPageSize;
    }
}
