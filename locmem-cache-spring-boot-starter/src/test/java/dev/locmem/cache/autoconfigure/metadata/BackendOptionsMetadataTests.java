package dev.locmem.cache.autoconfigure.metadata;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.configurationprocessor.metadata.ConfigurationMetadata;
import org.springframework.boot.configurationprocessor.metadata.ItemHint;
import org.springframework.boot.configurationprocessor.metadata.ItemMetadata;

import dev.locmem.cache.provider.LocMemCacheProvider;
import dev.locmem.cache.testsupport.MapBackendProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** What the build adds to the processor's metadata, from whatever providers it is given. */
class BackendOptionsMetadataTests {

    private static ConfigurationMetadata processorsMetadata() {
        ConfigurationMetadata metadata = new ConfigurationMetadata();
        metadata.add(ItemMetadata.newProperty("app.caches.default", "backend", String.class.getName(), null, null,
                "Backend.", "map", null));
        return metadata;
    }

    private static ItemMetadata item(ConfigurationMetadata metadata, String name) {
        return metadata.getItems().stream().filter((item) -> item.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aThirdPartyBackendsOptionIsDescribedFromItsDeclaration() {
        ConfigurationMetadata described = BackendOptionsMetadata.withBackends(processorsMetadata(),
                List.of(new MapBackendProvider()));
        ItemMetadata shards = item(described, "app.caches.default.options.shards");
        assertThat(shards.getType()).isEqualTo(Integer.class.getName());
        assertThat(shards.getDefaultValue()).isEqualTo(1);
        assertThat(shards.getDescription()).isEqualTo("Backend map: How many shards the map keeps; 1 or more.");
        assertThat(shards.getSourceType()).isEqualTo(MapBackendProvider.class.getName());
    }

    @Test
    void anOptionOfSeveralBackendsIsDescribedOnceWithTheDefaultBackendsDeclarationFirst() {
        ConfigurationMetadata described = BackendOptionsMetadata.withBackends(processorsMetadata(),
                List.of(new LocMemCacheProvider(), new MapBackendProvider()));
        assertThat(described.getItems()).filteredOn((item) -> item.getName().endsWith(".max-entries")).hasSize(1);
        assertThat(item(described, "app.caches.default.options.shards").getDescription()).startsWith("Backend map:");
    }

    @Test
    void theBackendsNamesAreTheValuesOfBackendWithTheDefaultFirst() {
        ConfigurationMetadata described = BackendOptionsMetadata.withBackends(processorsMetadata(),
                List.of(new LocMemCacheProvider(), new MapBackendProvider()));
        ItemHint backend = described.getHints().stream()
            .filter((hint) -> hint.getName().equals("app.caches.default.backend")).findFirst().orElseThrow();
        assertThat(backend.getValues()).extracting(ItemHint.ValueHint::getValue).containsExactly("map", "locmem");
    }

    @Test
    void runOverItsOwnOutputItDescribesEachOptionOnce() {
        List<MapBackendProvider> providers = List.of(new MapBackendProvider());
        ConfigurationMetadata once = BackendOptionsMetadata.withBackends(processorsMetadata(), providers);
        ConfigurationMetadata twice = BackendOptionsMetadata.withBackends(once, providers);
        assertThat(twice.getItems()).filteredOn((item) -> item.getName().endsWith(".shards")).hasSize(1);
        assertThat(twice.getHints()).filteredOn((hint) -> hint.getName().endsWith(".backend")).hasSize(1);
    }

    @Test
    void theProcessorsPropertiesAndHintsAreKept() {
        ConfigurationMetadata metadata = processorsMetadata();
        metadata.add(ItemHint.newHint("app.caches.default.timeout", new ItemHint.ValueHint("300", "Five minutes.")));
        ConfigurationMetadata described = BackendOptionsMetadata.withBackends(metadata, List.of());
        assertThat(item(described, "app.caches.default.backend").getDescription()).isEqualTo("Backend.");
        assertThat(described.getHints()).extracting(ItemHint::getName).contains("app.caches.default.timeout");
    }
}
