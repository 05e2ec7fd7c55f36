package dev.locmem.cache.autoconfigure;

import java.util.List;
import java.util.Objects;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.redis.RedisCacheProvider;

/**
 * Backend {@code redis} over the application's Redis connection: when locmem-cache-redis and Spring Data Redis are on
 * the classpath, an alias with {@code backend: redis} and no {@code location} uses the application's
 * {@link RedisConnectionFactory} (the one Spring Boot configures from {@code spring.data.redis.*}), so that switching
 * an alias to Redis is a one-line change. That factory may be of any topology Spring Boot makes: a standalone server,
 * {@code spring.data.redis.cluster.*}, {@code spring.data.redis.sentinel.*}, and TLS with
 * {@code spring.data.redis.ssl.bundle}; the backend adapts to it (for a cluster, set
 * {@code spring.data.redis.lettuce.cluster.refresh.*} so that a failover is followed: the backend warns otherwise). An alias with a location opens its own connection to it, as it would
 * without Spring. With no factory, or several (it cannot tell which is meant), the backend connects by itself to
 * {@code redis://localhost:6379/0}.
 *
 * <p><b>Outages.</b> The application's factory is the application's: its timeouts and reconnect behaviour apply to
 * the cache too, and this starter does not change them, because the same connection serves the application's other
 * Redis users (sessions, locks, its own templates), for which Lettuce's default of queueing commands while it
 * reconnects may well be right. With Spring Boot's defaults the first cache operation of an outage waits for the
 * command timeout, 60 seconds, before {@code @Cacheable} fails open and calls the method; it opens the cache's
 * circuit, and the operations after it fail at once until the server is back (see {@code RedisCache}). An
 * application that caches through this connection should therefore set {@code spring.data.redis.timeout} (a few
 * hundred milliseconds for a server on the same network). An application whose other Redis users do not need
 * queueing can make even the first operation fail at once while disconnected with a bean of its own:
 * <pre>{@code
 * @Bean
 * LettuceClientOptionsBuilderCustomizer rejectCommandsWhileDisconnected() {
 *     return (options) -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
 * }
 * }</pre>
 * An alias with a {@code location} has a connection of its own, which already rejects commands while disconnected
 * and times out after {@code options.command-timeout-ms} (2 seconds by default).
 *
 * <p>The provider bean is ordered last, so a {@code CacheBackendProvider} bean of the application named
 * {@code redis} takes precedence; a bean named {@value #PROVIDER_BEAN_NAME} replaces it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass({ RedisCacheProvider.class, RedisConnectionFactory.class })
class LocMemCacheRedisConfiguration {

    /** The name of the provider bean. */
    static final String PROVIDER_BEAN_NAME = "redisCacheBackendProvider";

    @Bean(PROVIDER_BEAN_NAME)
    @ConditionalOnMissingBean(name = PROVIDER_BEAN_NAME)
    @Order(Ordered.LOWEST_PRECEDENCE)
    CacheBackendProvider redisCacheBackendProvider(ObjectProvider<RedisConnectionFactory> connectionFactory) {
        return new ApplicationRedisCacheProvider(new RedisCacheProvider(), connectionFactory);
    }

    /**
     * Backend {@code redis}, handed the application's connection factory when a cache is created. The factory is
     * looked up then, not when this provider is created, so that a provider bean never forces the factory (and its
     * connection) into being before some alias needs it.
     */
    static final class ApplicationRedisCacheProvider implements CacheBackendProvider {

        private final RedisCacheProvider redis;

        private final ObjectProvider<RedisConnectionFactory> connectionFactory;

        ApplicationRedisCacheProvider(RedisCacheProvider redis,
                ObjectProvider<RedisConnectionFactory> connectionFactory) {
            this.redis = Objects.requireNonNull(redis, "redis");
            this.connectionFactory = Objects.requireNonNull(connectionFactory, "connectionFactory");
        }

        @Override
        public String name() {
            return this.redis.name();
        }

        @Override
        public CacheBackend create(CacheSettings settings) {
            // Unique or none: with several factories the backend cannot tell which is meant, and connects by itself.
            return this.redis.create(settings, this.connectionFactory.getIfUnique());
        }

        @Override
        public List<CacheBackendOption> options() {
            return this.redis.options();
        }

        @Override
        public void validate(CacheSettings settings) {
            this.redis.validate(settings);
        }

        @Override
        public CacheSettings namespace(CacheSettings aliasSettings, String name) {
            return this.redis.namespace(aliasSettings, name);
        }

        @Override
        public String toString() {
            return "ApplicationRedisCacheProvider[" + RedisCacheProvider.class.getName() + "]";
        }
    }
}
