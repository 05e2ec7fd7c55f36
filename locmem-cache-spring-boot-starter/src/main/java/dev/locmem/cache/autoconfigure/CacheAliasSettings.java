package dev.locmem.cache.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.function.Predicate;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.origin.Origin;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheBackendProviders;
import dev.locmem.cache.CacheCreationContext;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Caches;
import dev.locmem.cache.InvalidCacheSettingException;
import dev.locmem.cache.KeyFunction;
import dev.locmem.cache.Timeout;
import dev.locmem.cache.provider.DummyCacheProvider;
import dev.locmem.cache.provider.LocMemCacheProvider;

/**
 * The aliases of {@code app.caches}, bound with Spring's {@link Binder} and turned into core's {@link CacheSettings},
 * with the local-memory stores that this application's caches keep to themselves.
 *
 * <p>Every mistake fails start-up with an {@link InvalidCachePropertyException} naming the property as written, its
 * value and what is accepted. Each check belongs to whoever owns the setting:
 * <ul>
 * <li>names: Spring's binder, strict ({@link NoUnboundElementsBindHandler}, in {@link CacheAliasBinding}), so a name
 * under an alias that is none of {@link LocMemCacheProperties.Alias}'s properties fails instead of being ignored. Relaxed binding applies, so
 * Django's spellings ({@code TIMEOUT}, {@code KEY_PREFIX}, {@code OPTIONS.MAX_ENTRIES}) and environment variables
 * ({@code APP_CACHES_DEFAULT_TIMEOUT}) bind. {@code options.*} is a free map: its names are the backend's;</li>
 * <li>the backend: {@link CacheBackendProviders}, the one lookup that {@link Caches} uses too (Django's backend paths
 * for locmem, dummy and redis are understood);</li>
 * <li>the options, their names and values: the backend's provider ({@link CacheBackendProvider#options()} and
 * {@link CacheBackendProvider#validate}). An option that the provider declares is converted to its declared type as
 * Spring converts any property, so that Spring's spellings ({@code yes}, {@code on}) bind as they do elsewhere;</li>
 * <li>the timeout: parsed here, since it is written as Django writes it; a key function: a {@link KeyFunction} bean or
 * class.</li>
 * </ul>
 * With no {@code app.caches} at all, one {@code default} alias with Django's defaults exists. Aliases without a
 * {@code default} fail, as Django's {@code CACHES} does: {@code default} is what names without an alias use.
 */
public final class CacheAliasSettings {

    /** The prefix of every alias. */
    public static final String PREFIX = "app.caches";

    /** Django's backend paths, understood so that a pasted {@code BACKEND} works: data, looked up, never branched on. */
    private static final Map<String, String> DJANGO_BACKENDS = Map.of(
            "django.core.cache.backends.locmem.LocMemCache", LocMemCacheProvider.NAME,
            "django.core.cache.backends.dummy.DummyCache", DummyCacheProvider.NAME,
            "django.core.cache.backends.redis.RedisCache", "redis");

    private static final String TIMEOUT_ACCEPTED = "a number of seconds (0 or negative: entries expire at once), "
            + "'none' or empty (entries never expire, Django's None), or a duration such as 10m, 1h, 500ms or PT30S";

    private final Map<String, CacheSettings> settings;

    private final Map<String, Boolean> allowNullValues;

    private final CacheCreationContext context;

    private final List<CacheBackendProvider> providers;

    private final CacheAliasBinding.Written written;

    private CacheAliasSettings(Aliases aliases, List<CacheBackendProvider> providers) {
        this.settings = Collections.unmodifiableMap(aliases.settings());
        this.allowNullValues = Collections.unmodifiableMap(aliases.allowNullValues());
        this.written = aliases.written();
        this.providers = List.copyOf(providers);
        // The application's own: two contexts in one JVM (tests, a parent and a child) never share entries.
        this.context = CacheCreationContext.create();
    }

