package dev.locmem.cache;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * One option that a backend declares: Django's {@code OPTIONS} entry, with what an IDE and a start-up check need to
 * know about it. A {@link CacheBackendProvider} lists its options in {@link CacheBackendProvider#options()}, so that
 * whoever reads settings (the Spring Boot starter, a test) can check and describe them without knowing the backend.
 *
 * <p>The declaration is the one place of an option's rules: {@link #validate} converts a value to the type and runs
 * the {@code check}, and a refusal says what the option accepts in the words of {@code accepted}.
 *
 * @param name the option's name in kebab-case, such as {@code max-entries}
 * @param type the type of its value: {@link Integer}, {@link Boolean} or {@link String}
 * @param defaultValue the value when the option is not set, or {@code null} for none
 * @param description what the option does, one or two sentences, for IDE metadata
 * @param accepted what the option accepts, for the message that refuses a value, such as {@code a whole number of 1
 *     or more}; {@code null} when the type says it all
 * @param check judges a value already converted to {@code type}, throwing an {@link IllegalArgumentException} that
 *     says what is wrong with it; never called with {@code null}
 */
public record CacheBackendOption(String name, Class<?> type, Object defaultValue, String description, String accepted,
        Consumer<Object> check) {

    /** The check of an option whose every value of its type is accepted. */
    private static final Consumer<Object> ANY_VALUE = (value) -> {
    };

    /**
     * Declares an option whose every value of its type is accepted.
     * @param name the option's name in kebab-case
     * @param type the type of its value
     * @param defaultValue the default, or {@code null}
     * @param description what the option does
     */
    public CacheBackendOption(String name, Class<?> type, Object defaultValue, String description) {
        this(name, type, defaultValue, description, null, ANY_VALUE);
    }

    /**
     * Checks the declaration.
     * @param name the option's name in kebab-case
     * @param type the type of its value
     * @param defaultValue the default, or {@code null}
     * @param description what the option does
     * @param accepted what the option accepts, or {@code null}
     * @param check judges a converted value
     */
    public CacheBackendOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(check, "check");
        if (!name.equals(CacheSettings.canonicalOptionName(name))) {
            throw new IllegalArgumentException("An option's name must be kebab-case, but was '" + name + "'");
        }
        if (defaultValue != null && !type.isInstance(defaultValue)) {
            throw new IllegalArgumentException("The default of option '" + name + "' is not a " + type.getName());
        }
    }

    /**
     * Reads this option's value from settings and judges it.
     * @param settings the alias's settings
     * @return the value, converted, or the default when the option is not set
     * @throws InvalidCacheSettingException when the value does not convert or the check refuses it, naming the
     *     option and saying what it accepts
     */
    public Object validate(CacheSettings settings) {
        Object value;
        try {
            value = read(settings);
        }
        catch (InvalidCacheSettingException ex) {
            if (ex.getAccepted() != null || this.accepted == null) {
                throw ex;
            }
            throw InvalidCacheSettingException.accepting(ex.getSetting(), ex.getValue(), ex.getMessage(),
                    this.accepted);
        }
        if (value != null && settings.options().containsKey(this.name)) {
            try {
                this.check.accept(value);
            }
            catch (IllegalArgumentException ex) {
                throw InvalidCacheSettingException.accepting(InvalidCacheSettingException.option(this.name), value,
                        ex.getMessage(), this.accepted);
            }
        }
        return value;
    }

    /**
     * Reads this option's value from settings, converted to its type as {@link CacheSettings#intOption} and
     * {@link CacheSettings#booleanOption} convert.
     * @param settings the alias's settings
     * @return the value, or the default when the option is not set
     * @throws InvalidCacheSettingException when the value does not convert, naming the option
     */
    public Object read(CacheSettings settings) {
        if (this.type == Integer.class) {
            Integer fallback = (Integer) this.defaultValue;
            if (fallback == null && !settings.options().containsKey(this.name)) {
                return null;
            }
            return settings.intOption(this.name, (fallback != null) ? fallback : 0);
        }
        if (this.type == Boolean.class) {
            Boolean fallback = (Boolean) this.defaultValue;
            if (fallback == null && !settings.options().containsKey(this.name)) {
                return null;
            }
            return settings.booleanOption(this.name, Boolean.TRUE.equals(fallback));
        }
        Object value = settings.options().get(this.name);
        return (value != null) ? value.toString() : this.defaultValue;
    }
}
