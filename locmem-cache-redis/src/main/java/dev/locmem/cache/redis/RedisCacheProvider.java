package dev.locmem.cache.redis;

import java.time.Duration;
import java.util.List;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.InvalidCacheSettingException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Provides backend {@code redis}: a {@link RedisCache}, found through {@link java.util.ServiceLoader} when this module
 * is on the classpath.
 *
 * <p>The location is a Redis URI ({@code redis://host:port/db}, {@code rediss://...},
 * {@code redis-sentinel://host:port,host:port/db#master}) or a cluster's seed list
 * ({@code redis://host1:port1,redis://host2:port2,...}); an empty location means {@code redis://localhost:6379/0}
 * through {@link #create(CacheSettings)}, while a caller that has a connection of its own (the Spring Boot starter,
 * with the application's {@code spring.data.redis.*} connection) passes it to
 * {@link #create(CacheSettings, RedisConnectionFactory)}. Options: {@code serializer} ({@code jdk} or {@code json}),
 * {@code command-timeout-ms}, {@code scan-count}, {@code trust-certificates}; {@code near-cache.max-entries},
 * {@code near-cache.timeout} and {@code store-by-value} for a near cache ({@link RedisNearCache}), refused on a
 * cluster, behind Sentinel and with {@code trust-certificates}; {@code max-entries} and {@code cull-frequency} are
 * accepted and ignored. See {@link RedisCache}.
 */
public final class RedisCacheProvider implements CacheBackendProvider {

    /** The backend's name. */
    public static final String NAME = "redis";

    /** Option: how many entries the near cache keeps; set, it turns the near cache on. */
    public static final String NEAR_CACHE_MAX_ENTRIES = "near-cache-max-entries";

    /** Option: the near cache's timeout in seconds. */
    public static final String NEAR_CACHE_TIMEOUT = "near-cache-timeout";

    /** Option: whether a near-cache hit returns a copy. */
    public static final String STORE_BY_VALUE = "store-by-value";

    /** How long a near cache serves a copy without asking Redis, unless told otherwise. */
    public static final Duration DEFAULT_NEAR_CACHE_TIMEOUT = Duration.ofSeconds(60);

    /** Why a near cache is refused on Redis Cluster. */
    private static final String NO_NEAR_CACHE_ON_CLUSTER = "on Redis Cluster each primary tracks only its own keys, "
            + "so invalidations would need a tracking connection per node";

    /** Why a near cache is refused behind Sentinel. */
    private static final String NO_NEAR_CACHE_BEHIND_SENTINEL = "behind Sentinel the tracking connection would have "
            + "to follow each failover, and the invalidations of the old primary would be lost";

    /** What a positive whole number option accepts, for the messages that refuse a value. */
    private static final String POSITIVE = "a positive whole number";

    /**
     * The options, ours and locmem's (accepted and ignored, so that an alias can switch backend alone), with their
     * rules. The near cache's are checked by {@link NearCacheSettings}, which names them as users nest them.
     */
    private static final List<CacheBackendOption> OPTIONS = List.of(
            new CacheBackendOption(RedisCache.SERIALIZER, String.class, "jdk", "How values are written to the "
                    + "server: 'jdk' is Java serialization, as Django pickles (values must be Serializable); 'json' is "
                    + "Jackson 3 with the class name in the value, readable by other clients.", "'jdk' or 'json'",
                    (value) -> RedisCache.builder().serializer((String) value)),
            new CacheBackendOption(RedisCache.COMMAND_TIMEOUT_MS, Integer.class,
                    (int) RedisCache.DEFAULT_COMMAND_TIMEOUT.toMillis(), "For a location of its own: how long, in "
                            + "milliseconds, a command or a connect waits for the server; positive.",
                    POSITIVE + " of milliseconds", (value) -> positive(RedisCache.COMMAND_TIMEOUT_MS, (Integer) value)),
            new CacheBackendOption(RedisCache.SCAN_COUNT, Integer.class, RedisCache.DEFAULT_SCAN_COUNT,
                    "How many keys clear() asks SCAN for, and deletes, at a time; positive.", POSITIVE,
                    (value) -> positive(RedisCache.SCAN_COUNT, (Integer) value)),
            new CacheBackendOption(RedisCache.TRUST_CERTIFICATES, String.class, null, "For a rediss:// location of "
                    + "its own: a PEM file of the certificates to trust (a private CA's), instead of the JVM's trust "
                    + "store.", "the path of a readable PEM file",
                    (value) -> RedisLocation.trustCertificates(
                            InvalidCacheSettingException.option(RedisCache.TRUST_CERTIFICATES), value)),
            new CacheBackendOption(NEAR_CACHE_MAX_ENTRIES, Integer.class, null, "Keeps a near cache: a copy of up to "
                    + "this many entries in each process's memory, in front of Redis, kept coherent by the server's "
                    + "invalidations (CLIENT TRACKING); positive. Unset: no near cache, every read asks Redis.",
                    POSITIVE, (value) -> {
                    }),
            new CacheBackendOption(NEAR_CACHE_TIMEOUT, Integer.class, (int) DEFAULT_NEAR_CACHE_TIMEOUT.getSeconds(),
                    "With a near cache: the longest, in seconds, that a copy is served from memory without Redis "
                            + "being asked, and never longer than Redis keeps the value; positive.",
                    POSITIVE + " of seconds", (value) -> {
                    }),
            new CacheBackendOption(STORE_BY_VALUE, Boolean.class, false, "With a near cache: whether a hit returns "
                    + "a fresh copy of the value (true), as a Redis read does, or the object kept in memory (false), "
                    + "as locmem does."),
            new CacheBackendOption(CacheSettings.MAX_ENTRIES, Integer.class, null,
                    "Accepted and ignored: Redis bounds its memory with maxmemory and its eviction policy."),
            new CacheBackendOption(CacheSettings.CULL_FREQUENCY, Integer.class, null,
                    "Accepted and ignored: Redis bounds its memory with maxmemory and its eviction policy."));

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public RedisCacheProvider() {
    }

    private static void positive(String option, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException("Option '" + option + "' must be positive, but was " + value);
        }
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
     * @return a new {@link RedisCache}, or a {@link RedisNearCache} around one when {@code near-cache.max-entries}
     *     is set
     * @throws IllegalArgumentException for a bad location, an unknown option or a bad value, naming it
     */
    @Override
    public CacheBackend create(CacheSettings settings) {
        NearCacheSettings near = NearCacheSettings.of(settings);
        return near.around(RedisCache.fromSettings(settings));
    }

    /**
     * {@inheritDoc}
     * <p>Also the near-cache options: a positive {@code near-cache.max-entries} and {@code near-cache.timeout}, the
     * timeout only with the near cache on.
     */
    @Override
    public void validate(CacheSettings settings) {
        // First, so that a bad near-cache value is named as written (near-cache.max-entries), not in its flat form.
        NearCacheSettings.of(settings);
        CacheBackendProvider.super.validate(settings);
        refuseNearCacheOnLocation(settings);
    }

    /**
     * A near cache learns of changes through one tracking connection ({@code CLIENT TRACKING}) to the one server that
     * holds every key: there is no such server on a cluster (each primary tracks only its own keys, so it would take
     * a tracking connection per node, followed through every resharding and failover), nor behind Sentinel (the
     * tracking connection would have to follow each failover, and invalidations sent before it are lost). And the
     * tracking connection trusts the JVM's certificates only. So those are refused at start-up, not left to serve
     * stale copies.
     */
    private static void refuseNearCacheOnLocation(CacheSettings settings) {
        if (settings.options().get(NEAR_CACHE_MAX_ENTRIES) == null || settings.location().isBlank()) {
            return;
        }
        RedisLocation location = RedisLocation.parse(settings.location());
        if (location.isCluster()) {
            throw nearCacheRefused(settings, location.description(), NO_NEAR_CACHE_ON_CLUSTER);
        }
        if (location.isSentinel()) {
            throw nearCacheRefused(settings, location.description(), NO_NEAR_CACHE_BEHIND_SENTINEL);
        }
        if (settings.options().get(RedisCache.TRUST_CERTIFICATES) != null) {
            throw nearCacheRefused(settings, location.description(), "its tracking connection trusts the JVM's "
                    + "certificates only, not option 'trust-certificates'");
        }
    }

    /** {@link #refuseNearCacheOnLocation} for a connection factory of the application's. */
    private static void refuseNearCacheOnFactory(CacheSettings settings, RedisConnectionFactory factory) {
        if (settings.options().get(NEAR_CACHE_MAX_ENTRIES) == null
                || !(factory instanceof LettuceConnectionFactory lettuce)) {
            return;
        }
        if (lettuce.isClusterAware()) {
            throw nearCacheRefused(settings, RedisLocation.describe(factory), NO_NEAR_CACHE_ON_CLUSTER);
        }
        if (lettuce.isRedisSentinelAware()) {
            throw nearCacheRefused(settings, RedisLocation.describe(factory), NO_NEAR_CACHE_BEHIND_SENTINEL);
        }
    }

    private static InvalidCacheSettingException nearCacheRefused(CacheSettings settings, String where, String why) {
        return InvalidCacheSettingException.accepting("options.near-cache.max-entries",
                settings.options().get(NEAR_CACHE_MAX_ENTRIES), "A near cache cannot run on " + where + ": " + why
                        + "; remove options.near-cache.max-entries, or point the alias at a standalone server",
                "a near cache over one standalone Redis server (redis://, or rediss:// with the JVM's trust store)");
    }

    /**
     * Creates a cache over a connection factory the caller owns, when the settings' location is empty; with a
     * location, the cache opens its own connection to it, as {@link #create(CacheSettings)} does.
     * @param settings the alias's settings
     * @param connectionFactory the application's connection factory, or {@code null}
     * @return a new {@link RedisCache}, or a {@link RedisNearCache} around one
     * @throws IllegalArgumentException for a bad location, an unknown option or a bad value, naming it
     */
    public CacheBackend create(CacheSettings settings, RedisConnectionFactory connectionFactory) {
        NearCacheSettings near = NearCacheSettings.of(settings);
        boolean useFactory = connectionFactory != null && settings.location().isBlank();
        if (useFactory) {
            // A location is judged by validate(), which RedisCache.fromSettings runs; a factory only here.
            refuseNearCacheOnFactory(settings, connectionFactory);
        }
        return near.around(RedisCache.fromSettings(settings, useFactory ? connectionFactory : null));
    }
}
