package dev.locmem.cache;

/**
 * Thrown when a backend refuses one setting of an alias: a bad location, an unknown option, an option value out of
 * range. It names the setting as the alias's entry of {@code CACHES} would, in the kebab case of the Spring Boot
 * starter's properties ({@code location}, {@code timeout}, {@code key-prefix}, {@code version}, {@code key-function},
 * {@code options.<name>}), so that whoever read the settings from somewhere can point at the very property: the
 * starter reports {@code app.caches.<alias>.<setting>}.
 *
 * <p>Backends throw it from {@link CacheBackendProvider#validate} and {@link CacheBackendProvider#create}; a plain
 * {@link IllegalArgumentException} is still allowed there, and then only the alias can be named. {@link Caches}
 * adds the alias ({@link #inAlias}), so that the owner of the settings names the property without looking again.
 */
public class InvalidCacheSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The alias, or {@code null} while the backend's provider throws it. */
    private final String alias;

    /** The setting, relative to the alias; {@code null} when only the alias is known. */
    private final String setting;

    /** What is wrong, without the alias; the message adds it once the alias is known. */
    private final String reason;

    /** What the backend would accept instead, or {@code null} when it did not say. */
    private final String accepted;

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
        this(null, setting, value, message, null, cause);
    }

    /**
     * Creates the exception, saying what would be accepted, so that whoever reports it (the starter's failure
     * analysis) can say so without knowing the backend.
     * @param setting the setting relative to the alias
     * @param value the value refused, or {@code null}
     * @param message what is wrong
     * @param accepted what would be accepted, such as {@code a whole number of 1 or more}
     * @return the exception
     */
    public static InvalidCacheSettingException accepting(String setting, Object value, String message,
            String accepted) {
        return new InvalidCacheSettingException(null, setting, value, message, accepted, null);
    }

    private InvalidCacheSettingException(String alias, String setting, Object value, String reason, String accepted,
            Throwable cause) {
        super((alias != null) ? "Cache alias '" + alias + "': " + reason : reason, cause);
        this.alias = alias;
        this.setting = setting;
        this.reason = reason;
        this.accepted = accepted;
        this.value = value;
    }

    /**
     * The refusal of an alias's settings, with the alias: the setting and value of {@code refusal} when it is an
     * {@code InvalidCacheSettingException}, else only the alias (a backend that threw a plain
     * {@link IllegalArgumentException}).
     * @param alias the alias whose settings were refused
     * @param refusal what the backend threw
     * @return the exception, whose message starts {@code Cache alias '<alias>': }
     */
    public static InvalidCacheSettingException inAlias(String alias, IllegalArgumentException refusal) {
        if (refusal instanceof InvalidCacheSettingException setting) {
            return new InvalidCacheSettingException(alias, setting.setting, setting.value, setting.reason,
                    setting.accepted, refusal);
        }
        return new InvalidCacheSettingException(alias, null, null, refusal.getMessage(), null, refusal);
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
     * Returns the alias whose settings were refused.
     * @return the alias, or {@code null} when it is not known yet
     */
    public String getAlias() {
        return this.alias;
    }

    /**
     * Returns what is wrong, without the alias that the message names.
     * @return the reason
     */
    public String getReason() {
        return this.reason;
    }

    /**
     * Returns what the backend would accept instead.
     * @return what is accepted, or {@code null} when the backend did not say
     */
    public String getAccepted() {
        return this.accepted;
    }

    /**
     * Returns the setting refused, relative to the alias.
     * @return the setting, such as {@code location} or {@code options.serializer}; {@code null} when the backend
     *     named none
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
