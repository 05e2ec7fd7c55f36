package dev.locmem.cache.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.util.ClassUtils;

import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheBackendProviders;

/**
 * The binding of {@code app.caches}: Spring's {@link Binder}, strict about names (Spring's
 * {@link NoUnboundElementsBindHandler}), with every property that binds recorded as its source wrote it, so that
 * whoever judges a value ({@link CacheAliasSettings}, a backend's provider) names the very text to change and says
 * where it was written. A name that binds to nothing, and a value that does not convert, fail here with an
 * {@link InvalidCachePropertyException} that says what is accepted; what the values mean is not looked at.
 */
final class CacheAliasBinding {

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(CacheAliasSettings.PREFIX);

    /** The element of an alias's name that is its first property, such as {@code timeout}. */
    private static final int FIRST_PROPERTY = ROOT.getNumberOfElements() + 1;

    /** What Spring's conversion accepts for a boolean, for any boolean property or option. */
    private static final String BOOLEAN_ACCEPTED = "true or false (Spring's other boolean spellings bind too: "
            + "yes/no, on/off, 1/0)";

    private CacheAliasBinding() {
    }

    /**
     * Binds {@code app.caches}, and only it, with Spring's {@link Binder}: the rest of {@code app.*} stays the
     * application's. Strict, as {@code @ConfigurationProperties(ignoreUnknownFields = false)} is: a name that binds
     * to nothing fails, and so does a value that does not convert, each as an {@link InvalidCachePropertyException}
     * that names the property as written and says what is accepted.
     */
    static Bound bind(Environment environment, List<CacheBackendProvider> providers) {
        Binder binder = Binder.get(environment);
        Written written = new Written();
        try {
            Map<String, LocMemCacheProperties.Alias> aliases = binder
                .bind(ROOT, Bindable.mapOf(String.class, LocMemCacheProperties.Alias.class), new StrictNames(written))
                .orElseGet(LinkedHashMap::new);
            return new Bound(new LinkedHashMap<>(aliases), written);
        }
        catch (BindException ex) {
            throw notBound(ex, binder, providers);
        }
    }

    /** The aliases as bound, and their properties as written. */
    record Bound(Map<String, LocMemCacheProperties.Alias> aliases, Written written) {
    }

    /** A bind failure as the property to change; one that names no property of an alias as Spring reports it. */
    private static RuntimeException notBound(BindException failure, Binder binder,
            List<CacheBackendProvider> providers) {
        if (failure.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
            return unknownProperty(unbound, binder, providers, failure);
        }
        ConfigurationProperty property = failure.getProperty();
        if (property == null || !ROOT.isAncestorOf(property.getName())) {
            return failure;
        }
        String name = asWritten(property.getName());
        if (property.getName().getNumberOfElements() == FIRST_PROPERTY) {
            return new InvalidCachePropertyException(name, property.getValue(), property.getOrigin(),
                    "an alias is a group of properties, not a value",
                    "properties under the alias, such as " + name + ".timeout=300", failure);
        }
        PropertyDescriptor descriptor = aliasProperty(path(property.getName(), Form.ORIGINAL));
        if (descriptor == null) {
            return failure;
        }
        String accepted = typeAccepted(descriptor.getPropertyType()) + " (default " + aliasDefault(descriptor) + ")";
        return new InvalidCachePropertyException(name, property.getValue(), property.getOrigin(),
                "'" + property.getValue() + "' is not " + typeAccepted(descriptor.getPropertyType()), accepted,
                failure);
    }

    /** The first name under an alias that binds to nothing, with every name that the alias accepts. */
    private static InvalidCachePropertyException unknownProperty(UnboundConfigurationPropertiesException unbound,
            Binder binder, List<CacheBackendProvider> providers, BindException failure) {
        List<ConfigurationProperty> properties = new ArrayList<>(unbound.getUnboundProperties());
        ConfigurationProperty first = properties.get(0);
        ConfigurationPropertyName name = first.getName();
        String alias = name.getElement(ROOT.getNumberOfElements(), Form.ORIGINAL);
        String path = path(name, Form.ORIGINAL);
        List<String> accepted = acceptedNames(alias, binder, providers);
        StringBuilder problem = new StringBuilder("'" + path + "' is not a property of cache alias '" + alias + "'");
        // max-entries written under the alias rather than under options, say.
        accepted.stream()
            .filter((candidate) -> uniform(candidate.substring(candidate.lastIndexOf('.') + 1)).equals(uniform(path)))
            .findFirst()
            .ifPresent((meant) -> problem.append(" (").append(meant).append(" is)"));
        if (properties.size() > 1) {
            problem.append(" (nor are ").append(properties.subList(1, properties.size()).stream()
                .map((other) -> asWritten(other.getName())).collect(Collectors.joining(", "))).append(")");
        }
        return new InvalidCachePropertyException(asWritten(name), first.getValue(), first.getOrigin(),
                problem.toString(), String.join(", ", accepted), failure);
    }

