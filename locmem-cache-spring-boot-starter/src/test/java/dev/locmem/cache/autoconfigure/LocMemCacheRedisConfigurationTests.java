package dev.locmem.cache.autoconfigure;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Caches;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.redis.RedisCache;
import dev.locmem.cache.testsupport.ClassLoaderWithoutRedisModule;
import dev.locmem.cache.testsupport.ReachableMapBackend;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link LocMemCacheRedisConfiguration}: backend {@code redis} gets the application's connection factory when it has
 * one, connects by itself otherwise, and the starter works without locmem-cache-redis or Spring Data Redis.
 *
 * <p>No Redis server is needed: connecting is lazy, and these tests only look at where each cache would connect
 * ({@link RedisCache#location()}), using ports on which no server is expected.
 */
class LocMemCacheRedisConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class, CacheAutoConfiguration.class))
        .withUserConfiguration(EnableCachingConfiguration.class);

    /** An application's own connection factory, to a server that need not exist (connecting is lazy). */
    @Configuration(proxyBeanMethods = false)
    static class ApplicationConnection {

        @Bean
        LettuceConnectionFactory redisConnectionFactory() {
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration("app-redis.invalid", 6391));
        }
    }

    /** Two factories: the backend cannot tell which one is meant. */
    @Configuration(proxyBeanMethods = false)
    static class TwoConnections {

        @Bean
        LettuceConnectionFactory sessionsConnectionFactory() {
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration("sessions.invalid", 6392));
        }

        @Bean
        LettuceConnectionFactory queueConnectionFactory() {
            return new LettuceConnectionFactory(new RedisStandaloneConfiguration("queue.invalid", 6393));
        }
    }

    /** The application's own {@code redis} provider. */
    @Configuration(proxyBeanMethods = false)
    static class ApplicationRedisProvider {

        @Bean
        CacheBackendProvider myRedisProvider() {
            return new CacheBackendProvider() {

                @Override
                public String name() {
                    return "redis";
                }

                @Override
                public CacheBackend create(CacheSettings settings) {
                    return new ReachableMapBackend(settings);
                }
            };
        }
    }

    private static RedisCache defaultCache(org.springframework.context.ApplicationContext context) {
        return (RedisCache) context.getBean(Caches.class).get("default");
    }

    @Test
    void withTheRedisModuleBackendRedisIsProvidedByABean() {
        this.runner.run((context) -> {
            assertThat(context).hasBean(LocMemCacheRedisConfiguration.PROVIDER_BEAN_NAME);
            assertThat(context.getBean(LocMemCacheRedisConfiguration.PROVIDER_BEAN_NAME, CacheBackendProvider.class)
                .name()).isEqualTo("redis");
        });
    }

    @Test
    void anAliasWithoutALocationUsesTheApplicationsConnectionFactory() {
        this.runner.withUserConfiguration(ApplicationConnection.class)
            .withPropertyValues("app.caches.default.backend=redis")
            .run((context) -> assertThat(defaultCache(context).location())
                .isEqualTo("Redis at app-redis.invalid:6391/0"));
    }

    @Test
    void anAliasWithALocationConnectsToItByItself() {
        this.runner.withUserConfiguration(ApplicationConnection.class)
            .withPropertyValues("app.caches.default.backend=redis",
                    "app.caches.default.location=redis://own-redis.invalid:6394/2")
            .run((context) -> assertThat(defaultCache(context).location())
                .isEqualTo("Redis at own-redis.invalid:6394/2"));
    }

    @Test
    void withoutAnApplicationConnectionFactoryTheBackendConnectsToLocalhostByItself() {
        this.runner.withPropertyValues("app.caches.default.backend=redis")
            .run((context) -> assertThat(defaultCache(context).location()).isEqualTo("Redis at localhost:6379/0"));
    }

    @Test
    void withSeveralConnectionFactoriesTheBackendConnectsByItself() {
        this.runner.withUserConfiguration(TwoConnections.class)
            .withPropertyValues("app.caches.default.backend=redis")
            .run((context) -> assertThat(defaultCache(context).location()).isEqualTo("Redis at localhost:6379/0"));
    }

    @Test
    void anApplicationProviderNamedRedisTakesPrecedence() {
        this.runner.withUserConfiguration(ApplicationRedisProvider.class)
            .withPropertyValues("app.caches.default.backend=redis")
            .run((context) -> assertThat(context.getBean(Caches.class).get("default"))
                .isInstanceOf(ReachableMapBackend.class));
    }

    @Test
    void anOptionTheRedisBackendRefusesFailsStartUpNamingTheOption() {
        this.runner.withPropertyValues("app.caches.default.backend=redis", "app.caches.default.options.colour=blue")
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("Property: app.caches.default.options.colour")
                    .contains("Value: \"blue\"").contains("Unknown option 'colour' for the redis backend")
                    .contains("serializer");
                assertThat(analysis.getAction()).contains("app.caches.default.options.colour");
            });
    }

    @Test
    void anOptionValueTheRedisBackendRefusesFailsStartUpNamingTheOption() {
        this.runner.withPropertyValues("app.caches.default.backend=redis", "app.caches.default.options.serializer=xml")
            .run((context) -> assertThat(analyze(context).getDescription())
                .contains("Property: app.caches.default.options.serializer").contains("Value: \"xml\"")
                .contains("'jdk' or 'json'"));
    }

    @Test
    void aLocationTheRedisBackendRefusesFailsStartUpNamingItWithoutItsPassword() {
        this.runner
            .withPropertyValues("app.caches.default.backend=redis",
                    "app.caches.default.location=redis://user:secret@host:oops/0")
            .run((context) -> {
                FailureAnalysis analysis = analyze(context);
                assertThat(analysis.getDescription()).contains("Property: app.caches.default.location")
                    .contains("Invalid Redis location").doesNotContain("secret");
            });
    }

    private static FailureAnalysis analyze(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        FailureAnalysis analysis = new InvalidCachePropertyFailureAnalyzer().analyze(context.getStartupFailure());
        assertThat(analysis).as("an InvalidCachePropertyException caused the failure").isNotNull();
        return analysis;
    }

    @Test
    void withoutTheRedisModuleNoRedisProviderIsDefinedAndLocMemStillWorks() {
        this.runner.withClassLoader(new ClassLoaderWithoutRedisModule()).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LocMemCacheRedisConfiguration.PROVIDER_BEAN_NAME);
            assertThat(context.getBean(Caches.class).get("default")).isInstanceOf(LocMemCache.class);
        });
    }

    @Test
    void withoutSpringDataRedisNoRedisProviderIsDefinedAndLocMemStillWorks() {
        this.runner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis")).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LocMemCacheRedisConfiguration.PROVIDER_BEAN_NAME);
            assertThat(context.getBean(Caches.class).get("default")).isInstanceOf(LocMemCache.class);
        });
    }
}