    /**
     * Binds {@code app.caches}, checks it and resolves it.
     * @param environment the environment to bind from
     * @param beanFactory where key-function beans are looked up and key-function classes created; may be
     *     {@code null}
     * @param providers backend providers of the application (beans), which take precedence over those that
     *     {@link ServiceLoader} finds under the same name: how a backend gets what only the application has, such
     *     as its Redis connection
     * @return the settings by alias
     * @throws InvalidCachePropertyException for the first mistake found
     */
    public static CacheAliasSettings resolve(Environment environment, BeanFactory beanFactory,
            List<CacheBackendProvider> providers) {
        ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
        Aliases aliases = aliases(CacheAliasBinding.bind(environment, providers), providers, false,
                new KeyFunctions(beanFactory, classLoader, true));
        return new CacheAliasSettings(aliases, providers);
    }

    /**
     * Checks {@code app.caches} before the application's beans exist, so that a mistake fails start-up at once
     * rather than after whatever the application does while starting (a data load, say). It checks all that
     * {@link #resolve} checks except what needs beans: a key function that is a bean is looked at later, and a
     * backend name that only a {@link CacheBackendProvider} bean may serve is left for later when such beans are
     * defined. Nothing is created: key-function classes are only looked up.
     * @param environment where {@code app.caches} is bound from
     * @param beanNames whether a name is that of a bean of the application (a defined bean, not yet created)
     * @param providerBeans whether the application defines {@code CacheBackendProvider} beans, whose names can be
     *     known only once they exist
     * @throws InvalidCachePropertyException for the first mistake found
     */
    public static void check(Environment environment, Predicate<String> beanNames, boolean providerBeans) {
        ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
        aliases(CacheAliasBinding.bind(environment, List.of()), List.of(), providerBeans, new KeyFunctions(beanNames, classLoader));
    }

    /** Checks every alias and resolves it. */
    private static Aliases aliases(CacheAliasBinding.Bound bound, List<CacheBackendProvider> providers, boolean providerBeans,
            KeyFunctions keyFunctions) {
        Map<String, LocMemCacheProperties.Alias> aliases = bound.aliases();
        if (aliases.isEmpty()) {
            aliases.put(Caches.DEFAULT_ALIAS, new LocMemCacheProperties.Alias());
        }
        else if (!aliases.containsKey(Caches.DEFAULT_ALIAS)) {
            throw new InvalidCachePropertyException(PREFIX, aliases.keySet(),
                    "the aliases " + aliases.keySet() + " include no 'default' alias, which Django requires and which "
                            + "serves every cache name that has no alias of its own",
                    "a 'default' alias among the others, for example app.caches.default.backend=locmem");
        }
        CacheAliasBinding.Written written = bound.written();
        Map<String, CacheSettings> settings = new LinkedHashMap<>();
        Map<String, Boolean> allowNullValues = new LinkedHashMap<>();
        aliases.forEach((alias, properties) -> {
            String backend = backendName(properties.getBackend());
            CacheBackendProvider provider = provider(alias, backend, written, providers, providerBeans);
            CacheSettings.Builder builder = CacheSettings.builder().backend(backend)
                .location(properties.getLocation())
                .timeout(read(alias, "timeout", written, (name) -> timeout(name, properties.getTimeout())))
                .keyPrefix(properties.getKeyPrefix())
                .version(properties.getVersion())
                .keyFunction(read(alias, "key-function", written,
                        (name) -> keyFunctions.resolve(name, properties.getKeyFunction())));
            properties.getOptions().forEach((option, value) -> {
                CacheBackendOption declared = declared(provider, option);
                if (declared == null) {
                    // The backend's to judge: validate refuses it, or create does for a provider that declares none.
                    builder.option(option, value);
                }
                else {
                    builder.option(declared.name(), converted(alias, option, value, declared, written));
                }
            });
            CacheSettings resolved = builder.build();
            if (provider != null) {
                validate(alias, provider, resolved, properties, written);
            }
            settings.put(alias, resolved);
            allowNullValues.put(alias, properties.isAllowNullValues());
        });
        return new Aliases(settings, allowNullValues, written);
    }

    /** The checked aliases, before their stores exist. */
    private record Aliases(Map<String, CacheSettings> settings, Map<String, Boolean> allowNullValues,
            CacheAliasBinding.Written written) {
    }

