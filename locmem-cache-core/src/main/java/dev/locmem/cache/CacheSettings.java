package dev.locmem.cache;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of one cache alias: one entry of Django's {@code CACHES} dict.
 *
 * <p>Defaults are Django's: backend {@code locmem}, location {@code ""}, timeout 300 seconds, no key prefix,
 * version 1, the {@code prefix:version:key} key function, and the options {@code max-entries} 300 and
 * {@code cull-frequency} 3. Option names are kebab-case; Django's spellings ({@code MAX_ENTRIES}) and camel case
 * ({@code maxEntries}) are accepted and stored in kebab-case. Which options are valid is up to the backend.
 */
public final class CacheSettings {

    /** The option that bounds a local-memory store: Django's {@code MAX_ENTRIES}. */
    public static final String MAX_ENTRIES = "max-entries";

    /** The option that says what share of entries a cull removes: Django's {@code CULL_FREQUENCY}. */
    public static final String CULL_FREQUENCY = "cull-frequency";

    private final String backend;

    private final String location;

    private final Timeout timeout;

    private final String keyPrefix;

    private final int version;

    private final KeyFunction keyFunction;

    private final Map<String, Object> options;

    private CacheSettings(Builder builder) {
        this.backend = builder.backend;
        this.location = builder.location;
        this.timeout = builder.getTimeout();
        this.keyPrefix = builder.getKeyPrefix();
        this.version = builder.getVersion();
        this.keyFunction = builder.getKeyFunction();
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(builder.options));
    }

    /**
     * Starts settings with Django's defaults.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder holding these settings.
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder builder = new Builder().aliasSettings(this).backend(this.backend).location(this.location);
        this.options.forEach(builder::option);
        return builder;
    }

    /**
     * The backend: a provider's {@linkplain CacheBackendProvider#name() name} or class name.
     * @return the backend, {@code locmem} by default
     */
    public String backend() {
        return this.backend;
    }

    /**
     * The location: for {@code locmem}, the name of the store (caches with the same location share one).
     * @return the location, {@code ""} by default
     */
    public String location() {
        return this.location;
    }

    /**
     * The default timeout of the alias, never {@link Timeout#DEFAULT}.
     * @return the timeout, 300 seconds by default
     */
    public Timeout timeout() {
        return this.timeout;
    }

    /**
     * The key prefix.
     * @return the prefix, {@code ""} by default
     */
    public String keyPrefix() {
        return this.keyPrefix;
    }

    /**
     * The default version of keys.
     * @return the version, 1 by default
     */
    public int version() {
        return this.version;
    }

    /**
     * The key function.
     * @return the key function; Django's {@code prefix:version:key} by default
     */
    public KeyFunction keyFunction() {
        return this.keyFunction;
    }

    /**
     * The backend's options, by kebab-case name.
     * @return an unmodifiable map
     */
    public Map<String, Object> options() {
        return this.options;
    }

    /**
     * Reads an integer option.
     * @param name the option's name in kebab-case
     * @param defaultValue the value when the option is not set
     * @return the value
     * @throws IllegalArgumentException when the option is set to something that is not a whole number
     */
    public int intOption(String name, int defaultValue) {
        Object value = this.options.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte
                || (value instanceof Long number && number == number.intValue())) {
            return ((Number) value).intValue();
        }
        if (value instanceof CharSequence text) {
            try {
                return Integer.parseInt(text.toString().trim());
            }
            catch (NumberFormatException ex) {
                // Fall through to the error that names the option.
            }
        }
        throw new InvalidCacheSettingException(InvalidCacheSettingException.option(name), value,
                "Option '" + name + "' must be a whole number, but was '" + value + "'");
    }

    /**
     * Reads a boolean option: {@code true} or {@code false}, as a boolean or as text in any case.
     * @param name the option's name in kebab-case
     * @param defaultValue the value when the option is not set
     * @return the value
     * @throws IllegalArgumentException when the option is set to anything else, such as {@code "yes"}, which would
     *     otherwise read as {@code false} without a word
     */
    public boolean booleanOption(String name, boolean defaultValue) {
        Object value = this.options.get(name);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof CharSequence text) {
            String trimmed = text.toString().trim();
            if (trimmed.equalsIgnoreCase("true") || trimmed.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(trimmed);
            }
        }
        throw new InvalidCacheSettingException(InvalidCacheSettingException.option(name), value,
                "Option '" + name + "' must be true or false, but was '" + value + "'");
    }

    @Override
    public boolean equals(Object other) {
        return (this == other) || (other instanceof CacheSettings that && this.backend.equals(that.backend)
                && this.location.equals(that.location) && this.timeout.equals(that.timeout)
                && this.keyPrefix.equals(that.keyPrefix) && this.version == that.version
                && this.keyFunction.equals(that.keyFunction) && this.options.equals(that.options));
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.backend, this.location, this.timeout, this.keyPrefix, this.version, this.options);
    }

    @Override
    public String toString() {
        return "CacheSettings[backend=" + this.backend + ", location='" + this.location + "', timeout="
                + this.timeout + ", keyPrefix='" + this.keyPrefix + "', version=" + this.version + ", keyFunction="
                + this.keyFunction + ", options=" + this.options + "]";
    }

    /**
     * Turns an option name in any of Django's, camel or kebab spellings into kebab-case:
     * {@code MAX_ENTRIES}, {@code maxEntries} and {@code max-entries} all give {@code max-entries}.
     * @param name the name
     * @return the kebab-case name
     */
    public static String canonicalOptionName(String name) {
        Objects.requireNonNull(name, "name");
        StringBuilder kebab = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_' || c == '-' || c == '.') {
                kebab.append('-');
            }
            else if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(name.charAt(i - 1))) {
                kebab.append('-').append(Character.toLowerCase(c));
            }
            else {
                kebab.append(Character.toLowerCase(c));
            }
        }
        return kebab.toString().toLowerCase(Locale.ROOT);
    }

    /** Builds {@link CacheSettings}; starts from Django's defaults. */
    public static final class Builder extends AliasSettingsBuilder<Builder> {

        private String backend = "locmem";

        private String location = "";

        private final Map<String, Object> options = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the backend.
         * @param backend {@code locmem}, {@code dummy}, {@code redis} (when its module is present), or the class name
         *     of a {@link CacheBackendProvider}
         * @return this builder
         */
        public Builder backend(String backend) {
            Objects.requireNonNull(backend, "backend");
            if (backend.isBlank()) {
                throw new IllegalArgumentException("backend must not be blank");
            }
            this.backend = backend.trim();
            return this;
        }

        /**
         * Sets the location.
         * @param location for {@code locmem}, the name of the store; {@code null} is {@code ""}
         * @return this builder
         */
        public Builder location(String location) {
            this.location = (location != null) ? location : "";
            return this;
        }

        /**
         * Sets a backend option, such as {@link #MAX_ENTRIES} or {@link #CULL_FREQUENCY}.
         * @param name the option's name, in kebab-case, camel case or Django's {@code UPPER_CASE}
         * @param value the value; {@code null} removes the option
         * @return this builder
         */
        public Builder option(String name, Object value) {
            String canonical = canonicalOptionName(name);
            if (value == null) {
                this.options.remove(canonical);
            }
            else {
                this.options.put(canonical, value);
            }
            return this;
        }

        /**
         * Builds the settings.
         * @return the settings
         */
        public CacheSettings build() {
            return new CacheSettings(this);
        }
    }
}
