package dev.locmem.cache;

import java.util.Objects;

/**
 * The part of a builder that sets what every cache alias has, whatever its backend: Django's {@code TIMEOUT},
 * {@code KEY_PREFIX}, {@code VERSION} and {@code KEY_FUNCTION}, with Django's defaults (300 seconds, no prefix,
 * version 1, {@code prefix:version:key}). {@link CacheSettings.Builder} and the backends' builders extend it, so that
 * the four are set, defaulted and documented in one place.
 *
 * @param <B> the builder's own type, which the setters return
 */
public abstract class AliasSettingsBuilder<B extends AliasSettingsBuilder<B>> {

    private Timeout timeout = BaseCacheBackend.DJANGO_DEFAULT_TIMEOUT;

    private String keyPrefix = "";

    private int version = 1;

    private KeyFunction keyFunction = DefaultKeyFunction.INSTANCE;

    /** For subclasses. */
    protected AliasSettingsBuilder() {
    }

    /**
     * Sets the default timeout.
     * @param timeout a number of seconds or {@link Timeout#NEVER}; {@link Timeout#DEFAULT} keeps 300 seconds
     * @return this builder
     */
    public B timeout(Timeout timeout) {
        Objects.requireNonNull(timeout, "timeout (use Timeout.NEVER for Django's None)");
        this.timeout = timeout.orDefault(BaseCacheBackend.DJANGO_DEFAULT_TIMEOUT);
        return self();
    }

    /**
     * Sets the key prefix.
     * @param keyPrefix the prefix; {@code null} is {@code ""}
     * @return this builder
     */
    public B keyPrefix(String keyPrefix) {
        this.keyPrefix = (keyPrefix != null) ? keyPrefix : "";
        return self();
    }

    /**
     * Sets the default version of keys.
     * @param version the version; default 1
     * @return this builder
     */
    public B version(int version) {
        this.version = version;
        return self();
    }

    /**
     * Sets the key function.
     * @param keyFunction the function; {@code null} for Django's {@code prefix:version:key}
     * @return this builder
     */
    public B keyFunction(KeyFunction keyFunction) {
        this.keyFunction = (keyFunction != null) ? keyFunction : DefaultKeyFunction.INSTANCE;
        return self();
    }

    /**
     * Takes the timeout, key prefix, version and key function of an alias's settings.
     * @param settings the settings
     * @return this builder
     */
    public B aliasSettings(CacheSettings settings) {
        return timeout(settings.timeout()).keyPrefix(settings.keyPrefix()).version(settings.version())
                .keyFunction(settings.keyFunction());
    }

    // Read by BaseCacheBackend and CacheSettings, never by subclasses in other packages.

    /**
     * Returns the default timeout set.
     * @return a number of seconds or {@link Timeout#NEVER}, never {@link Timeout#DEFAULT}
     */
    Timeout getTimeout() {
        return this.timeout;
    }

    /**
     * Returns the key prefix set.
     * @return the prefix, {@code ""} for none
     */
    String getKeyPrefix() {
        return this.keyPrefix;
    }

    /**
     * Returns the default version set.
     * @return the version
     */
    int getVersion() {
        return this.version;
    }

    /**
     * Returns the key function set.
     * @return the function, Django's by default
     */
    KeyFunction getKeyFunction() {
        return this.keyFunction;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