    /**
     * The settings by alias, in configuration order.
     * @return an unmodifiable map
     */
    public Map<String, CacheSettings> settings() {
        return this.settings;
    }

    /**
     * Whether each alias's Spring cache stores null values.
     * @return an unmodifiable map by alias
     */
    public Map<String, Boolean> allowNullValues() {
        return this.allowNullValues;
    }

    /**
     * The application's own creation context, shared by the {@link Caches} and the cache manager's namespaces, so
     * that what backends keep per owner (local-memory stores) is this application's alone.
     * @return the context
     */
    public CacheCreationContext context() {
        return this.context;
    }

    /**
     * The application's backend providers, preferred to those found through {@link ServiceLoader}.
     * @return an unmodifiable list
     */
    public List<CacheBackendProvider> providers() {
        return this.providers;
    }

    /**
     * Creates the backends of every alias.
     * @return the caches, in this application's own stores
     * @throws InvalidCachePropertyException when a backend refuses its alias's settings
     */
    public Caches createCaches() {
        try {
            return Caches.of(this.settings, this.context, this.providers);
        }
        catch (InvalidCacheSettingException ex) {
            throw refusal(ex);
        }
    }

    /** A refusal at creation: the setting when the backend named it, else the alias with its options. */
    private InvalidCachePropertyException refusal(InvalidCacheSettingException refusal) {
        String alias = refusal.getAlias();
        CacheSettings refused = this.settings.get(alias);
        String backend = (refused != null) ? refused.backend() : "?";
        if (refused != null && refusal.getSetting() != null) {
            // The names of the options are the settings' own here; the written ones are found by relaxed name.
            return refused(alias, backend, refusal, CacheBackendProviders.find(backend, this.providers),
                    refused.options().keySet(), this.written);
        }
        return new InvalidCachePropertyException(PREFIX + "." + alias, (refused != null) ? refused.options() : null,
                "backend '" + backend + "' refused the settings: " + refusal.getReason(),
                "settings that backend '" + backend + "' accepts", refusal);
    }

    // Values.

    /**
     * Reads a setting of an alias; a failure says where the setting was written, which only the binding knows.
     */
    private static <T> T read(String alias, String setting, CacheAliasBinding.Written written,
            Function<String, T> reading) {
        try {
            return reading.apply(written.name(alias, setting));
        }
        catch (InvalidCachePropertyException ex) {
            Origin origin = written.origin(alias, setting);
            if (origin == null || ex.getOrigin() != null) {
                throw ex;
            }
            throw new InvalidCachePropertyException(ex.getProperty(), ex.getValue(), origin, ex.getProblem(),
                    ex.getAccepted(), ex.getCause());
        }
    }

    /**
     * Parses a timeout as Django users write it.
     * @param property the property's full name, for the error
     * @param value the value as written: {@code null} or empty for never
     * @return the timeout
     * @throws InvalidCachePropertyException when the value does not parse
     */
    public static Timeout timeout(String property, Object value) {
        String text = (value != null) ? value.toString().trim() : "";
        if (text.isEmpty() || text.equalsIgnoreCase("none") || text.equalsIgnoreCase("null") || text.equals("~")) {
            // Django's None: an empty or null timeout must not quietly become the 300-second default.
            return Timeout.NEVER;
        }
        try {
            return Timeout.ofSeconds(Long.parseLong(text));
        }
        catch (NumberFormatException notWhole) {
            // Try the other forms.
        }
        try {
            BigDecimal seconds = new BigDecimal(text);
            return Timeout.of(Duration.ofNanos(seconds.movePointRight(9).longValueExact()));
        }
        catch (NumberFormatException | ArithmeticException notDecimal) {
            // Try a duration.
        }
        try {
            return Timeout.of(DurationStyle.detectAndParse(text, ChronoUnit.SECONDS));
        }
        catch (IllegalArgumentException | ArithmeticException ex) {
            throw new InvalidCachePropertyException(property, value, "'" + text + "' is not a timeout",
                    TIMEOUT_ACCEPTED, ex);
        }
    }

