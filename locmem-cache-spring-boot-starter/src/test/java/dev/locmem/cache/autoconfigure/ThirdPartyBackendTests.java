package dev.locmem.cache.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.actuate.endpoint.CachesEndpoint;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CachesEndpointAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import dev.locmem.cache.Caches;
import dev.locmem.cache.autoconfigure.endpoint.LocMemCachesEndpointAutoConfiguration;
import dev.locmem.cache.autoconfigure.metrics.LocMemCacheMetricsAutoConfiguration;
import dev.locmem.cache.testsupport.MapBackend;
import dev.locmem.cache.testsupport.MapBackendProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backend that is not in this repository's main code ({@link MapBackendProvider}, backend {@code map}, with an
 * option of its own) gets what locmem and redis get, through {@code app.caches.x.backend: map} alone.
 */
class ThirdPartyBackendTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class,
                LocMemCacheMetricsAutoConfiguration.class, CacheMetricsAutoConfiguration.class,
                LocMemCachesEndpointAutoConfiguration.class, CachesEndpointAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class)
        .withBean(MapBackendProvider.class)
        .withUserConfiguration(EnableCachingConfiguration.class)
        .withPropertyValues("management.endpoints.web.exposure.include=caches", "app.caches.default.timeout=60",
                "app.caches.x.backend=map");

    private static FailureAnalysis analyze(Throwable failure) {
        FailureAnalysis analysis = new InvalidCachePropertyFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("an InvalidCachePropertyException caused the failure").isNotNull();
        return analysis;
    }

    @Test
    void itsNameSelectsIt() {
        this.runner.run((context) -> assertThat(context.getBean(Caches.class).get("x")).isInstanceOf(MapBackend.class));
    }

    @Test
    void itsOwnOptionBinds() {
        this.runner.withPropertyValues("app.caches.x.options.shards=4")
            .run((context) -> assertThat(((MapBackend) context.getBean(Caches.class).get("x")).shards()).isEqualTo(4));
    }

    @Test
    void aBadValueOfItsOptionFailsStartUpNamingTheOption() {
        this.runner.withPropertyValues("app.caches.x.options.shards=0").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Property: app.caches.x.options.shards")
                .contains("Value: \"0\"").contains("shards must be 1 or more")
                .contains("Accepted: a whole number of 1 or more");
            assertThat(analysis.getAction()).contains("app.caches.x.options.shards");
        });
    }

    @Test
    void anOptionItDoesNotDeclareFailsStartUpNamingTheOption() {
        this.runner.withPropertyValues("app.caches.x.options.colour=blue").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("Property: app.caches.x.options.colour")
                .contains("Value: \"blue\"").contains("Unknown option 'colour' for the map backend")
                .contains("shards");
        });
    }

    @Test
    void cacheGetsMetricsAreItsOwnCounts() {
        this.runner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            Cache x = context.getBean(CacheManager.class).getCache("x");
            x.put("k", "v");
            x.get("k");
            x.get("missing");
            assertThat(registry.get("cache.gets").tag("cache", "x").tag("result", "hit").functionCounter().count())
                .isEqualTo(1);
            assertThat(registry.get("cache.gets").tag("cache", "x").tag("result", "miss").functionCounter().count())
                .isEqualTo(1);
            assertThat(registry.get("cache.puts").tag("cache", "x").functionCounter().count()).isEqualTo(1);
            assertThat(registry.get("cache.size").tag("cache", "x").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    void theCachesEndpointListsItsCache() {
        this.runner.run((context) -> {
            context.getBean(CacheManager.class).getCache("x");
            assertThat(context.getBean(CachesEndpoint.class).caches().getCacheManagers().get("cacheManager")
                .getCaches().get("x").getTarget()).isEqualTo(MapBackend.class.getName());
        });
    }

    @Test
    void theCachesEndpointClearsItsCache() {
        this.runner.run((context) -> {
            Cache x = context.getBean(CacheManager.class).getCache("x");
            x.put("k", "v");
            assertThat(context.getBean(CachesEndpoint.class).clearCache("x", null)).isTrue();
            assertThat(x.get("k")).isNull();
        });
    }

    @Test
    void aNameWithoutAnAliasIsNamespacedAsItsProviderSays() {
        this.runner.withPropertyValues("app.caches.default.backend=map", "app.caches.default.key-prefix=shop")
            .run((context) -> assertThat(((MapBackend) context.getBean(CacheManager.class).getCache("books")
                .getNativeCache()).keyPrefix()).isEqualTo("shop#books"));
    }
}
