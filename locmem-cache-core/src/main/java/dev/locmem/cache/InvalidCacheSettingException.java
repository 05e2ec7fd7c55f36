package dev.locmem.cache;

/**
 * Thrown when a backend refuses one setting of an alias: a bad location, an unknown option, an option value out of
 * range. It names the setting as the alias's entry of {@code CACHES} would, in the kebab case of the Spring Boot
 * starter's properties ({@code location}, {@code timeout}, {@code key-prefix}, {@code version}, {@code key-function},
 * {@code options.<name>}), so that whoever read the settings from somewhere can point at the very property: the
 * starter reports {@code app.caches.<alias>.<setting>}.
 *
 * <p>Backends throw it from {@link CacheBackendProvider#create(CacheSettings)}; a plain
 * {@link IllegalArgumentException} is still allowed there, and then only the alias can be named.
 */
public class InvalidCacheSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The setting, relative to the alias. */
    private final String setting;

    /** The value refused; not serialized, since it may be any object. */
    private final transient Object value;

    /**
     * Creates the exception.
     * @param setting the setting relative to the alias, such as {@code location} or {@code options.serializer}
     * @param value the value refused, as the user should see it (without a password, say), or {@code null}
     * @param message what is wrong and what would be accepted
     */
    public InvalidCacheSettingException(String setting, Object value, String message) {
        this(setting, value, message, null);
    }

    /**
     * Creates the exception with a cause.
     * @param setting the setting relative to the alias
     * @param value the value refused, or {@code null}
     * @param message what is wrong and what would be accepted
     * @param cause what failed, or {@code null}
     */
    public InvalidCacheSettingException(String setting, Object value, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
        this.value = value;
    }

    /**
     * The name of an option as a setting.
     * @param option the option's name, such as {@code max-entries}
     * @return {@code options.<option>}
     */
    public static String option(String option) {
        return "options." + option;
    }

    /**
     * Returns the setting refused, relative to the alias.
     * @return the setting, such as {@code location} or {@code options.serializer}
     */
    public String getSetting() {
        return this.setting;
    }

    /**
     * Returns the value refused.
     * @return the value, or {@code null}
     */
    public Object getValue() {
        return this.value;
    }
}
