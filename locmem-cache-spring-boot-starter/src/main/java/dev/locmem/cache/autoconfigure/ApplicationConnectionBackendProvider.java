package dev.locmem.cache.autoconfigure;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.util.ReflectionUtils;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.LocMemStores;

/**
 * A backend module's provider, handed a connection that the application owns: for {@code redis}, the application's
 * {@code RedisConnectionFactory} (configured by {@code spring.data.redis.*}), which
 * {@code RedisCacheProvider.create(CacheSettings, RedisConnectionFactory)} uses for aliases without a location.
 *
 * <p>The module's two-argument {@code create} is called by reflection so that this starter needs no compile-time
 * dependency on the module, which stays optional. When the application has no such connection (or more than one),
 * or the module's provider has no such method, the provider connects by itself, as it does through
 * {@link java.util.ServiceLoader}.
 */
final class ApplicationConnectionBackendProvider implements CacheBackendProvider {

    private static final Log logger = LogFactory.getLog(ApplicationConnectionBackendProvider.class);

    private final CacheBackendProvider delegate;

    private final Method createWithConnection;

    private final Supplier<?> connection;

    /**
     * Wraps a module's provider.
     * @param delegate the module's provider
     * @param connectionType the type of connection its {@code create(CacheSettings, connectionType)} takes
     * @param connection the application's connection, or a supplier of {@code null} when it has none
     */
    ApplicationConnectionBackendProvider(CacheBackendProvider delegate, Class<?> connectionType,
            Supplier<?> connection) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.connection = Objects.requireNonNull(connection, "connection");
        this.createWithConnection = ReflectionUtils.findMethod(delegate.getClass(), "create", CacheSettings.class,
                connectionType);
        if (this.createWithConnection == null) {
            logger.warn(delegate.getClass().getName() + " has no create(CacheSettings, " + connectionType.getName()
                    + "): backend '" + delegate.name() + "' will open its own connections");
        }
    }

    @Override
    public String name() {
        return this.delegate.name();
    }

    @Override
    public CacheBackend create(CacheSettings settings) {
        Object connection = (this.createWithConnection != null) ? this.connection.get() : null;
        if (connection == null) {
            return this.delegate.create(settings);
        }
        try {
            return (CacheBackend) this.createWithConnection.invoke(this.delegate, settings, connection);
        }
        catch (InvocationTargetException ex) {
            // The module's own failure (a bad option, say), which must reach the caller as it is.
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (ex.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("Backend '" + name() + "' could not be created: " + ex.getCause(), ex);
        }
        catch (IllegalAccessException ex) {
            throw new IllegalStateException("Backend '" + name() + "' could not be created: " + ex, ex);
        }
    }

    @Override
    public CacheBackend create(CacheSettings settings, LocMemStores stores) {
        // A backend that takes a connection keeps no data in this process: local-memory stores are not for it.
        return create(settings);
    }

    @Override
    public String toString() {
        return "ApplicationConnectionBackendProvider[" + this.delegate.getClass().getName() + "]";
    }
}
