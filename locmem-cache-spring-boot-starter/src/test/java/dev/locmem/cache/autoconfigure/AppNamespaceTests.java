package dev.locmem.cache.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