    /** The backend as written, with Django's backend paths understood. */
    static String backendName(String value) {
        String backend = (value != null) ? value.trim() : "";
        return DJANGO_BACKENDS.getOrDefault(backend, backend);
    }

    /**
     * The provider of a backend, looked up as {@link Caches} looks it up; {@code null} for a name that only a
     * provider bean may serve, which is known once the beans exist.
     */
    private static CacheBackendProvider provider(String alias, String backend, CacheAliasBinding.Written written,
            List<CacheBackendProvider> providers, boolean providerBeans) {
        try {
            return CacheBackendProviders.find(backend, providers);
        }
        catch (InvalidCacheSettingException ex) {
            if (providerBeans && !backend.isEmpty() && !backend.contains(".")) {
                return null;
            }
            throw new InvalidCachePropertyException(written.name(alias, CacheBackendProviders.BACKEND),
                    written.value(alias, CacheBackendProviders.BACKEND, backend),
                    written.origin(alias, CacheBackendProviders.BACKEND), ex.getReason(), ex.getAccepted(), ex);
        }
    }

    /**
     * The option that the backend declares under a key of the options map, matched as relaxed binding matches names
     * ({@code MAX_ENTRIES}, {@code maxEntries}, and {@code maxentries} from an environment variable, are
     * {@code max-entries}); {@code null} when it declares none such.
     */
    private static CacheBackendOption declared(CacheBackendProvider provider, String option) {
        if (provider == null) {
            return null;
        }
        for (CacheBackendOption declared : provider.options()) {
            if (CacheAliasBinding.uniform(declared.name()).equals(CacheAliasBinding.uniform(option))) {
                return declared;
            }
        }
        return null;
    }

    /**
     * An option's value converted to the type its backend declares, as Spring's binder converts any property; a value
     * that does not convert fails, saying what the backend accepts.
     */
    private static Object converted(String alias, String option, String value, CacheBackendOption declared,
            CacheAliasBinding.Written written) {
        if (value == null || value.isBlank() || declared.type() == String.class) {
            // Empty converts to null, which would unset the option without a word: the backend judges it as written.
            return value;
        }
        try {
            return ApplicationConversionService.getSharedInstance().convert(value.trim(), declared.type());
        }
        catch (ConversionException ex) {
            throw new InvalidCachePropertyException(written.name(alias, "options." + option), value,
                    written.origin(alias, "options." + option), "'" + value + "' is not "
                            + CacheAliasBinding.typeAccepted(declared.type()), optionAccepted(declared), ex);
        }
    }

    /**
     * What the backend accepts for an option: its declaration's words, or where it has none, the type, the default
     * and the description.
     */
    private static String optionAccepted(CacheBackendOption declared) {
        if (declared.accepted() != null) {
            return declared.accepted();
        }
        String defaultValue = (declared.defaultValue() != null) ? " (default " + declared.defaultValue() + ")" : "";
        return CacheAliasBinding.typeAccepted(declared.type()) + defaultValue + ": " + declared.description();
    }

    /** Asks the backend's provider whether it accepts the settings; a refusal names the property as written. */
    private static void validate(String alias, CacheBackendProvider provider, CacheSettings settings,
            LocMemCacheProperties.Alias properties, CacheAliasBinding.Written written) {
        try {
            provider.validate(settings);
        }
        catch (InvalidCacheSettingException ex) {
            throw refused(alias, settings.backend(), ex, provider, properties.getOptions().keySet(), written);
        }
    }

