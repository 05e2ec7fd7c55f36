package dev.locmem.cache;

import java.util.Objects;

/**
 * One option that a backend declares: Django's {@code OPTIONS} entry, with what an IDE and a start-up check need to
 * know about it. A {@link CacheBackendProvider} lists its options in {@link CacheBackendProvider#options()}, so that
 * whoever reads settings (the Spring Boot starter, a test) can check and describe them without knowing the backend.
 *
 * @param name the option's name in kebab-case, such as {@code max-entries}
 * @param type the type of its value: {@link Integer}, {@link Boolean} or {@link String}
 * @param defaultValue the value when the option is not set, or {@code null} for none
 * @param description what the option does, one or two sentences, for IDE metadata
 */
public record CacheBackendOption(String name, Class<?> type, Object defaultValue, String description) {

    /**
     * Checks the declaration.
     * @param name the option's name in kebab-case
     * @param type the type of its value
     * @param defaultValue the default, or {@code null}
     * @param description what the option does
     */
    public CacheBackendOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (!name.equals(CacheSettings.canonicalOptionName(name))) {
            throw new IllegalArgumentException("An option's name must be kebab-case, but was '" + name + "'");
        }
        if (defaultValue != null && !type.isInstance(defaultValue)) {
            throw new IllegalArgumentException("The default of option '" + name + "' is not a " + type.getName());
        }
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
