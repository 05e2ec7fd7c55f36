package dev.locmem.cache.autoconfigure;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Caches;
import dev.locmem.cache.DummyCache;
import dev.locmem.cache.KeyFunction;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.Timeout;
import dev.locmem.cache.spring.LocMemCacheManager;
import dev.locmem.cache.testsupport.ReachableMapBackend;
import dev.locmem.cache.testsupport.ReachableMapBackendProvider;
import dev.locmem.cache.testsupport.YamlProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code app.caches} binds: Django's defaults, Django's spellings, timeouts, stores and key functions. */
class LocMemCachePropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class))
        .withUserConfiguration(EnableCachingConfiguration.class);

    private static CacheSettings settings(AssertableApplicationContext context, String alias) {
        return context.getBean(CacheAliasSettings.class).settings().get(alias);
    }

    private static LocMemCache locMem(AssertableApplicationContext context, String alias) {
        return (LocMemCache) context.getBean(Caches.class).get(alias);
    }

    private ApplicationContextRunner withYaml(String yaml) {
        return this.runner.withInitializer(YamlProperties.of(yaml));
    }

    private ApplicationContextRunner withEnvironmentVariables(Map<String, Object> variables) {
        return this.runner.withInitializer((context) -> context.getEnvironment().getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource("systemEnvironment", variables)));
    }

    // Defaults and binding.

    @Test
    void withoutAnyAliasADefaultAliasWithDjangosDefaultsExists() {
        this.runner.run((context) -> {
            assertThat(context).hasSingleBean(Caches.class).hasSingleBean(LocMemCacheManager.class);
            Caches caches = context.getBean(Caches.class);
            assertThat(caches.aliases()).containsExactly("default");
            LocMemCache cache = locMem(context, "default");
            assertThat(cache.location()).isEmpty();
            assertThat(cache.defaultTimeout()).isEqualTo(Timeout.ofSeconds(300));
            assertThat(cache.maxEntries()).isEqualTo(300);
            assertThat(cache.cullFrequency()).isEqualTo(3);
            assertThat(cache.keyPrefix()).isEmpty();
            assertThat(cache.version()).isEqualTo(1);
            assertThat(cache.isStoreByValue()).isFalse();
        });
    }

    @Test
    void everyPropertyOfAnAliasBinds() {
        this.runner
            .withPropertyValues("app.caches.default.location=main", "app.caches.default.timeout=60",
                    "app.caches.default.key-prefix=shop", "app.caches.default.version=3",
                    "app.caches.default.options.max-entries=10", "app.caches.default.options.cull-frequency=0",
                    "app.caches.default.options.store-by-value=true")
            .run((context) -> {
                LocMemCache cache = locMem(context, "default");
                assertThat(cache.location()).isEqualTo("main");
                assertThat(cache.defaultTimeout()).isEqualTo(Timeout.ofSeconds(60));
                assertThat(cache.keyPrefix()).isEqualTo("shop");
                assertThat(cache.version()).isEqualTo(3);
                assertThat(cache.maxEntries()).isEqualTo(10);
                assertThat(cache.cullFrequency()).isZero();
                assertThat(cache.isStoreByValue()).isTrue();
            });
    }

    @Test
    void djangosSpellingsBindToTheSameProperties() {
        withYaml("""
                app:
                  caches:
                    default:
                      BACKEND: locmem
                      LOCATION: main
                      TIMEOUT: 60
                      KEY_PREFIX: shop
                      VERSION: 2
                      OPTIONS:
                        MAX_ENTRIES: 10
                        CULL_FREQUENCY: 4
                """).run((context) -> {
            assertThat(context).hasNotFailed();
            LocMemCache cache = locMem(context, "default");
            assertThat(cache.location()).isEqualTo("main");
            assertThat(cache.defaultTimeout()).isEqualTo(Timeout.ofSeconds(60));
            assertThat(cache.keyPrefix()).isEqualTo("shop");
            assertThat(cache.version()).isEqualTo(2);
            assertThat(cache.maxEntries()).isEqualTo(10);
            assertThat(cache.cullFrequency()).isEqualTo(4);
        });
    }

    @Test
    void anOptionTakesSpringsSpellingsOfItsDeclaredType() {
        this.runner.withPropertyValues("app.caches.default.options.store-by-value=yes",
                "app.caches.default.options.max-entries=0x10")
            .run((context) -> {
                assertThat(locMem(context, "default").isStoreByValue()).isTrue();
                assertThat(locMem(context, "default").maxEntries()).isEqualTo(16);
            });
    }

    @Test
    void djangosBackendPathsNameTheSameBackends() {
        this.runner
            .withPropertyValues("app.caches.default.backend=django.core.cache.backends.locmem.LocMemCache",
                    "app.caches.off.backend=django.core.cache.backends.dummy.DummyCache")
            .run((context) -> {
                assertThat(context.getBean(Caches.class).get("default")).isInstanceOf(LocMemCache.class);
                assertThat(context.getBean(Caches.class).get("off")).isInstanceOf(DummyCache.class);
            });
    }

    @Test
    void environmentVariablesBind() {
        withEnvironmentVariables(Map.of("APP_CACHES_DEFAULT_TIMEOUT", "42", "APP_CACHES_DEFAULT_OPTIONS_MAXENTRIES", "9",
                "APP_CACHES_DEFAULT_KEYPREFIX", "env"))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                LocMemCache cache = locMem(context, "default");
                assertThat(cache.defaultTimeout()).isEqualTo(Timeout.ofSeconds(42));
                assertThat(cache.maxEntries()).isEqualTo(9);
                assertThat(cache.keyPrefix()).isEqualTo("env");
            });
    }

    @Test
    void environmentVariablesWithUnderscoresBetweenWordsBind() {
        withEnvironmentVariables(Map.of("APP_CACHES_DEFAULT_KEY_PREFIX", "env",
                "APP_CACHES_DEFAULT_OPTIONS_MAX_ENTRIES", "9", "APP_CACHES_DEFAULT_ALLOW_NULL_VALUES", "false"))
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(locMem(context, "default").keyPrefix()).isEqualTo("env");
                assertThat(locMem(context, "default").maxEntries()).isEqualTo(9);
                assertThat(context.getBean(CacheAliasSettings.class).allowNullValues()).containsEntry("default", false);
            });
    }

    @Test
    void aliasesWithTheSameLocationShareAStore() {
        this.runner.withPropertyValues("app.caches.default.location=shared", "app.caches.other.location=shared")
            .run((context) -> {
                Caches caches = context.getBean(Caches.class);
                caches.get("default").set("k", "v");
                assertThat(caches.get("other").get("k")).isEqualTo("v");
            });
    }

    @Test
    void twoApplicationsInOneJvmNeverShareAStore() {
        this.runner.run((first) -> this.runner.run((second) -> {
            first.getBean(Caches.class).get("default").set("k", "first");
            assertThat(second.getBean(Caches.class).get("default").get("k")).isNull();
        }));
    }

    @Test
    void theCachesBeanServesTheLowLevelApi() {
        this.runner.run((context) -> {
            CacheBackend cache = context.getBean(Caches.class).get("default");
            cache.set("visits", 1);
            assertThat(cache.incr("visits")).isEqualTo(2);
        });
    }

    // Timeouts.

    @Test
    void aTimeoutOfNoneNeverExpires() {
        this.runner.withPropertyValues("app.caches.default.timeout=none")
            .run((context) -> assertThat(settings(context, "default").timeout()).isEqualTo(Timeout.NEVER));
    }

    @Test
    void anEmptyTimeoutNeverExpiresRatherThanBecomingTheDefault() {
        this.runner.withPropertyValues("app.caches.default.timeout=")
            .run((context) -> assertThat(settings(context, "default").timeout()).isEqualTo(Timeout.NEVER));
    }

    @Test
    void aNullTimeoutInYamlNeverExpires() {
        withYaml("""
                app:
                  caches:
                    default:
                      timeout:
                    other:
                      timeout: ~
                    third:
                      TIMEOUT: None
                """).run((context) -> {
            assertThat(settings(context, "default").timeout()).isEqualTo(Timeout.NEVER);
            assertThat(settings(context, "other").timeout()).isEqualTo(Timeout.NEVER);
            assertThat(settings(context, "third").timeout()).isEqualTo(Timeout.NEVER);
        });
    }

    @Test
    void aTimeoutAcceptsDurations() {
        this.runner
            .withPropertyValues("app.caches.default.timeout=10m", "app.caches.hour.timeout=1h",
                    "app.caches.iso.timeout=PT30S", "app.caches.half.timeout=0.5")
            .run((context) -> {
                assertThat(settings(context, "default").timeout()).isEqualTo(Timeout.ofSeconds(600));
                assertThat(settings(context, "hour").timeout()).isEqualTo(Timeout.ofSeconds(3600));
                assertThat(settings(context, "iso").timeout()).isEqualTo(Timeout.ofSeconds(30));
                assertThat(settings(context, "half").timeout())
                    .isEqualTo(Timeout.of(java.time.Duration.ofMillis(500)));
            });
    }

    @Test
    void aZeroOrNegativeTimeoutCachesNothing() {
        this.runner.withPropertyValues("app.caches.default.timeout=0", "app.caches.negative.timeout=-5")
            .run((context) -> {
                assertThat(settings(context, "default").timeout().isExpired()).isTrue();
                assertThat(settings(context, "negative").timeout().isExpired()).isTrue();
                Cache cache = context.getBean(CacheManager.class).getCache("default");
                cache.put("k", "v");
                assertThat(cache.get("k")).isNull();
                assertThat(cache.get("k", () -> "loaded")).isEqualTo("loaded");
                Cache books = context.getBean(CacheManager.class).getCache("books");
                books.put("k", "v");
                assertThat(books.get("k")).as("names without an alias take the default's timeout").isNull();
            });
    }

    // Backends.

    @Test
    void aThirdPartyBackendIsGivenTheOptionsOnlyItKnows() {
        this.runner
            .withPropertyValues("app.caches.default.backend=" + ReachableMapBackendProvider.class.getName(),
                    "app.caches.default.options.server=localhost")
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(settings(context, "default").options()).containsOnly(Map.entry("server", "localhost"));
            });
    }

    @Test
    void aBackendProviderBeanServesItsNameForAliasesAndForNamesWithoutAnAlias() {
        this.runner.withBean(ReachableMapBackendProvider.class)
            .withPropertyValues("app.caches.default.backend=reachable-map")
            .run((context) -> {
                assertThat(context.getBean(Caches.class).get("default")).isInstanceOf(ReachableMapBackend.class);
                assertThat(context.getBean(CacheManager.class).getCache("books").getNativeCache())
                    .isInstanceOf(ReachableMapBackend.class);
            });
    }

    // Key functions.

    @Test
    void aKeyFunctionClassIsCreated() {
        this.runner.withPropertyValues("app.caches.default.key-function=" + CompactKeyFunction.class.getName())
            .run((context) -> assertThat(context.getBean(Caches.class).get("default").makeKey("k")).isEqualTo("1/k"));
    }

    @Test
    void aKeyFunctionBeanIsUsed() {
        this.runner.withBean("upper", KeyFunction.class, () -> (key, prefix, version) -> "K:" + key)
            .withPropertyValues("app.caches.default.key-function=upper")
            .run((context) -> assertThat(context.getBean(Caches.class).get("default").makeKey("k")).isEqualTo("K:k"));
    }
}
