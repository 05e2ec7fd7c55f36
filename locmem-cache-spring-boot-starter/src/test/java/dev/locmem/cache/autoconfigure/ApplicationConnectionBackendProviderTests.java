package dev.locmem.cache.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.testsupport.ReachableMapBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ApplicationConnectionBackendProvider}, with a stand-in for the Redis module's provider and its connection
 * factory: backends get the application's connection when it has one, and connect by themselves otherwise.
 */
class ApplicationConnectionBackendProviderTests {

    /** Stands for the application's {@code RedisConnectionFactory}. */
    static final class Connection {
    }

    /** Stands for {@code RedisCacheProvider}: remembers which connection each backend got. */
    public static final class ConnectionTakingProvider implements CacheBackendProvider {

        final AtomicReference<Object> lastConnection = new AtomicReference<>("none yet");

        @Override
        public String name() {
            return "remote";
        }

        @Override
        public CacheBackend create(CacheSettings settings) {
            this.lastConnection.set(null);
            return new ReachableMapBackend(settings);
        }

        public CacheBackend create(CacheSettings settings, Connection connection) {
            if (settings.options().containsKey("bad")) {
                throw new IllegalArgumentException("Unknown option 'bad'");
            }
            this.lastConnection.set(connection);
            return new ReachableMapBackend(settings);
        }
    }

    /** A provider with no way to take a connection. */
    static final class PlainProvider implements CacheBackendProvider {

        @Override
        public String name() {
            return "plain";
        }

        @Override
        public CacheBackend create(CacheSettings settings) {
            return new ReachableMapBackend(settings);
        }
    }

    private final CacheSettings settings = CacheSettings.builder().backend("remote").build();

    @Test
    void aBackendGetsTheApplicationsConnection() {
        ConnectionTakingProvider module = new ConnectionTakingProvider();
        Connection connection = new Connection();
        new ApplicationConnectionBackendProvider(module, Connection.class, () -> connection).create(this.settings,
                LocMemStores.create());
        assertThat(module.lastConnection).hasValue(connection);
    }

    @Test
    void withoutAnApplicationConnectionABackendConnectsByItself() {
        ConnectionTakingProvider module = new ConnectionTakingProvider();
        new ApplicationConnectionBackendProvider(module, Connection.class, () -> null).create(this.settings);
        assertThat(module.lastConnection).hasValue(null);
    }

    @Test
    void aProviderThatTakesNoConnectionIsUsedAsItIs() {
        ApplicationConnectionBackendProvider provider = new ApplicationConnectionBackendProvider(new PlainProvider(),
                Connection.class, Connection::new);
        assertThat(provider.name()).isEqualTo("plain");
        assertThat(provider.create(this.settings)).isInstanceOf(ReachableMapBackend.class);
    }

    @Test
    void theModulesRefusalOfTheSettingsReachesTheCaller() {
        ApplicationConnectionBackendProvider provider = new ApplicationConnectionBackendProvider(
                new ConnectionTakingProvider(), Connection.class, Connection::new);
        CacheSettings bad = this.settings.toBuilder().option("bad", "1").build();
        assertThatIllegalArgumentException().isThrownBy(() -> provider.create(bad)).withMessage("Unknown option 'bad'");
    }

    @Test
    void withoutTheRedisModuleNoRedisProviderIsDefined() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(LocMemCacheAutoConfiguration.class))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("redisCacheBackendProvider"));
    }
}
