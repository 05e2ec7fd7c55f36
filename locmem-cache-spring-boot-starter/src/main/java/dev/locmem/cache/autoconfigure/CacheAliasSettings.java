package dev.locmem.cache.autoconfigure;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheBackendProviders;
import dev.locmem.cache.CacheCreationContext;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Caches;
import dev.locmem.cache.InvalidCacheSettingException;
import dev.locmem.cache.KeyFunction;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.Timeout;
import dev.locmem.cache.provider.DummyCacheProvider;
import dev.locmem.cache.provider.LocMemCacheProvider;

/**
 * The aliases of {@code app.caches}, checked and turned into core's {@link CacheSettings}, with the local-memory
 * stores that this application's caches keep to themselves.
 *
 * <p>Checking happens here, once, so that every mistake fails start-up with an {@link InvalidCachePropertyException}
 * naming the property, its value and what is accepted:
 * <ul>
 * <li>every name under an alias is looked up in the property sources as written, so an unknown property (or a
 * misspelt Django one) fails instead of being ignored as Spring's binder would ignore it. Django's spellings of the
 * known ones ({@code TIMEOUT}, {@code KEY_PREFIX}, {@code OPTIONS.MAX_ENTRIES}) bind, since they are the same names
 * in Spring's relaxed form;</li>
 * <li>the backend must be one that a {@link CacheBackendProvider} serves, looked up as {@link Caches} looks it up
 * (Django's backend paths for locmem, dummy and redis are understood too);</li>
 * <li>the timeout must parse; an empty one means never, like Django's {@code None}, rather than the default;</li>
 * <li>every option, and its value, is the backend's to judge: its provider's
 * {@link CacheBackendProvider#validate} decides, and its refusal names the property as written;</li>
 * <li>a key function must be a {@link KeyFunction} bean or class.</li>
 * </ul>
 * With no {@code app.caches} at all, one {@code default} alias with Django's defaults exists. Aliases without a
 * {@code default} fail, as Django's {@code CACHES} does: {@code default} is what names without an alias use.
 */
public final class CacheAliasSettings {

