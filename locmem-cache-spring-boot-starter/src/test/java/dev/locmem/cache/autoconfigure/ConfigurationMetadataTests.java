package dev.locmem.cache.autoconfigure;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.ClassPathResource;
import org.springframework.util.ClassUtils;

import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheBackendProviders;
import dev.locmem.cache.provider.LocMemCacheProvider;
import dev.locmem.cache.redis.RedisCache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The IDE metadata that the build generates, checked against what an alias accepts: the configuration processor
 * writes the properties from {@link LocMemCacheProperties}' Javadoc, and {@code BackendOptionsMetadata} adds the
 * options and names that the backends' providers declare. What the tests read is the built file in the starter's
 * classes, the one that the jar packs; locmem-cache-redis ships only the hint that no declaration holds (the values
 * of its serializer).
 */
class ConfigurationMetadataTests {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";

    private static final String ALIAS = "app.caches.default.";

    private static DocumentContext metadata() throws IOException {
        try (InputStream in = new ClassPathResource(METADATA).getInputStream()) {
            return JsonPath.parse(in);
        }
    }

    /** The metadata of every jar on the class path: an IDE merges them, as this does. */
    private static List<DocumentContext> allMetadata() throws IOException {
        List<DocumentContext> all = new ArrayList<>();
        for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader().getResources(METADATA))) {
            try (InputStream in = url.openStream()) {
                all.add(JsonPath.parse(in));
            }
        }
        return all;
    }

    /**
     * The properties of the default alias that the starter's own metadata describes, by name after
     * {@code app.caches.default.}: alone, it describes every property and option.
     */
    private static Map<String, Map<String, Object>> describedAliasProperties() throws IOException {
        Map<String, Map<String, Object>> described = new LinkedHashMap<>();
        List<Map<String, Object>> properties = metadata().read("$.properties[*]");
        properties.stream()
            .filter((property) -> property.get("name").toString().startsWith(ALIAS))
            .forEach((property) -> {
                Object previous = described.put(property.get("name").toString().substring(ALIAS.length()), property);
                assertThat(previous).as("a second description of %s", property.get("name")).isNull();
            });
        return described;
    }

    /**
     * What an alias accepts, with types and defaults: the properties of the bound class (options among them, the map
     * that the backends judge), and every option that a backend's provider declares
     * ({@link CacheBackendProvider#options()}), the one source of the options. An option that several backends take
     * (max-entries, which redis accepts and ignores) is described once, with the default of the backend that uses it.
     */
    private static Map<String, Object[]> acceptedAliasProperties() {
        Map<String, Object[]> accepted = new LinkedHashMap<>();
        BeanWrapper alias = PropertyAccessorFactory.forBeanPropertyAccess(new LocMemCacheProperties.Alias());
        for (PropertyDescriptor property : BeanUtils.getPropertyDescriptors(LocMemCacheProperties.Alias.class)) {
            if (property.getName().equals("class")) {
                continue;
            }
            ResolvableType type = ResolvableType.forMethodReturnType(property.getReadMethod());
            String typeName = type.hasGenerics() ? type.toString().replace(" ", "")
                    : ClassUtils.resolvePrimitiveIfNecessary(type.toClass()).getName();
            Object defaultValue = alias.getPropertyValue(property.getName());
            // The configuration processor gives no default to a map, whose default is empty.
            accepted.put(DataObjectPropertyName.toDashedForm(property.getName()),
                    new Object[] { typeName, (defaultValue instanceof Map) ? null : defaultValue });
        }
        for (CacheBackendProvider provider : CacheBackendProviders.known(List.of()).values()) {
            for (CacheBackendOption option : provider.options()) {
                Object[] typeAndDefault = { option.type().getName(), option.defaultValue() };
                accepted.merge("options." + option.name(), typeAndDefault,
                        (first, next) -> (first[1] != null) ? first : next);
            }
        }
        return accepted;
    }

    @Test
    void theProvidersThatDeclareTheOptionsAreThoseOfThisRepository() {
        assertThat(CacheBackendProviders.known(List.of())).containsOnlyKeys("dummy", "locmem", "redis");
    }

    @Test
    void theOptionsAreAMapOfTheBackendsRatherThanPropertiesOfTheBoundClass() {
        assertThat(ResolvableType.forMethodReturnType(
                ClassUtils.getMethod(LocMemCacheProperties.Alias.class, "getOptions")).toString())
            .isEqualTo("java.util.Map<java.lang.String, java.lang.String>");
    }

    @Test
    void theStartersMetadataIsTheBuiltOneInItsClasses() throws IOException {
        assertThat(new ClassPathResource(METADATA).getURL().toString()).contains("locmem-cache-spring-boot-starter")
            .doesNotContain("test-classes");
    }

    @Test
    void theAliasesMapIsDescribed() throws IOException {
        List<String> descriptions = metadata().read("$.properties[?(@.name == 'app.caches')].description");
        assertThat(descriptions).singleElement().asString().contains("Django's CACHES");
    }

    @Test
    void exactlyThePropertiesAndOptionsAnAliasAcceptsAreDescribedWithTheirTypesAndDefaults() throws IOException {
        Map<String, Map<String, Object>> described = describedAliasProperties();
        Map<String, Object[]> accepted = acceptedAliasProperties();
        assertThat(described.keySet()).containsExactlyInAnyOrderElementsOf(accepted.keySet());
        accepted.forEach((name, typeAndDefault) -> {
            Map<String, Object> property = described.get(name);
            assertThat(property.get("type")).as("type of %s", name).isEqualTo(typeAndDefault[0]);
            assertThat(property.get("defaultValue")).as("default of %s", name).isEqualTo(typeAndDefault[1]);
            assertThat(property.get("description")).as("description of %s", name).asString().isNotBlank();
        });
    }

    @Test
    void theBackendHasValueHints() throws IOException {
        List<String> values = metadata().read("$.hints[?(@.name == 'app.caches.default.backend')].values[*].value");
        assertThat(values).containsExactly("locmem", "dummy", "redis");
    }

    @Test
    void theBackendsValueHintsDescribeEachBackendFromItsProvider() throws IOException {
        List<String> descriptions = metadata()
            .read("$.hints[?(@.name == 'app.caches.default.backend')].values[?(@.value == 'locmem')].description");
        assertThat(descriptions).singleElement().asString().contains(LocMemCacheProvider.class.getName())
            .contains("max-entries");
    }

    private static List<String> serializerHints() throws IOException {
        List<String> values = new ArrayList<>();
        for (DocumentContext metadata : allMetadata()) {
            if (metadata.<Map<String, Object>>read("$").containsKey("hints")) {
                values.addAll(metadata.read(
                        "$.hints[?(@.name == 'app.caches.default.options.serializer')].values[*].value"));
            }
        }
        return values;
    }

    @Test
    void theRedisSerializerHasValueHints() throws IOException {
        assertThat(serializerHints()).containsExactly("jdk", "json");
    }

    /**
     * The one hint that is written by hand, since an option's declaration has no list of values: checked against the
     * backend, which accepts every hinted serializer and refuses any other.
     */
    @Test
    void everyHintedSerializerIsOneThatTheRedisBackendAccepts() throws IOException {
        for (String serializer : serializerHints()) {
            assertThatNoException().isThrownBy(() -> RedisCache.builder().serializer(serializer));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> RedisCache.builder().serializer("xml"));
    }
}
