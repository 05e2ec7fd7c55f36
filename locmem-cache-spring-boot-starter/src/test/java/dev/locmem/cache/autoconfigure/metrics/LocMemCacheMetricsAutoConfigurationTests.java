package dev.locmem.cache.autoconfigure.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;

import dev.locmem.cache.autoconfigure.EnableCachingConfiguration;
import dev.locmem.cache.autoconfigure.LocMemCacheAutoConfiguration;
import dev.locmem.cache.metrics.CacheBackendCacheMeterBinderProvider;
import dev.locmem.cache.metrics.CacheUnavailableMetrics;
import dev.locmem.cache.spring.CacheBackendCache;
import dev.locmem.cache.testsupport.ReachableMapBackend;
import dev.locmem.cache.testsupport.ReachableMapBackendProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LocMemCacheMetricsAutoConfiguration}: every cache has Spring Boot's cache meters, however late it came. */
class LocMemCacheMetricsAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class,
                LocMemCacheMetricsAutoConfiguration.class, CacheMetricsAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class)
        .withUserConfiguration(EnableCachingConfiguration.class);

    private static double gets(MeterRegistry registry, String cache, String result) {
        return registry.get("cache.gets").tag("cache", cache).tag("cache.manager", "cacheManager")
            .tag("result", result).functionCounter().count();
    }

    @Test
    void theCachesOfTheAliasesAreMeteredFromStartUp() {
        this.runner.withPropertyValues("app.caches.sessions.timeout=60", "app.caches.default.timeout=60")
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                Cache sessions = context.getBean(CacheManager.class).getCache("sessions");
                sessions.put("k", "v");
                sessions.get("k");
                sessions.get("missing");
                assertThat(gets(registry, "sessions", "hit")).isEqualTo(1);
                assertThat(gets(registry, "sessions", "miss")).isEqualTo(1);
                assertThat(registry.get("cache.puts").tag("cache", "sessions").functionCounter().count()).isEqualTo(1);
                assertThat(registry.get("cache.size").tag("cache", "sessions").gauge().value()).isEqualTo(1);
                assertThat(registry.find("cache.gets").tag("cache", "default").functionCounters()).hasSize(2);
            });
    }

    @Test
    void aCacheCreatedAfterStartUpIsMetered() {
        this.runner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("cache.gets").tag("cache", "books").functionCounters()).isEmpty();
            Cache books = context.getBean(CacheManager.class).getCache("books");
            books.get("missing");
            books.put("k", "v");
            books.get("k");
            assertThat(gets(registry, "books", "hit")).isEqualTo(1);
            assertThat(gets(registry, "books", "miss")).isEqualTo(1);
        });
    }

    /** Counts the caches it is asked to meter. */
    static class CountingMeterBinderProvider extends CacheBackendCacheMeterBinderProvider {

        final Map<String, AtomicInteger> bindings = new ConcurrentHashMap<>();

        @Override
        public MeterBinder getMeterBinder(CacheBackendCache cache, Iterable<Tag> tags) {
            this.bindings.computeIfAbsent(cache.getName(), (name) -> new AtomicInteger()).incrementAndGet();
            return super.getMeterBinder(cache, tags);
        }
    }

    @Test
    void eachCacheIsMeteredOnce() {
        this.runner.withBean(CountingMeterBinderProvider.class).run((context) -> {
            CacheManager manager = context.getBean(CacheManager.class);
            manager.getCache("books");
            manager.getCache("books");
            manager.getCache("default");
            Map<String, AtomicInteger> bindings = context.getBean(CountingMeterBinderProvider.class).bindings;
            assertThat(bindings).containsOnlyKeys("default", "books");
            assertThat(bindings.get("default")).hasValue(1);
            assertThat(bindings.get("books")).hasValue(1);
        });
    }

    @Test
    void operationsThatFailedOpenAreCounted() {
        ReachableMapBackendProvider.CREATED.clear();
        this.runner.withPropertyValues("app.caches.default.backend=" + ReachableMapBackendProvider.class.getName())
            .run((context) -> {
                Cache cache = context.getBean(CacheManager.class).getCache("default");
                ReachableMapBackendProvider.CREATED.forEach((backend) -> backend.setReachable(false));
                cache.get("k");
                cache.put("k", "v");
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                assertThat(unavailable(registry, "default", "get").count()).isEqualTo(1);
                assertThat(unavailable(registry, "default", "put").count()).isEqualTo(1);
                ReachableMapBackendProvider.CREATED.forEach((backend) -> backend.setReachable(true));
            });
    }

    private static Counter unavailable(MeterRegistry registry, String cache, String operation) {
        return registry.get("cache.unavailable").tag("cache", cache).tag("name", cache)
            .tag("cache.manager", "cacheManager").tag("operation", operation).counter();
    }

    @Test
    void cacheUnavailableExistsAtZeroWithTheCachesTagsFromStartUp() {
        this.runner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            for (String operation : CacheUnavailableMetrics.OPERATIONS) {
                assertThat(unavailable(registry, "default", operation).count()).isZero();
            }
        });
    }

    @Test
    void cacheUnavailableOfANameWithoutAnAliasExistsAtZeroFromItsFirstUse() {
        this.runner.run((context) -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("cache.unavailable").tag("cache", "books").counters()).isEmpty();
            context.getBean(CacheManager.class).getCache("books");
            assertThat(unavailable(registry, "books", "get").count()).isZero();
        });
    }

    @Test
    void everyOperationThatFailsOpenCountsOnACounterThatExistedBefore() {
        ReachableMapBackendProvider.CREATED.clear();
        this.runner.withPropertyValues("app.caches.default.backend=" + ReachableMapBackendProvider.class.getName())
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                Cache cache = context.getBean(CacheManager.class).getCache("default");
                assertThat(registry.get("cache.unavailable").tag("cache", "default").counters())
                    .hasSize(CacheUnavailableMetrics.OPERATIONS.size());
                ReachableMapBackendProvider.CREATED.forEach((backend) -> backend.setReachable(false));
                cache.get("k");
                cache.put("k", "v");
                cache.putIfAbsent("k", "v");
                cache.evict("k");
                cache.clear();
                ReachableMapBackendProvider.CREATED.forEach((backend) -> backend.setReachable(true));
                assertThat(registry.get("cache.unavailable").tag("cache", "default").counters())
                    .hasSize(CacheUnavailableMetrics.OPERATIONS.size())
                    .allSatisfy((counter) -> assertThat(counter.count()).isEqualTo(1));
            });
    }

    @Test
    void aRemoteCacheIsMeteredWithoutSizeOrEvictions() {
        this.runner.withPropertyValues("app.caches.default.backend=" + ReachableMapBackendProvider.class.getName())
            .run((context) -> {
                MeterRegistry registry = context.getBean(MeterRegistry.class);
                context.getBean(CacheManager.class).getCache("default").get("k");
                assertThat(gets(registry, "default", "miss")).isEqualTo(1);
                assertThat(registry.find("cache.size").tag("cache", "default").gauge()).isNull();
                assertThat(((CacheBackendCache) context.getBean(CacheManager.class).getCache("default"))
                    .getNativeCache()).isInstanceOf(ReachableMapBackend.class);
            });
    }

    @Test
    void backsOffWithoutMicrometer() {
        this.runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(CacheBackendCacheMeterBinderProvider.class);
            assertThat(context).hasSingleBean(CacheManager.class);
        });
    }

    @Test
    void theCacheManagerTagFollowsSpringBootsRule() {
        assertThat(LocMemCacheMetricsBinder.cacheManagerName("cacheManager")).isEqualTo("cacheManager");
        assertThat(LocMemCacheMetricsBinder.cacheManagerName("booksCacheManager")).isEqualTo("books");
        assertThat(LocMemCacheMetricsBinder.cacheManagerName("other")).isEqualTo("other");
    }
}