    /**
     * What an alias accepts: the properties of {@link LocMemCacheProperties.Alias}, with the options that its
     * backend declares in place of the options map (or {@code options.*} when the backend cannot be told).
     */
    private static List<String> acceptedNames(String alias, Binder binder, List<CacheBackendProvider> providers) {
        String prefix = CacheAliasSettings.PREFIX + "." + alias + ".";
        List<String> options = List.of(prefix + "options.*");
        try {
            // Bound again, leniently, only to learn the alias's backend.
            LocMemCacheProperties.Alias bound = binder
                .bind(ROOT, Bindable.mapOf(String.class, LocMemCacheProperties.Alias.class))
                .map((aliases) -> aliases.get(alias))
                .orElseGet(LocMemCacheProperties.Alias::new);
            List<CacheBackendOption> declared = CacheBackendProviders.find(CacheAliasSettings.backendName(bound.getBackend()), providers)
                .options();
            if (!declared.isEmpty()) {
                options = declared.stream().map((option) -> prefix + "options." + option.name()).toList();
            }
        }
        catch (RuntimeException ex) {
            // The backend is wrong too, or only a provider bean serves it: its options cannot be listed yet.
        }
        List<String> accepted = new ArrayList<>();
        for (PropertyDescriptor descriptor : aliasProperties()) {
            String property = DataObjectPropertyName.toDashedForm(descriptor.getName());
            if (property.equals("options")) {
                accepted.addAll(options);
            }
            else {
                accepted.add(prefix + property);
            }
        }
        return accepted;
    }

    /** What Spring's conversion accepts for a type, in words. */
    static String typeAccepted(Class<?> type) {
        Class<?> boxed = ClassUtils.resolvePrimitiveIfNecessary(type);
        if (boxed == Boolean.class) {
            return BOOLEAN_ACCEPTED;
        }
        if (boxed == Integer.class || boxed == Long.class || boxed == Short.class) {
            return "a whole number";
        }
        return (boxed == String.class) ? "text" : "a " + boxed.getSimpleName();
    }

    /** A name in Spring's uniform form: letters and digits only, lower case, as relaxed binding compares names. */
    static String uniform(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }

