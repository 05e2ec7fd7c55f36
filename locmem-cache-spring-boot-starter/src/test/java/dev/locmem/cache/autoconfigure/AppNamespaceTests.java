package dev.locmem.cache.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.ClassPathResource;

import dev.locmem.cache.Caches;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter binds {@code app.caches} only: the rest of {@code app.*} is the application's. */
class AppNamespaceTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class));

    @Test
    void theStarterDefinesNoPropertiesBeanForApp() {
        this.runner.run((context) -> assertThat(context).doesNotHaveBean(LocMemCacheProperties.class));
    }

    @Test
    void theApplicationsOwnAppPropertiesDoNotFailStartUp() {
        this.runner.withPropertyValues("app.title=Bookshop", "app.feature.x=true", "app.caches.default.timeout=60")
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void theApplicationsOwnAppPropertiesAreNotReportedAsUnknownCacheProperties() {
        this.runner.withPropertyValues("app.title=Bookshop", "app.feature.x=true", "app.caches.default.timout=60")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(context.getStartupFailure()).hasMessageContaining("app.caches.default.timout")
                    .hasMessageNotContaining("app.title").hasMessageNotContaining("app.feature");
            });
    }

    @Test
    void theStarterDescribesNoPropertyOfAppOutsideItsTwoNamespaces() throws IOException {
        try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
            DocumentContext metadata = JsonPath.parse(in);
            List<String> names = metadata.read("$.groups[*].name");
            names.addAll(metadata.read("$.properties[*].name"));
            assertThat(names).filteredOn((name) -> name.startsWith("app")).isNotEmpty()
                .allMatch((name) -> name.equals("app.caches") || name.startsWith("app.caches.")
                        || name.equals("app.cache-middleware") || name.startsWith("app.cache-middleware."));
        }
        assertThat(AnnotatedElementUtils.findMergedAnnotation(LocMemCacheProperties.class,
                ConfigurationProperties.class).prefix()).isEqualTo("app.caches");
    }

    @Test
    void otherAppPropertiesAreLeftToTheApplication() {
        // The application's own app.* (bound by its own @ConfigurationProperties, not declared here: a test class so
        // annotated would have the configuration processor write test metadata over the starter's).
        this.runner.withPropertyValues("app.name=bookshop", "app.caches.default.timeout=60")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(((LocMemCache) context.getBean(Caches.class).get("default")).defaultTimeout())
                    .isEqualTo(Timeout.ofSeconds(60));
                assertThat(context.getBeanNamesForType(LocMemCacheProperties.class)).isEmpty();
            });
    }
}
