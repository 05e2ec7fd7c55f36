package dev.locmem.cache.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizers;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CachingConfigurer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCache;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.CacheResolver;
import org.springframework.cache.interceptor.SimpleCacheResolver;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.support.SimpleCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.MapPropertySource;

import dev.locmem.cache.Caches;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.spring.CacheBackendCache;
import dev.locmem.cache.spring.LocMemCacheManager;
import dev.locmem.cache.testsupport.ReachableMapBackend;
import dev.locmem.cache.testsupport.ReachableMapBackendProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocMemCacheAutoConfiguration}: the cache manager, its names and values, back-off, customizers and optional
 * libraries.
 */
class LocMemCacheAutoConfigurationTests {

    /** An application that has not turned caching on. */
    private final ApplicationContextRunner withoutCaching = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class));

    private final ApplicationContextRunner runner = this.withoutCaching
        .withUserConfiguration(EnableCachingConfiguration.class);

    // The cache manager.

    @Test
    void eachAliasIsASpringCacheOfThatName() {
        this.runner.withPropertyValues("app.caches.default.timeout=60", "app.caches.sessions.timeout=10")
            .run((context) -> {
                CacheManager manager = context.getBean("cacheManager", CacheManager.class);
                assertThat(manager.getCacheNames()).containsExactly("default", "sessions");
                assertThat(manager.getCache("sessions").getNativeCache())
                    .isSameAs(context.getBean(Caches.class).get("sessions"));
            });
    }

    @Test
    void aNameWithoutAnAliasGetsTheDefaultsSettingsInAStoreOfItsOwn() {
        this.runner.withPropertyValues("app.caches.default.location=main", "app.caches.default.options.max-entries=7")
            .run((context) -> {
                CacheManager manager = context.getBean(CacheManager.class);
                LocMemCache books = (LocMemCache) manager.getCache("books").getNativeCache();
                assertThat(books.location()).isEqualTo("main#books");
                assertThat(books.maxEntries()).isEqualTo(7);
                assertThat(manager.getCacheNames()).containsExactly("default", "books");
            });
    }

    @Test
    void namesWithoutAnAliasNeverShareEntriesAndClearOnlyThemselves() {
        this.runner.run((context) -> {
            CacheManager manager = context.getBean(CacheManager.class);
            Cache books = manager.getCache("books");
            Cache authors = manager.getCache("authors");
            Cache defaults = manager.getCache("default");
            books.put("k", "book");
            authors.put("k", "author");
            defaults.put("k", "default");
            assertThat(books.get("k", String.class)).isEqualTo("book");
            assertThat(authors.get("k", String.class)).isEqualTo("author");
            books.clear();
            assertThat(books.get("k")).isNull();
            assertThat(authors.get("k", String.class)).isEqualTo("author");
            assertThat(defaults.get("k", String.class)).isEqualTo("default");
        });
    }

    @Test
    void keysThatAreNotEqualNeverShareAnEntryWhateverTheKeyFunction() {
        this.runner
            .withPropertyValues("app.caches.default.key-prefix=p", "app.caches.default.version=7",
                    "app.caches.default.key-function=" + CompactKeyFunction.class.getName())
            .run((context) -> {
                Cache cache = context.getBean(CacheManager.class).getCache("default");
                cache.put(1L, "long");
                cache.put("1", "string");
                cache.put(1, "int");
                cache.put(new SimpleKey(1L), "simple key");
                assertThat(cache.get(1L, String.class)).isEqualTo("long");
                assertThat(cache.get("1", String.class)).isEqualTo("string");
                assertThat(cache.get(1, String.class)).isEqualTo("int");
                assertThat(cache.get(new SimpleKey(1L), String.class)).isEqualTo("simple key");
            });
    }

    @Test
    void nullValuesAreCachedByDefault() {
        this.runner.run((context) -> {
            Cache cache = context.getBean(CacheManager.class).getCache("default");
            cache.put("k", null);
            assertThat(cache.get("k")).isNotNull();
        });
    }

    @Test
    void allowNullValuesFalseRefusesNullsAlsoForNamesWithoutAnAlias() {
        this.runner.withPropertyValues("app.caches.default.allow-null-values=false").run((context) -> {
            CacheBackendCache defaults = (CacheBackendCache) context.getBean(CacheManager.class).getCache("default");
            CacheBackendCache books = (CacheBackendCache) context.getBean(CacheManager.class).getCache("books");
            assertThat(defaults.isAllowNullValues()).isFalse();
            assertThat(books.isAllowNullValues()).isFalse();
        });
    }

    @Test
    void theDummyBackendCachesNothingAndNeverFails() {
        this.runner.withPropertyValues("app.caches.default.backend=dummy").run((context) -> {
            Cache cache = context.getBean(CacheManager.class).getCache("default");
            cache.put("k", "v");
            assertThat(cache.get("k")).isNull();
            assertThat(cache.get("k", () -> "loaded")).isEqualTo("loaded");
            assertThat(cache.putIfAbsent("k", "v")).isNull();
            cache.evict("k");
            cache.clear();
            Cache books = context.getBean(CacheManager.class).getCache("books");
            books.put("k", "v");
            assertThat(books.get("k")).isNull();
        });
    }

    @Test
    void switchingAnAliasWithOptionsToTheDummyBackendNeedsNoOtherChange() {
        this.runner
            .withPropertyValues("app.caches.default.backend=dummy", "app.caches.default.options.max-entries=5",
                    "app.caches.default.options.cull-frequency=0")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                Cache cache = context.getBean(CacheManager.class).getCache("default");
                cache.put("k", "v");
                assertThat(cache.get("k")).isNull();
            });
    }

    @Test
    void aNameWithoutAnAliasOfARemoteDefaultGetsAKeyPrefixOfItsOwn() {
        this.runner
            .withPropertyValues("app.caches.default.backend=" + ReachableMapBackendProvider.class.getName(),
                    "app.caches.default.key-prefix=shop")
            .run((context) -> {
                CacheBackendCache books = (CacheBackendCache) context.getBean(CacheManager.class).getCache("books");
                assertThat(((ReachableMapBackend) books.getNativeCache()).keyPrefix()).isEqualTo("shop#books");
            });
    }

    // Back-off, customizers, @EnableCaching, optional libraries.

    @Test
    void backsOffWhenTheApplicationDefinesACacheManager() {
        this.runner.withBean("myCacheManager", CacheManager.class, ConcurrentMapCacheManager::new).run((context) -> {
            assertThat(context).hasSingleBean(CacheManager.class).doesNotHaveBean(LocMemCacheManager.class);
            assertThat(context).hasSingleBean(Caches.class);
        });
    }

    @Test
    void backsOffWhenSpringCacheTypeChoosesAnotherCacheManager() {
        this.runner.withPropertyValues("spring.cache.type=simple").run((context) -> {
            assertThat(context).doesNotHaveBean(LocMemCacheManager.class);
            assertThat(context).hasSingleBean(ConcurrentMapCacheManager.class);
        });
    }

    @Test
    void withoutEnableCachingCreatesNoCacheManagerButTheCachesBean() {
        this.withoutCaching.run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(CacheManager.class);
            assertThat(context).hasSingleBean(Caches.class);
        });
    }

    @Test
    void backsOffWhenTheApplicationDefinesACacheResolver() {
        this.withoutCaching.withUserConfiguration(CacheResolverConfiguration.class).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(CacheManager.class);
            assertThat(context).hasSingleBean(Caches.class);
        });
    }

    @Test
    void leavesTheApplicationsCacheBeansToSpringBootsGenericCacheManager() {
        this.runner.withUserConfiguration(CacheBeansConfiguration.class).run((context) -> {
            assertThat(context).hasSingleBean(CacheManager.class).doesNotHaveBean(LocMemCacheManager.class);
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(SimpleCacheManager.class);
            assertThat(context.getBean(CacheManager.class).getCache("first")).isSameAs(context.getBean("first"));
            assertThat(context).hasSingleBean(Caches.class);
        });
    }

    @Test
    void springCacheTypeLocmemChoosesTheLocMemCacheManagerDespiteTheApplicationsCacheBeans() {
        this.runner.withUserConfiguration(CacheBeansConfiguration.class)
            .withPropertyValues("spring.cache.type=locmem")
            .run((context) -> {
                assertThat(context).hasSingleBean(CacheManager.class).hasSingleBean(LocMemCacheManager.class);
                assertThat(context.getBean(CacheManager.class).getCache("first"))
                    .isInstanceOf(CacheBackendCache.class);
            });
    }

    /** Caching resolved by the application itself: Spring Boot recognizes it by the bean name cacheResolver. */
    @Configuration(proxyBeanMethods = false)
    @EnableCaching
    static class CacheResolverConfiguration implements CachingConfigurer {

        @Bean
        @Override
        public CacheResolver cacheResolver() {
            return new SimpleCacheResolver(new ConcurrentMapCacheManager("resolved"));
        }
    }

    /** {@code Cache} beans of the application, which Spring Boot's "generic" cache manager serves. */
    @Configuration(proxyBeanMethods = false)
    static class CacheBeansConfiguration {

        @Bean
        Cache first() {
            return new ConcurrentMapCache("first");
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizerConfiguration {

        @Bean
        @Order(2)
        CacheManagerCustomizer<LocMemCacheManager> touchesBooksSecond(Calls calls) {
            return (manager) -> calls.list.add("second:" + manager.getCacheNames());
        }

        @Bean
        @Order(1)
        CacheManagerCustomizer<LocMemCacheManager> createsBooksFirst(Calls calls) {
            return (manager) -> {
                manager.getCache("books");
                calls.list.add("first");
            };
        }

        @Bean
        CacheManagerCustomizer<ConcurrentMapCacheManager> forAnotherManager(Calls calls) {
            return (manager) -> calls.list.add("wrong type");
        }

        @Bean
        Calls calls() {
            return new Calls();
        }
    }

    static class Calls {

        final List<String> list = new java.util.concurrent.CopyOnWriteArrayList<>();
    }

    @Test
    void appliesTheApplicationsCacheManagerCustomizersInOrderAndOfTheirType() {
        this.runner.withUserConfiguration(CustomizerConfiguration.class).run((context) -> {
            assertThat(context.getBean(Calls.class).list).containsExactly("first", "second:[default, books]");
        });
    }

    @Test
    void worksWithEnableCachingAndSpringBootsCacheAutoConfigurationBacksOff() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(CacheManager.class);
            assertThat(context.getBean(CacheManager.class)).isInstanceOf(LocMemCacheManager.class);
            assertThat(context).doesNotHaveBean(CacheManagerCustomizers.class);
        });
    }

    @Test
    void startsAndCachesWithoutMicrometerOrActuator() {
        this.runner.withClassLoader(new FilteredClassLoader("io.micrometer", "org.springframework.boot.actuate"))
            .withConfiguration(AutoConfigurations.of(
                    dev.locmem.cache.autoconfigure.metrics.LocMemCacheMetricsAutoConfiguration.class))
            .run((context) -> {
                assertThat(context).hasNotFailed().hasSingleBean(LocMemCacheManager.class);
                Cache cache = context.getBean(CacheManager.class).getCache("books");
                cache.put("k", "v");
                assertThat(cache.get("k", String.class)).isEqualTo("v");
            });
    }

    @Test
    void propertiesFromASourceWithoutTheAliasPrefixAreNotMistakenForAliases() {
        this.runner
            .withInitializer((context) -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("other", Map.of("app.name", "shop", "app.cachesize", "3"))))
            .run((context) -> assertThat(context.getBean(Caches.class).aliases()).containsExactly("default"));
    }
}
