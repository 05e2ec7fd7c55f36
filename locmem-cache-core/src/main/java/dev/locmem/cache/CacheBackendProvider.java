package dev.locmem.cache;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Creates the backends of one kind from an alias's settings: the Java form of Django's {@code BACKEND} path.
 *
 * <p>Providers are found with {@link java.util.ServiceLoader} under their {@link #name()} ({@code locmem},
 * {@code dummy}, {@code redis}, ...), or named by their class name in {@link CacheSettings#backend()}. A provider
 * needs a public no-argument constructor.
 *
 * <p>A provider owns every rule of its backend, so that whoever reads settings asks it rather than knowing it: the
 * options it takes ({@link #options()}), what it accepts ({@link #validate}), how a cache name without an alias of its
 * own is kept apart in its store ({@link #namespace}), and what its backends keep per owner
 * ({@link #create(CacheSettings, CacheCreationContext)}).
 */
public interface CacheBackendProvider {

    /** Separates a namespace's name from the alias's location or key prefix: {@code books} of prefix {@code shop} is
     * {@code shop#books}. */
    String NAMESPACE_SEPARATOR = "#";

    /**
     * The short name that selects this provider in {@link CacheSettings#backend()}.
     * @return the name, such as {@code locmem}
     */
    String name();

    /**
     * The options this backend takes. A provider that declares none is asked about its options only in
     * {@link #create(CacheSettings)}; one that declares some has every other option refused by {@link #validate}.
     * @return the options, empty by default
     */
    default List<CacheBackendOption> options() {
        return List.of();
    }

    /**
     * Checks an alias's settings before a backend is created, so that a mistake is reported before anything
     * connects or allocates. By default, when {@link #options()} declares options, refuses an option it does not
     * declare and a value that its declaration refuses ({@link #validateOptions}).
     * @param settings the alias's settings
     * @throws InvalidCacheSettingException naming the setting that is wrong
     */
    default void validate(CacheSettings settings) {
        validateOptions(name(), "backend " + name(), options(), settings);
    }

    /**
     * The check of {@link #validate} by default, for a backend that reads settings outside its provider too: when
     * options are declared, refuses an option that is not, and judges each declared one
     * ({@link CacheBackendOption#validate}).
     * @param backend the backend's name, for messages
     * @param owners whose options the declared ones are, for the message of what is accepted: {@code backend locmem}
     *     or, where backends share their options, {@code backends locmem and dummy}
     * @param declared the options the backend declares; none means every option is the backend's to judge
     * @param settings the alias's settings
     * @throws InvalidCacheSettingException naming the option that is wrong
     */
    static void validateOptions(String backend, String owners, List<CacheBackendOption> declared,
            CacheSettings settings) {
        if (declared.isEmpty()) {
            return;
        }
        Set<String> names = new TreeSet<>();
        declared.forEach((option) -> names.add(option.name()));
        for (String option : settings.options().keySet()) {
            if (!names.contains(option)) {
                throw InvalidCacheSettingException.accepting(InvalidCacheSettingException.option(option),
                        settings.options().get(option),
                        "Unknown option '" + option + "' for the " + backend + " backend; known options: " + names,
                        "options " + names + " for " + owners);
            }
        }
        declared.forEach((option) -> option.validate(settings));
    }

    /**
     * The settings of the namespace of a Spring cache name (or any name) without an alias of its own, served with an
     * alias's settings: its entries must never meet the alias's or another name's, and its clear must clear it only.
     * By default the alias's key prefix extended with {@code #<name>}; a backend whose stores are apart by location
     * says so by overriding this.
     * @param aliasSettings the settings of the alias that serves the name, usually {@code default}
     * @param name the name
     * @return the namespace's settings
     */
    default CacheSettings namespace(CacheSettings aliasSettings, String name) {
        return aliasSettings.toBuilder().keyPrefix(aliasSettings.keyPrefix() + NAMESPACE_SEPARATOR + name).build();
    }

    /**
     * Creates a backend for one alias, with what the backend keeps process-wide (a local-memory store, say).
     * @param settings the alias's settings
     * @return a new backend
     * @throws IllegalArgumentException when the settings do not suit this backend, naming what is wrong; an
     *     {@link InvalidCacheSettingException} when one setting is to blame, so that it can be named exactly
     */
    CacheBackend create(CacheSettings settings);

    /**
     * Creates a backend for one alias of an owner, keeping what its backends share in the owner's context rather
     * than process-wide. Providers whose backends keep nothing in this process use {@link #create(CacheSettings)}.
     * @param settings the alias's settings
     * @param context the owner's context
     * @return a new backend
     * @throws IllegalArgumentException as {@link #create(CacheSettings)}
     */
    default CacheBackend create(CacheSettings settings, CacheCreationContext context) {
        return create(settings);
    }
}
