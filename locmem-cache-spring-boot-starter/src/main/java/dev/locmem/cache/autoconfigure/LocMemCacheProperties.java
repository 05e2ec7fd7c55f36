package dev.locmem.cache.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * The cache aliases under {@code app.caches}: the Java form of Django's {@code CACHES} setting. Each key of
 * {@code app.caches} is an alias ({@code app.caches.default.timeout=60}) whose properties are an {@link Alias}; with
 * no alias configured at all, a {@code default} alias with Django's defaults exists.
 *
 * <p>{@link CacheAliasSettings} binds {@code app.caches} with Spring's {@code Binder}, as a map of {@link Alias}es,
 * strictly: a name under an alias that is none of its properties fails start-up. It is no
 * {@code @ConfigurationProperties} bean, and its prefix is {@code app.caches}, so nothing binds the application's
 * other {@code app.*} properties. The annotation is here for the configuration processor, which describes the
 * {@code default} alias's properties for the IDE from this class's Javadoc; the options of the backends are added to
 * that description by {@code BackendOptionsMetadata}, from what each backend's provider declares. Names bind relaxed,
 * so Django's spellings ({@code TIMEOUT}, {@code KEY_PREFIX}, {@code OPTIONS.MAX_ENTRIES}) bind to the same
 * properties as {@code timeout}, {@code key-prefix} and {@code options.max-entries}.
 */
@ConfigurationProperties(CacheAliasSettings.PREFIX)
public class LocMemCacheProperties {

    /**
     * The alias that every cache name without an alias of its own uses, which Django requires. Every other alias
     * app.caches.<alias> has the same properties.
     */
    @Name("default")
    private final Alias defaultAlias = new Alias();

    /**
     * Returns the {@code default} alias, as the IDE describes it.
     * @return the default alias's properties
     */
    public Alias getDefaultAlias() {
        return this.defaultAlias;
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

        /**
         * Options of the backend, Django's OPTIONS: which ones there are, their values and their checks are the
         * backend's own (the CacheBackendProvider's options() and validate()).
         */
        private final Map<String, String> options = new LinkedHashMap<>();

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
         * Returns the options as written, by name as written; the backend's provider judges them.
         * @return the options
         */
        public Map<String, String> getOptions() {
            return this.options;
        }
    }
}
