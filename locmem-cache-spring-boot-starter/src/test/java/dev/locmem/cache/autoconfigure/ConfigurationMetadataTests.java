package dev.locmem.cache.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE metadata that the build generates from {@link LocMemCacheProperties} and the additional file. */
class ConfigurationMetadataTests {

    private static DocumentContext metadata() throws IOException {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            return JsonPath.parse(in);
        }
    }

    @Test
    void theAliasesMapIsDescribedFromItsJavadoc() throws IOException {
        List<String> descriptions = metadata().read("$.properties[?(@.name == 'app.caches')].description");
        assertThat(descriptions).singleElement().asString().contains("Django's CACHES");
    }

    @Test
    void theDefaultAliasesPropertiesHaveDjangosDefaults() throws IOException {
        DocumentContext metadata = metadata();
        assertThat(metadata.<List<Object>>read("$.properties[?(@.name == 'app.caches.default.timeout')].defaultValue"))
            .containsExactly("300");
        assertThat(metadata.<List<Object>>read(
                "$.properties[?(@.name == 'app.caches.default.options.max-entries')].defaultValue"))
            .containsExactly(300);
        assertThat(metadata.<List<Object>>read(
                "$.properties[?(@.name == 'app.caches.default.options.cull-frequency')].defaultValue"))
            .containsExactly(3);
    }

    @Test
    void theBackendHasValueHints() throws IOException {
        List<String> values = metadata().read("$.hints[?(@.name == 'app.caches.default.backend')].values[*].value");
        assertThat(values).containsExactly("locmem", "dummy", "redis");
    }
}
