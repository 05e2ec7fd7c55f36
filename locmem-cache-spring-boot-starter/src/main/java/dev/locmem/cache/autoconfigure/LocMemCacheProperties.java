package dev.locmem.cache.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The cache aliases under {@code app.caches}: the Java form of Django's {@code CACHES} setting. Each key of
 * {@code app.caches} is an alias ({@code app.caches.default.timeout=60}); with no alias configured at all, a
 * {@code default} alias with Django's defaults exists.
 *
 * <p>{@link CacheAliasSettings#bind} binds it at {@code app.caches} with Spring's {@code Binder}; it is no
 * {@code @ConfigurationProperties} bean, so nothing binds the application's other {@code app.*} properties. The
 * annotation is here for the configuration processor only, which describes {@code app.caches} from this Javadoc for
 * the IDE, because the aliases are the map itself: {@code app.caches.<alias>}.
 * Names bind relaxed, so Django's spellings ({@code TIMEOUT}, {@code KEY_PREFIX}, {@code OPTIONS.MAX_ENTRIES}) bind to
 * the same properties as {@code timeout}, {@code key-prefix} and {@code options.max-entries}; any name that is not
 * one of them fails start-up (see {@link CacheAliasSettings}).
 */
@ConfigurationProperties("app")
public class LocMemCacheProperties {

    /**
     * Cache aliases, like the keys of Django's CACHES setting. Each alias is a Spring cache of that name and an entry
     * of the Caches bean; 'default' also serves cache names that have no alias of their own. Every alias has the
     * properties described under app.caches.default (backend, location, timeout, key-prefix, version, key-function,
     * allow-null-values, options.*).
     */
    private Map<String, Alias> caches = new LinkedHashMap<>();

    /**
     * Returns the aliases.
     * @return the aliases by name
     */
    public Map<String, Alias> getCaches() {
        return this.caches;
    }

    /**
     * Sets the aliases.
     * @param caches the aliases by name
     */
    public void setCaches(Map<String, Alias> caches) {
        this.caches = caches;
    }

    /** The settings of one alias: one entry of Django's {@code CACHES}. */
    public static class Alias {

        /**
         * Backend: 'locmem' (a per-process in-memory store), 'dummy' (keeps nothing), 'redis' (when
         * locmem-cache-redis is on the classpath), or the class name of a CacheBackendProvider.
         */
        private String backend = "locmem";

        /**
         * For locmem, the name of the store: aliases with the same location share one store, its entries and its
         * max-entries bound. For redis, the server as a URI (redis://host:port/db, rediss://...); empty: the
         * application's Redis connection (spring.data.redis.*).
         */
        private String location = "";

        /**
         * Default lifetime of entries: a number of seconds (0 or negative expires at once, so nothing is cached),
         * 'none' or empty for never (Django's None), or a duration such as '10m', '1h' or 'PT30S'.
         */
        private String timeout = "300";

        /** Prefix that the key function puts before every key. */
        private String keyPrefix = "";

        /** Default version of keys. */
        private int version = 1;

        /**
         * Key function: the class name of a dev.locmem.cache.KeyFunction (created as a bean, so it may have
         * dependencies) or the name of a KeyFunction bean. Django's 'prefix:version:key' when not set.
         */
        private String keyFunction;

        /** Whether the Spring cache of this alias caches null values (as Spring's NullValue). */
        private boolean allowNullValues = true;

        /** Options of the backend. */
        private final Options options = new Options();

        /**
         * Returns the backend.
         * @return the backend's name or provider class name
         */
        public String getBackend() {
            return this.backend;
        }

        /**
         * Sets the backend.
         * @param backend the backend's name or provider class name
         */
        public void setBackend(String backend) {
            this.backend = backend;
        }

        /**
         * Returns the location.
         * @return the location
         */
        public String getLocation() {
            return this.location;
        }

        /**
         * Sets the location.
         * @param location the location
         */
        public void setLocation(String location) {
            this.location = location;
        }

        /**
         * Returns the timeout as written.
         * @return the timeout
         */
        public String getTimeout() {
            return this.timeout;
        }

        /**
         * Sets the timeout as written; {@link CacheAliasSettings} parses it.
         * @param timeout the timeout
         */
        public void setTimeout(String timeout) {
            this.timeout = timeout;
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
         * Returns the version.
         * @return the version
         */
        public int getVersion() {
            return this.version;
        }

        /**
         * Sets the version.
         * @param version the version
         */
        public void setVersion(int version) {
            this.version = version;
        }

        /**
         * Returns the key function.
         * @return a class or bean name, or {@code null}
         */
        public String getKeyFunction() {
            return this.keyFunction;
        }

        /**
         * Sets the key function.
         * @param keyFunction a class or bean name
         */
        public void setKeyFunction(String keyFunction) {
            this.keyFunction = keyFunction;
        }

        /**
         * Returns whether null values are cached.
         * @return whether null values are cached
         */
        public boolean isAllowNullValues() {
            return this.allowNullValues;
        }

        /**
         * Sets whether null values are cached.
         * @param allowNullValues whether null values are cached
         */
        public void setAllowNullValues(boolean allowNullValues) {
            this.allowNullValues = allowNullValues;
        }

        /**
         * Returns the options.
         * @return the options
         */
        public Options getOptions() {
            return this.options;
        }
    }

    /** The options of the locmem backend: Django's {@code OPTIONS}. */
    public static class Options {

        /** Most entries the store holds: storing a new key into a full store first culls it. At least 1. */
        private int maxEntries = 300;

        /**
         * Share of the store a cull removes: 1/cull-frequency of the entries, expired and least recently used first;
         * 0 clears the whole store.
         */
        private int cullFrequency = 3;

        /**
         * Whether values are stored as serialized copies, as Django's pickling does, so that changing an object
         * after caching it does not change the cached value.
         */
        private boolean storeByValue = false;

        /**
         * Returns max-entries.
         * @return max-entries
         */
        public int getMaxEntries() {
            return this.maxEntries;
        }

        /**
         * Sets max-entries.
         * @param maxEntries max-entries
         */
        public void setMaxEntries(int maxEntries) {
            this.maxEntries = maxEntries;
        }

        /**
         * Returns cull-frequency.
         * @return cull-frequency
         */
        public int getCullFrequency() {
            return this.cullFrequency;
        }

        /**
         * Sets cull-frequency.
         * @param cullFrequency cull-frequency
         */
        public void setCullFrequency(int cullFrequency) {
            this.cullFrequency = cullFrequency;
        }

        /**
         * Returns whether values are stored by value.
         * @return whether values are stored by value
         */
        public boolean isStoreByValue() {
            return this.storeByValue;
        }

        /**
         * Sets whether values are stored by value.
         * @param storeByValue whether values are stored by value
         */
        public void setStoreByValue(boolean storeByValue) {
            this.storeByValue = storeByValue;
        }
    }
}
