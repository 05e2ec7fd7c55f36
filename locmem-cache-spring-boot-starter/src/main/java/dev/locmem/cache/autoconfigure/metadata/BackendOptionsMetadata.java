package dev.locmem.cache.autoconfigure.metadata;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.boot.configurationprocessor.metadata.ConfigurationMetadata;
import org.springframework.boot.configurationprocessor.metadata.ItemHint;
import org.springframework.boot.configurationprocessor.metadata.ItemMetadata;
import org.springframework.boot.configurationprocessor.metadata.JsonMarshaller;

import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheBackendProviders;
import dev.locmem.cache.autoconfigure.CacheAliasSettings;

/**
 * Adds the backends to the IDE metadata that the configuration processor wrote from {@code LocMemCacheProperties}:
 * one property {@code app.caches.default.options.<name>} for every option that a backend's provider declares (its
 * type, default and description, from {@link CacheBackendProvider#options()}), and the backends' names as the values
 * of {@code app.caches.default.backend}. The providers are the one source of their options; the processor cannot
 * see them, since they are values that a provider returns, not properties of a class.
 *
 * <p>The build runs it once the classes are compiled (see the starter's {@code pom.xml}), over the providers that
 * {@link CacheBackendProviders} finds on the starter's class path: those of this repository. It rewrites the
 * metadata file in place, so that the jar holds one file that describes every property and option.
 */
public final class BackendOptionsMetadata {

    /** The options of the alias that the metadata describes, as every alias has them. */
    static final String OPTIONS = CacheAliasSettings.PREFIX + ".default.options";

    /** The backend of that alias. */
    static final String BACKEND = CacheAliasSettings.PREFIX + ".default.backend";

    private BackendOptionsMetadata() {
    }

    /**
     * Adds the backends to a metadata file.
     * @param args the path of {@code META-INF/spring-configuration-metadata.json} in the compiled classes
     * @throws Exception when the file cannot be read or written
     */
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        ConfigurationMetadata metadata;
        try (InputStream in = Files.newInputStream(file)) {
            metadata = new JsonMarshaller().read(in);
        }
        ConfigurationMetadata described = withBackends(metadata, CacheBackendProviders.known(List.of()).values());
        try (OutputStream out = Files.newOutputStream(file)) {
            new JsonMarshaller().write(described, out);
        }
    }

    /**
     * The metadata with the options and names of the backends added.
     * @param metadata what the configuration processor wrote
     * @param providers the backends' providers
     * @return new metadata
     */
    static ConfigurationMetadata withBackends(ConfigurationMetadata metadata,
            Iterable<? extends CacheBackendProvider> providers) {
        ConfigurationMetadata described = new ConfigurationMetadata();
        // Options described before are left out: a build that compiles nothing new runs this again over its own
        // output, which must come out the same.
        metadata.getItems().stream().filter((item) -> !item.getName().startsWith(OPTIONS + "."))
            .forEach(described::add);
        metadata.getIgnored().forEach(described::add);
        // The default backend first, as an IDE lists it: its options' sources and defaults are the ones that apply.
        Object defaultBackend = metadata.getItems().stream().filter((item) -> item.getName().equals(BACKEND))
            .map(ItemMetadata::getDefaultValue).filter(Objects::nonNull).findFirst().orElse(null);
        List<CacheBackendProvider> ordered = new ArrayList<>();
        providers.forEach(ordered::add);
        ordered.sort((a, b) -> Boolean.compare(!a.name().equals(defaultBackend), !b.name().equals(defaultBackend)));
        Map<String, List<Declaration>> options = new LinkedHashMap<>();
        for (CacheBackendProvider provider : ordered) {
            for (CacheBackendOption option : provider.options()) {
                options.computeIfAbsent(option.name(), (name) -> new ArrayList<>())
                    .add(new Declaration(provider, option));
            }
        }
        options.forEach((name, declarations) -> described.add(option(name, declarations)));
        for (ItemHint hint : metadata.getHints()) {
            described.add(hint.getName().equals(BACKEND) ? backendHint(hint, ordered) : hint);
        }
        if (metadata.getHints().stream().noneMatch((hint) -> hint.getName().equals(BACKEND))) {
            described.add(backendHint(new ItemHint(BACKEND, List.of(), List.of()), ordered));
        }
        return described;
    }

    /** One backend's declaration of an option. */
    private record Declaration(CacheBackendProvider provider, CacheBackendOption option) {
    }

    /**
     * The property of an option that one backend or several declare: typed and defaulted as the first that gives a
     * default (an option that a backend only accepts and ignores has none), described by each backend that takes it.
     */
    private static ItemMetadata option(String name, List<Declaration> declarations) {
        Declaration first = declarations.get(0);
        Object defaultValue = declarations.stream().map((declaration) -> declaration.option().defaultValue())
            .filter(Objects::nonNull).findFirst().orElse(null);
        Map<String, List<String>> backendsByDescription = new LinkedHashMap<>();
        declarations.forEach((declaration) -> backendsByDescription
            .computeIfAbsent(declaration.option().description(), (description) -> new ArrayList<>())
            .add(declaration.provider().name()));
        String description = backendsByDescription.entrySet().stream()
            .map((entry) -> backends(entry.getValue()) + ": " + entry.getKey())
            .collect(Collectors.joining(" "));
        return ItemMetadata.newProperty(OPTIONS, name, first.option().type().getName(),
                first.provider().getClass().getName(), null, description, defaultValue, null);
    }

    private static String backends(List<String> names) {
        return ((names.size() == 1) ? "Backend " : "Backends ") + String.join(", ", names);
    }

    /**
     * The values of {@code backend}: every provider's name, in the given order. They replace any values that were
     * there; the value providers that were there (a provider's class name is accepted too) are kept.
     */
    private static ItemHint backendHint(ItemHint hint, List<CacheBackendProvider> providers) {
        List<ItemHint.ValueHint> values = providers.stream()
            .map((provider) -> new ItemHint.ValueHint(provider.name(), describe(provider))).toList();
        return new ItemHint(BACKEND, values, hint.getProviders());
    }

    private static String describe(CacheBackendProvider provider) {
        List<String> options = provider.options().stream().map(CacheBackendOption::name).toList();
        return "The backend of " + provider.getClass().getName() + "; "
                + (options.isEmpty() ? "it declares no options." : "options: " + String.join(", ", options) + ".");
    }
}
