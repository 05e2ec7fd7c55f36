package dev.locmem.cache.redis;

import java.util.List;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Provides backend {@code redis}: a {@link RedisCache}, found through {@link java.util.ServiceLoader} when this module
 * is on the classpath.
 *
 * <p>The location is a Redis URI ({@code redis://host:port/db}, {@code rediss://...},
 * {@code redis-sentinel://host:port,host:port/db#master}); an empty location means {@code redis://localhost:6379/0}
 * through {@link #create(CacheSettings)}, while a caller that has a connection of its own (the Spring Boot starter,
 * with the application's {@code spring.data.redis.*} connection) passes it to
 * {@link #create(CacheSettings, RedisConnectionFactory)}. Options: {@code serializer} ({@code jdk} or {@code json}),
 * {@code command-timeout-ms}, {@code scan-count}; {@code max-entries} and {@code cull-frequency} are accepted and
 * ignored. See {@link RedisCache}.
 */
public final class RedisCacheProvider implements CacheBackendProvider {

    /** The backend's name. */
    public static final String NAME = "redis";

    /**
     * The options, ours and locmem's (accepted and ignored, so that an alias can switch backend alone). The range
     * checks of {@code command-timeout-ms} and {@code scan-count} are {@link RedisCache#fromSettings}'s.
     */
    private static final List<CacheBackendOption> OPTIONS = List.of(
            new CacheBackendOption(RedisCache.SERIALIZER, String.class, "jdk", "How values are written to the "
                    + "server: 'jdk' is Java serialization, as Django pickles (values must be Serializable); 'json' is "
                    + "Jackson 3 with the class name in the value, readable by other clients."),
            new CacheBackendOption(RedisCache.COMMAND_TIMEOUT_MS, Integer.class,
                    (int) RedisCache.DEFAULT_COMMAND_TIMEOUT.toMillis(), "For a location of its own: how long, in "
                            + "milliseconds, a command or a connect waits for the server; positive."),
            new CacheBackendOption(RedisCache.SCAN_COUNT, Integer.class, RedisCache.DEFAULT_SCAN_COUNT,
                    "How many keys clear() asks SCAN for, and deletes, at a time; positive."),
            new CacheBackendOption(CacheSettings.MAX_ENTRIES, Integer.class, null,
                    "Accepted and ignored: Redis bounds its memory with maxmemory and its eviction policy."),
            new CacheBackendOption(CacheSettings.CULL_FREQUENCY, Integer.class, null,
                    "Accepted and ignored: Redis bounds its memory with maxmemory and its eviction policy."));

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public RedisCacheProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<CacheBackendOption> options() {
        return OPTIONS;
    }

    /**
     * Creates a cache that opens its own connection to the settings' location.
     * @param settings the alias's settings
     * @return a new {@link RedisCache}
     * @throws IllegalArgumentException for a bad location, an unknown option or a bad value, naming it
     */
    @Override
    public CacheBackend create(CacheSettings settings) {
        return RedisCache.fromSettings(settings);
    }

    /**
     * Creates a cache over a connection factory the caller owns, when the settings' location is empty; with a
     * location, the cache opens its own connection to it, as {@link #create(CacheSettings)} does.
     * @param settings the alias's settings
     * @param connectionFactory the application's connection factory, or {@code null}
     * @return a new {@link RedisCache}
     * @throws IllegalArgumentException for a bad location, an unknown option or a bad value, naming it
     */
    public RedisCache create(CacheSettings settings, RedisConnectionFactory connectionFactory) {
        boolean useFactory = connectionFactory != null && settings.location().isBlank();
        return RedisCache.fromSettings(settings, useFactory ? connectionFactory : null);
    }
}