    /** The prefix of every alias. */
    public static final String PREFIX = "app.caches";

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);

    /** The properties of an alias, by their kebab-case name. */
    static final List<String> PROPERTIES = List.of("backend", "location", "timeout", "key-prefix", "version",
            "key-function", "allow-null-values", "options.max-entries", "options.cull-frequency",
            "options.store-by-value");


    /** Django's backend paths, understood so that a pasted {@code BACKEND} works. */
    private static final Map<String, String> DJANGO_BACKENDS = Map.of(
            "django.core.cache.backends.locmem.LocMemCache", LocMemCacheProvider.NAME,
            "django.core.cache.backends.dummy.DummyCache", DummyCacheProvider.NAME,
            "django.core.cache.backends.redis.RedisCache", "redis");

    private static final String BOOLEAN_ACCEPTED = "true or false (Spring's other boolean spellings bind too: "
            + "yes/no, on/off, 1/0)";

    /**
     * What each property that Spring's binder converts accepts, for the message when conversion fails; the other
     * properties are text, which always binds, and are checked here.
     */
    private static final Map<String, String> CONVERTED_ACCEPTED = Map.of(
            "version", "a whole number, positive, zero or negative (default 1)",
            "allow-null-values", BOOLEAN_ACCEPTED + " (default true)",
            "options.max-entries", LocMemCacheProvider.MAX_ENTRIES_ACCEPTED,
            "options.cull-frequency", LocMemCacheProvider.CULL_FREQUENCY_ACCEPTED,
            "options.store-by-value", BOOLEAN_ACCEPTED + " (default false)");

    private static final String TIMEOUT_ACCEPTED = "a number of seconds (0 or negative: entries expire at once), "
            + "'none' or empty (entries never expire, Django's None), or a duration such as 10m, 1h, 500ms or PT30S";

    private final Map<String, CacheSettings> settings;

    private final Map<String, Boolean> allowNullValues;

    private final CacheCreationContext context;

    private final List<CacheBackendProvider> providers;

    private CacheAliasSettings(Map<String, CacheSettings> settings, Map<String, Boolean> allowNullValues,
            List<CacheBackendProvider> providers) {
        this.settings = Collections.unmodifiableMap(settings);
        this.allowNullValues = Collections.unmodifiableMap(allowNullValues);
        this.providers = List.copyOf(providers);
        // The application's own: two contexts in one JVM (tests, a parent and a child) never share entries.
        this.context = CacheCreationContext.create();
    }

    /**
     * Checks the bound properties against the property sources and resolves them.
     * @param properties the bound properties
     * @param environment the environment they were bound from, to see the names as written
     * @param beanFactory where key-function beans are looked up and key-function classes created; may be
     *     {@code null}
     * @param providers backend providers of the application (beans), which take precedence over those that
     *     {@link ServiceLoader} finds under the same name: how a backend gets what only the application has, such
     *     as its Redis connection
     * @return the settings by alias
     * @throws InvalidCachePropertyException for the first mistake found
     */
    public static CacheAliasSettings resolve(LocMemCacheProperties properties, Environment environment,
            BeanFactory beanFactory, List<CacheBackendProvider> providers) {
        ClassLoader classLoader = ClassUtils.getDefaultClassLoader();
        Aliases aliases = aliases(properties, environment, providers, false,
                new KeyFunctions(beanFactory, classLoader, true));
        return new CacheAliasSettings(aliases.settings(), aliases.allowNullValues(), providers);
    }

    /**
     * Checks {@code app.caches} before the application's beans exist, so that a mistake fails start-up at once
     * rather than after whatever the application does while starting (a data load, say). It binds the properties
     * itself, so that a value Spring cannot convert is reported with what is accepted, and checks all that
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
        aliases(bind(environment), environment, List.of(), providerBeans, new KeyFunctions(beanNames, classLoader));
    }

    /**
     * Binds {@code app.caches}, and only it, with Spring's {@link Binder}: the rest of {@code app.*} stays the
     * application's. A value that does not convert becomes an {@link InvalidCachePropertyException} that says what
     * is accepted.
     * @param environment the environment
     * @return the bound properties
     */
    static LocMemCacheProperties bind(Environment environment) {
        LocMemCacheProperties properties = new LocMemCacheProperties();
        try {
            Binder.get(environment).bind(PREFIX, Bindable.mapOf(String.class, LocMemCacheProperties.Alias.class))
                .ifBound((aliases) -> properties.setCaches(new LinkedHashMap<>(aliases)));
        }
        catch (BindException ex) {
            throw notConverted(ex);
        }
        return properties;
    }

    /** The failure to convert a property of an alias, with what it accepts; any other bind failure as it is. */
    private static RuntimeException notConverted(BindException failure) {
        ConfigurationProperty property = failure.getProperty();
        if (property == null || !ROOT.isAncestorOf(property.getName())
                || property.getName().getNumberOfElements() < ROOT.getNumberOfElements() + 2) {
            return failure;
        }
        boolean fromEnvironmentVariables = property.getSource() != null
                && property.getSource().getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
        String known = knownProperty(property.getName(), fromEnvironmentVariables);
        String accepted = (known != null) ? CONVERTED_ACCEPTED.get(known) : null;
        if (accepted == null) {
            return failure;
        }
        String alias = property.getName().getElement(ROOT.getNumberOfElements(), Form.ORIGINAL);
        String kind = (accepted.startsWith("true")) ? "true or false" : "a whole number";
        return new InvalidCachePropertyException(PREFIX + "." + alias + "." + known, property.getValue(),
                "'" + property.getValue() + "' is not " + kind, accepted, failure);
    }

    /** Checks every alias and resolves those whose backend is known. */
    private static Aliases aliases(LocMemCacheProperties properties, Environment environment,
            List<CacheBackendProvider> providers, boolean providerBeans, KeyFunctions keyFunctions) {
        Map<String, LocMemCacheProperties.Alias> aliases = new LinkedHashMap<>(properties.getCaches());
        Map<String, Map<String, Written>> written = writtenProperties(environment);
        // An alias written with unknown properties only is not bound; add it so that its names are checked.
        written.keySet().forEach((alias) -> aliases.putIfAbsent(alias, new LocMemCacheProperties.Alias()));
        if (aliases.isEmpty()) {
            aliases.put(Caches.DEFAULT_ALIAS, new LocMemCacheProperties.Alias());
        }
        else if (!aliases.containsKey(Caches.DEFAULT_ALIAS)) {
            throw new InvalidCachePropertyException(PREFIX, aliases.keySet(),
                    "the aliases " + aliases.keySet() + " include no 'default' alias, which Django requires and which "
                            + "serves every cache name that has no alias of its own",
                    "a 'default' alias among the others, for example app.caches.default.backend=locmem");
        }
        Map<String, CacheSettings> settings = new LinkedHashMap<>();
        Map<String, Boolean> allowNullValues = new LinkedHashMap<>();
        aliases.forEach((alias, bound) -> {
            Map<String, Written> set = written.getOrDefault(alias, Map.of());
            String backend = backendName(alias, bound.getBackend());
            CacheBackendProvider provider = provider(alias, bound.getBackend(), backend, providers, providerBeans);
            Map<String, Object> extraOptions = checkNames(alias, set);
            CacheSettings resolved = settings(alias, bound, set, backend, extraOptions, keyFunctions);
            if (provider != null) {
                validate(alias, provider, resolved, set);
            }
            settings.put(alias, resolved);
            allowNullValues.put(alias, bound.isAllowNullValues());
        });
        return new Aliases(settings, allowNullValues);
    }

    /** The checked aliases, before their stores exist. */
    private record Aliases(Map<String, CacheSettings> settings, Map<String, Boolean> allowNullValues) {
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
        if (refusal.getSetting() != null) {
            return refused(alias, backend, refusal, Map.of());
        }
        return new InvalidCachePropertyException(PREFIX + "." + alias, (refused != null) ? refused.options() : null,
                "backend '" + backend + "' refused the settings: " + refusal.getReason(),
                "settings that backend '" + backend + "' accepts", refusal);
    }

    // Names as written.

    /** Every property under {@code app.caches.<alias>} in the environment, by alias and full name. */
    private static Map<String, Map<String, Written>> writtenProperties(Environment environment) {
        Map<String, Map<String, Written>> byAlias = new LinkedHashMap<>();
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (!(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            boolean fromEnvironmentVariables = source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
            iterable.stream().filter(ROOT::isAncestorOf).forEach((name) -> {
                if (name.getNumberOfElements() == ROOT.getNumberOfElements() + 1) {
                    Object value = source.getConfigurationProperty(name).getValue();
                    throw new InvalidCachePropertyException(name.toString(), value,
                            "an alias is a group of properties, not a value",
                            "properties under the alias, such as " + name + ".timeout=300");
                }
                String alias = name.getElement(ROOT.getNumberOfElements(), Form.ORIGINAL);
                Map<String, Written> written = byAlias.computeIfAbsent(alias, (a) -> new LinkedHashMap<>());
                ConfigurationProperty property = source.getConfigurationProperty(name);
                if (property != null) {
                    // The first source that has a name wins, as it does in binding.
                    written.putIfAbsent(name.toString(),
                            new Written(name, property.getValue(), fromEnvironmentVariables));
                }
            });
        }
        return byAlias;
    }

    /**
     * Fails for a name under an alias that binds to no property and is no option. Returns the options that have no
     * property of their own here; the backend's provider judges them, with every other option
     * ({@link CacheBackendProvider#validate}).
     */
    private static Map<String, Object> checkNames(String alias, Map<String, Written> written) {
        Map<String, Object> extraOptions = new LinkedHashMap<>();
        for (Written property : written.values()) {
            ConfigurationPropertyName name = property.name();
            String known = knownProperty(name, property.fromEnvironmentVariables());
            if (known != null) {
                continue;
            }
            int first = ROOT.getNumberOfElements() + 1;
            boolean isOption = name.getNumberOfElements() == first + 2
                    && "options".equals(name.getElement(first, Form.UNIFORM));
            if (isOption) {
                extraOptions.put(CacheSettings.canonicalOptionName(name.getElement(first + 1, Form.ORIGINAL)),
                        property.value());
                continue;
            }
            String accepted = PROPERTIES.stream().map((p) -> PREFIX + "." + alias + "." + p)
                .collect(Collectors.joining(", "));
            // Named as written, so that the message shows the very text to change.
            throw new InvalidCachePropertyException(PREFIX + "." + alias + "." + originalPath(name), property.value(),
                    "'" + originalPath(name) + "' is not a property of cache alias '" + alias + "'", accepted);
        }
        return extraOptions;
    }

    private static String knownProperty(ConfigurationPropertyName name, boolean fromEnvironmentVariables) {
        int first = ROOT.getNumberOfElements() + 1;
        StringBuilder uniform = new StringBuilder();
        for (int i = first; i < name.getNumberOfElements(); i++) {
            if (uniform.length() > 0 && !fromEnvironmentVariables) {
                uniform.append('.');
            }
            uniform.append(name.getElement(i, Form.UNIFORM));
        }
        for (String property : PROPERTIES) {
            // Environment variables lose the difference between '.', '-' and '_', so compare without separators.
            String candidate = fromEnvironmentVariables ? property.replace(".", "") : property;
            if (uniform(candidate).equals(uniform.toString())) {
                return property;
            }
        }
        return null;
    }

    private static String uniform(String kebab) {
        return kebab.replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static String originalPath(ConfigurationPropertyName name) {
        StringBuilder path = new StringBuilder();
        for (int i = ROOT.getNumberOfElements() + 1; i < name.getNumberOfElements(); i++) {
            path.append((path.length() > 0) ? "." : "").append(name.getElement(i, Form.ORIGINAL));
        }
        return path.toString();
    }

    private static Written written(Map<String, Written> written, String property, String alias) {
        for (Written candidate : written.values()) {
            if (property.equals(knownProperty(candidate.name(), candidate.fromEnvironmentVariables()))) {
                return candidate;
            }
        }
        return null;
    }

    // Values.

    private static CacheSettings settings(String alias, LocMemCacheProperties.Alias bound,
            Map<String, Written> written, String backend, Map<String, Object> extraOptions,
            KeyFunctions keyFunctions) {
        String prefix = PREFIX + "." + alias + ".";
        Written writtenTimeout = written(written, "timeout", alias);
        Object timeoutValue = (writtenTimeout != null) ? writtenTimeout.value() : bound.getTimeout();
        CacheSettings.Builder settings = CacheSettings.builder().backend(backend).location(bound.getLocation())
                .timeout(timeout(prefix + "timeout", timeoutValue)).keyPrefix(bound.getKeyPrefix())
                .version(bound.getVersion())
                .keyFunction(keyFunctions.resolve(prefix + "key-function", bound.getKeyFunction()));
        // Only the options written: each backend has its own defaults, and judges the values in validate.
        LocMemCacheProperties.Options options = bound.getOptions();
        if (written(written, "options.max-entries", alias) != null) {
            settings.option(CacheSettings.MAX_ENTRIES, options.getMaxEntries());
        }
        if (written(written, "options.cull-frequency", alias) != null) {
            settings.option(CacheSettings.CULL_FREQUENCY, options.getCullFrequency());
        }
        if (written(written, "options.store-by-value", alias) != null) {
            settings.option(LocMemCache.STORE_BY_VALUE, options.isStoreByValue());
        }
        extraOptions.forEach(settings::option);
        return settings.build();
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

    /** The backend as written, with Django's backend paths understood; an empty one fails. */
    private static String backendName(String alias, String value) {
        String backend = (value != null) ? value.trim() : "";
        if (backend.isEmpty()) {
            throw new InvalidCachePropertyException(PREFIX + "." + alias + ".backend", value,
                    "a backend must be named", String.join(", ", CacheBackendProviders.known(List.of()).keySet())
                            + ", or the class name of a " + CacheBackendProvider.class.getName());
        }
        return DJANGO_BACKENDS.getOrDefault(backend, backend);
    }

    /**
     * The provider of a backend, looked up as {@link Caches} looks it up; {@code null} for a name that only a
     * provider bean may serve, which is known once the beans exist.
     */
    private static CacheBackendProvider provider(String alias, String value, String backend,
            List<CacheBackendProvider> providers, boolean providerBeans) {
        try {
            return CacheBackendProviders.find(backend, providers);
        }
        catch (InvalidCacheSettingException ex) {
            if (providerBeans && !backend.contains(".")) {
                return null;
            }
            throw new InvalidCachePropertyException(PREFIX + "." + alias + ".backend", value, ex.getReason(),
                    ex.getAccepted(), ex);
        }
    }

    /** Asks the backend's provider whether it accepts the settings; a refusal names the property as written. */
    private static void validate(String alias, CacheBackendProvider provider, CacheSettings settings,
            Map<String, Written> written) {
        try {
            provider.validate(settings);
        }
        catch (InvalidCacheSettingException ex) {
            throw refused(alias, settings.backend(), ex, written);
        }
    }

    /** A backend's refusal as the property to change: as written when it was, else by the setting's own name. */
    private static InvalidCachePropertyException refused(String alias, String backend,
            InvalidCacheSettingException refusal, Map<String, Written> written) {
        String accepted = (refusal.getAccepted() != null) ? refusal.getAccepted()
                : "a value that backend '" + backend + "' accepts";
        String problem = "backend '" + backend + "' refused it: " + refusal.getReason();
        if (refusal.getSetting() == null) {
            return new InvalidCachePropertyException(PREFIX + "." + alias, refusal.getValue(), problem, accepted,
                    refusal);
        }
        Written as = writtenSetting(refusal.getSetting(), written);
        if (as != null) {
            return new InvalidCachePropertyException(PREFIX + "." + alias + "." + originalPath(as.name()),
                    as.value(), problem, accepted, refusal);
        }
        return new InvalidCachePropertyException(PREFIX + "." + alias + "." + refusal.getSetting(),
                refusal.getValue(), problem, accepted, refusal);
    }

    /** The property written for a setting such as {@code options.max-entries}, in whatever spelling. */
    private static Written writtenSetting(String setting, Map<String, Written> written) {
        int first = ROOT.getNumberOfElements() + 1;
        for (Written candidate : written.values()) {
            ConfigurationPropertyName name = candidate.name();
            if (setting.startsWith("options.") && name.getNumberOfElements() == first + 2
                    && "options".equals(name.getElement(first, Form.UNIFORM))) {
                String option = CacheSettings.canonicalOptionName(name.getElement(first + 1, Form.ORIGINAL));
                if (setting.equals(InvalidCacheSettingException.option(option))) {
                    return candidate;
                }
            }
            else if (setting.equals(knownProperty(name, candidate.fromEnvironmentVariables()))) {
                return candidate;
            }
        }
        return null;
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

    /** A property as written in one source; environment variables' names lose their separators. */
    private record Written(ConfigurationPropertyName name, Object value, boolean fromEnvironmentVariables) {
    }

    @Override
    public String toString() {
        return "CacheAliasSettings" + this.settings;
    }
}
