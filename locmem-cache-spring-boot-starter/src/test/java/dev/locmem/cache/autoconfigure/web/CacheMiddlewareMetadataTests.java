package dev.locmem.cache.autoconfigure.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/** The IDE metadata of {@code app.cache-middleware}, which the configuration processor writes from the Javadoc. */
class CacheMiddlewareMetadataTests {

    private static DocumentContext metadata() throws IOException {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            return JsonPath.parse(in);
        }
    }

    @ParameterizedTest
    @CsvSource({ "enabled,java.lang.Boolean,UpdateCacheMiddleware", "alias,java.lang.String,CACHE_MIDDLEWARE_ALIAS",
            "seconds,java.lang.Long,CACHE_MIDDLEWARE_SECONDS", "key-prefix,java.lang.String,CACHE_MIDDLEWARE_KEY_PREFIX" })
    void eachPropertyIsDescribedWithItsType(String name, String type, String described) throws IOException {
        String property = "app.cache-middleware." + name;
        List<String> types = metadata().read("$.properties[?(@.name == '" + property + "')].type");
        List<String> descriptions = metadata().read("$.properties[?(@.name == '" + property + "')].description");
        assertThat(types).containsExactly(type);
        assertThat(descriptions).singleElement().asString().contains(described);
    }
}