    /**
     * A backend's refusal as the property to change, named as written, with what the backend accepts: in its words
     * when it gave them, else as its option's declaration says.
     */
    private static InvalidCachePropertyException refused(String alias, String backend,
            InvalidCacheSettingException refusal, CacheBackendProvider provider, Collection<String> options,
            CacheAliasBinding.Written written) {
        String problem = "backend '" + backend + "' refused it: " + refusal.getReason();
        String setting = refusal.getSetting();
        if (setting == null) {
            String accepted = (refusal.getAccepted() != null) ? refusal.getAccepted()
                    : "settings that backend '" + backend + "' accepts";
            return new InvalidCachePropertyException(PREFIX + "." + alias, refusal.getValue(), problem, accepted,
                    refusal);
        }
        // An option is named by its backend as declared (max-entries); find the key as written (MAX_ENTRIES).
        String asWritten = setting;
        CacheBackendOption declared = null;
        for (String option : options) {
            CacheBackendOption candidate = declared(provider, option);
            String name = (candidate != null) ? candidate.name() : CacheSettings.canonicalOptionName(option);
            if (InvalidCacheSettingException.option(name).equals(setting)) {
                asWritten = "options." + option;
                declared = candidate;
            }
        }
        String accepted = refusal.getAccepted();
        if (accepted == null) {
            accepted = (declared != null) ? optionAccepted(declared)
                    : "a value that backend '" + backend + "' accepts";
        }
        // The value as the backend shows it: it may have masked part of it (a password in a location).
        Object value = (refusal.getValue() != null) ? refusal.getValue() : written.value(alias, asWritten, null);
        return new InvalidCachePropertyException(written.name(alias, asWritten), value,
                written.origin(alias, asWritten), problem, accepted, refusal);
    }

    /**
     * Key functions by property value: beans and classes (created as beans) once the beans exist; before, with only
     * the bean names known, a class is looked up but not created, and a bean name is left for later.
     */
    private static final class KeyFunctions {

        private static final String ACCEPTED = "the name of a bean, or the class name of a class with a public "
                + "no-argument or autowirable constructor, that implements " + KeyFunction.class.getName();

        private final BeanFactory beanFactory;

        private final Predicate<String> beanNames;

        private final ClassLoader classLoader;

        private final boolean create;

        KeyFunctions(BeanFactory beanFactory, ClassLoader classLoader, boolean create) {
            this.beanFactory = beanFactory;
            this.beanNames = (name) -> beanFactory != null && beanFactory.containsBean(name);
            this.classLoader = classLoader;
            this.create = create;
        }

        KeyFunctions(Predicate<String> beanNames, ClassLoader classLoader) {
            this.beanFactory = null;
            this.beanNames = beanNames;
            this.classLoader = classLoader;
            this.create = false;
        }

        /** The key function, or {@code null} for none or for one that cannot be created yet. */
        KeyFunction resolve(String property, String value) {
            if (value == null || value.isBlank()) {
                return null;
            }
            String name = value.trim();
            if (this.beanNames.test(name)) {
                return (this.create) ? bean(property, value, name) : null;
            }
            Class<?> type;
            try {
                type = ClassUtils.forName(name, this.classLoader);
            }
            catch (ClassNotFoundException | LinkageError ex) {
                throw new InvalidCachePropertyException(property, value,
                        "'" + name + "' is neither a bean nor a class on the classpath", ACCEPTED, ex);
            }
            if (!KeyFunction.class.isAssignableFrom(type)) {
                throw new InvalidCachePropertyException(property, value,
                        "class " + name + " does not implement " + KeyFunction.class.getName(), ACCEPTED);
            }
            return (this.create) ? instance(property, value, type) : null;
        }

        private KeyFunction bean(String property, String value, String name) {
            Object bean = this.beanFactory.getBean(name);
            if (bean instanceof KeyFunction keyFunction) {
                return keyFunction;
            }
            throw new InvalidCachePropertyException(property, value,
                    "bean '" + name + "' is a " + bean.getClass().getName() + ", not a KeyFunction", ACCEPTED);
        }

        private KeyFunction instance(String property, String value, Class<?> type) {
            try {
                if (this.beanFactory instanceof AutowireCapableBeanFactory autowiring) {
                    return (KeyFunction) autowiring.createBean(type);
                }
                return (KeyFunction) BeanUtils.instantiateClass(type);
            }
            catch (RuntimeException ex) {
                throw new InvalidCachePropertyException(property, value,
                        "class " + type.getName() + " could not be created: " + ex.getMessage(), ACCEPTED, ex);
            }
        }
    }

    @Override
    public String toString() {
        return "CacheAliasSettings" + this.settings;
    }
}
