package dev.locmem.cache.autoconfigure.endpoint;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpoint;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpointWebExtension;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CachesEndpointAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import dev.locmem.cache.actuate.endpoint.LocMemCachesEndpoint;
import dev.locmem.cache.actuate.endpoint.LocMemCachesEndpointWebExtension;
import dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocMemCachesEndpointAutoConfiguration}: the {@code caches} endpoint and its web extension are the ones whose
 * clears report a backend that cannot be reached, unless the application has its own.
 */
class LocMemCachesEndpointAutoConfigurationTests {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class,
                LocMemCachesEndpointAutoConfiguration.class, CachesEndpointAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=caches");

    @Test
    void theCachesEndpointAndItsWebExtensionAreLocMems() {
        this.runner.run((context) -> {
            assertThat(context).getBean(CachesEndpoint.class).isInstanceOf(LocMemCachesEndpoint.class);
            assertThat(context).getBean(CachesEndpointWebExtension.class)
                .isInstanceOf(LocMemCachesEndpointWebExtension.class);
        });
    }

    @Test
    void anEndpointOfTheApplicationsIsKept() {
        this.runner.withBean("myCachesEndpoint", CachesEndpoint.class, () -> new CachesEndpoint(Map.of()))
            .run((context) -> {
                assertThat(context).getBean(CachesEndpoint.class).isNotInstanceOf(LocMemCachesEndpoint.class);
                assertThat(context).hasSingleBean(CachesEndpointWebExtension.class);
            });
    }

    @Test
    void anEndpointThatIsNotExposedIsNotCreated() {
        this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
            .run((context) -> assertThat(context).doesNotHaveBean(CachesEndpoint.class));
    }
}