    /** The properties of an alias that the binder binds, in the order of the class's fields, as the IDE lists them. */
    private static List<PropertyDescriptor> aliasProperties() {
        List<String> fields = Arrays.stream(LocMemCacheProperties.Alias.class.getDeclaredFields()).map(Field::getName)
            .toList();
        List<PropertyDescriptor> properties = new ArrayList<>();
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(LocMemCacheProperties.Alias.class)) {
            if (descriptor.getReadMethod() != null && fields.contains(descriptor.getName())) {
                properties.add(descriptor);
            }
        }
        properties.sort(Comparator.comparingInt((descriptor) -> fields.indexOf(descriptor.getName())));
        return properties;
    }

    private static PropertyDescriptor aliasProperty(String path) {
        for (PropertyDescriptor descriptor : aliasProperties()) {
            if (uniform(descriptor.getName()).equals(uniform(path))) {
                return descriptor;
            }
        }
        return null;
    }

    private static Object aliasDefault(PropertyDescriptor descriptor) {
        BeanWrapper defaults = PropertyAccessorFactory.forBeanPropertyAccess(new LocMemCacheProperties.Alias());
        return defaults.getPropertyValue(descriptor.getName());
    }

    /** A name as its source wrote it, so that the message shows the very text to change. */
    private static String asWritten(ConfigurationPropertyName name) {
        StringBuilder written = new StringBuilder();
        for (int i = 0; i < name.getNumberOfElements(); i++) {
            if (name.isNumericIndex(i)) {
                written.append('[').append(name.getElement(i, Form.ORIGINAL)).append(']');
            }
            else {
                written.append((i > 0) ? "." : "").append(name.getElement(i, Form.ORIGINAL));
            }
        }
        return written.toString();
    }

    /** The part of a name after its alias, such as {@code options.max-entries}. */
    private static String path(ConfigurationPropertyName name, Form form) {
        StringBuilder path = new StringBuilder();
        for (int i = FIRST_PROPERTY; i < name.getNumberOfElements(); i++) {
            path.append((path.length() > 0) ? "." : "").append(name.getElement(i, form));
        }
        return path.toString();
    }

    /**
     * Spring's strict handler ({@link NoUnboundElementsBindHandler}), but for the underscores of environment variables.
     * {@code APP_CACHES_DEFAULT_KEY_PREFIX} binds to {@code key-prefix}, as Spring maps an environment variable's
     * underscores between words too, yet that handler reads it as {@code app.caches.default.key.prefix} and takes it
     * for unknown; Spring Boot leaves environment variables out of its own strict check for that reason. Here they are
     * checked too, since a misspelt one is as much a mistake: one is known when its letters are those of a name that
     * bound.
     */
    private static final class StrictNames extends AbstractBindHandler {

        private final Written written;

        StrictNames(Written written) {
            super(new NoUnboundElementsBindHandler(written));
            this.written = written;
        }

        @Override
        public void onFinish(ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result)
                throws Exception {
            try {
                super.onFinish(name, target, context, result);
            }
            catch (UnboundConfigurationPropertiesException ex) {
                Set<String> bound = this.written.properties.keySet().stream().map(StrictNames::letters)
                    .collect(Collectors.toSet());
                Set<ConfigurationProperty> unknown = new TreeSet<>();
                for (ConfigurationProperty property : ex.getUnboundProperties()) {
                    boolean environmentVariable = property.getSource() != null
                            && property.getSource().getUnderlyingSource() instanceof SystemEnvironmentPropertySource;
                    if (!environmentVariable || !bound.contains(letters(property.getName()))) {
                        unknown.add(property);
                    }
                }
                if (!unknown.isEmpty()) {
                    throw new UnboundConfigurationPropertiesException(unknown);
                }
            }
        }

        private static String letters(ConfigurationPropertyName name) {
            StringBuilder letters = new StringBuilder();
            for (int i = 0; i < name.getNumberOfElements(); i++) {
                letters.append(name.getElement(i, Form.UNIFORM));
            }
            return letters.toString();
        }
    }

    /**
     * The properties under {@code app.caches} as their sources wrote them, recorded as the binder binds them: a
     * message then names {@code OPTIONS.MAX_ENTRIES} when that is what the application's YAML says.
     */
    static final class Written extends AbstractBindHandler {

        private final Map<ConfigurationPropertyName, ConfigurationProperty> properties = new LinkedHashMap<>();

        @Override
        public Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
                Object result) {
            ConfigurationProperty property = context.getConfigurationProperty();
            if (property != null && property.getName().equals(name)) {
                this.properties.putIfAbsent(name, property);
            }
            return super.onSuccess(name, target, context, result);
        }

        private ConfigurationProperty property(String alias, String setting) {
            return this.properties.get(ConfigurationPropertyName.adapt(CacheAliasSettings.PREFIX + "." + alias + "." + setting, '.'));
        }

        /** The full name of a setting of an alias, as written when it was, else in kebab case. */
        String name(String alias, String setting) {
            ConfigurationProperty property = property(alias, setting);
            return (property != null) ? asWritten(property.getName()) : CacheAliasSettings.PREFIX + "." + alias + "." + setting;
        }

        /** Where a setting was written, or {@code null} when it was not. */
        Origin origin(String alias, String setting) {
            ConfigurationProperty property = property(alias, setting);
            return (property != null) ? property.getOrigin() : null;
        }

        /** The value of a setting as written, or {@code fallback} when it was not written. */
        Object value(String alias, String setting, Object fallback) {
            ConfigurationProperty property = property(alias, setting);
            return (property != null) ? property.getValue() : fallback;
        }
    }
}
