package dev.locmem.cache.redis;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import dev.locmem.cache.AliasSettingsBuilder;
import dev.locmem.cache.BaseCacheBackend;
import dev.locmem.cache.CacheAvailability;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.CacheStats;
import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.InvalidCacheSettingException;
import dev.locmem.cache.Timeout;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Django's cache API over a Redis server: Django's {@code RedisCache}, through Spring Data Redis and Lettuce.
 *
 * <p><b>Operations.</b> Each is one Redis command, one Lua script or one pipeline, and atomic where Django's is:
 * <ul>
 * <li>{@code get}: {@code GET}; {@code getMany}: one {@code MGET}; {@code hasKey}: {@code EXISTS}.</li>
 * <li>{@code set}: {@code SET ... PX ms} ({@code NEVER}: no TTL). A zero or negative timeout stores nothing and
 * deletes the key, as Django's Redis backend does. {@code setMany}: those {@code SET}s in one pipeline, after every
 * value has been serialized, so a value that cannot be serialized stores nothing of the batch.</li>
 * <li>{@code add}: {@code SET ... NX PX ms}; with a zero or negative timeout, whether the key was absent, storing
 * nothing.</li>
 * <li>{@code incr}/{@code decr}: {@code INCRBY} in a script that first checks the key exists, so a missing key fails
 * with {@code Key 'k' not found} and is never created; the TTL is kept. An integer stored serialized (see Values) is
 * first read, then replaced by the same number as a Redis integer and incremented in one script that checks it did
 * not change in between (and starts over if it did).</li>
 * <li>{@code touch}: {@code PEXPIRE}; to {@code NEVER}: {@code PERSIST} in a script that checks the key exists; to a
 * zero timeout: {@code DEL}.</li>
 * <li>{@code delete}: {@code DEL}; {@code deleteMany}: one {@code DEL} of all the keys.</li>
 * <li>{@code incrVersion}: a script that {@code RENAME}s the key to its new version and gives it the default timeout.
 * That is Django's result (its generic algorithm moves the value with the default timeout), in one atomic step
 * instead of a get, a set and a delete; unlike Django's, a delta of 0 keeps the value instead of deleting it.</li>
 * <li>{@code getOrSet}: {@code GET}, and on a miss, after the load, one script that adds the loaded value unless the
 * key holds one and answers the stored value then: Django's get, add, get, in two round trips. The loader runs once
 * per key at a time in this process; callers in other processes may each run it, but the first value added wins for
 * all of them.</li>
 * <li>On Redis Cluster (a seed list as location, or a cluster-aware connection factory): every operation on one key
 * is routed to the primary of its slot, as above. {@code getMany} and {@code deleteMany} send one command per hash
 * slot and {@code setMany} one {@code SET} per key ({@link RedisSlots}: all sent before any reply is awaited), so an
 * alias spreads over every primary; {@code clear()} scans each primary that serves slots; {@code incrVersion} of two keys in different slots
 * is a {@code GET}, a {@code SET} with the default timeout and a delete of the old key unless it changed meanwhile,
 * Django's own algorithm (see {@link #incrVersion}).</li>
 * <li>{@code clear}: see {@link #clear()}.</li>
 * </ul>
 *
 * <p><b>Values.</b> Integers are stored as Redis integers, so {@code incr} works on them and other clients read
 * {@code "42"}, wherever that keeps their Java type: every {@code Integer}, and a {@code Long} beyond the
 * {@code int} range (a Redis integer reads back as an {@code Integer} when it fits one, else as a {@code Long}). A
 * {@code Long} within the {@code int} range, a {@code Short} and a {@code Byte} are serialized, so they read back as
 * they were stored; {@code incr} works on them too, turning them into Redis integers first, atomically.
 * Everything else (including {@code null}, a hit like any value) is serialized: with JDK
 * serialization by default, like Django's pickle, or with option {@code serializer: json} with Jackson, readable by
 * people and other clients. A value that cannot be serialized fails with {@link IllegalArgumentException} naming the
 * key and the class, and nothing is stored. As with pickle, whoever can write to the Redis server can make this
 * application deserialize what they wrote: keep Redis private to the application.
 *
 * <p><b>Faults.</b> When the server cannot be reached, an operation throws {@link CacheUnavailableException},
 * naming the server and the operation, within the command timeout (at once when the connection is known to be down).
 * That failure opens the cache's circuit: from then on every operation fails at once, without contacting the server,
 * while a background probe sends {@code PING} every {@linkplain Builder#probeInterval probe interval}. When the server
 * answers, the probe first deletes the keys whose writes failed during the outage (or, past
 * {@linkplain Builder#maxPendingInvalidations a bound}, and after a {@code clear()} that failed, clears the cache),
 * and only then closes the circuit: a server that kept its data never serves this cache a value that a failed write
 * should have replaced or removed. A cache can be created while its server is down: it connects on first use. (With a
 * connection factory of the caller's, that factory's timeouts and reconnect behaviour apply to each attempt.) On a
 * cluster, "the server" is every primary that serves slots: one that cannot be reached opens the circuit of the whole
 * cache, and the probe pings them all; behind Sentinel, it is the primary the Sentinels name, asked again at each
 * reconnect, so a failover looks like an outage that ends once the promoted replica answers. A {@code rediss://}
 * location is connected to once at creation, so that a certificate this client does not trust fails there, naming
 * the location and option {@value #TRUST_CERTIFICATES}.
 *
 * <p><b>Culling.</b> Redis bounds its memory itself ({@code maxmemory} and its eviction policy, such as
 * {@code allkeys-lru}), so the locmem options {@code max-entries} and {@code cull-frequency} are accepted, for an alias
 * that switches backend without other changes, and ignored.
 *
 * <p>Thread-safe; a cache shares one connection among its callers (Lettuce multiplexes it).
 */
public final class RedisCache extends BaseCacheBackend implements CacheAvailability {

    /** The command (and connect) timeout of a connection this cache opens itself. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(2);

    /** How many keys {@link #clear()} asks {@code SCAN} for, and deletes, at a time. */
    public static final int DEFAULT_SCAN_COUNT = 1000;

    /** How long the background probe waits between attempts while the server cannot be reached. */
    public static final Duration DEFAULT_PROBE_INTERVAL = Duration.ofMillis(500);

    /** How many keys whose writes failed during an outage are remembered before the cache is cleared instead. */
    public static final int DEFAULT_MAX_PENDING_INVALIDATIONS = 10_000;

    /** Option: {@code jdk} (default) or {@code json}. */
    public static final String SERIALIZER = "serializer";

    /** Option: the command and connect timeout in milliseconds, for a connection that this cache opens. */
    public static final String COMMAND_TIMEOUT_MS = "command-timeout-ms";

    /** Option: the {@code SCAN COUNT} and delete batch of {@link #clear()}. */
    public static final String SCAN_COUNT = "scan-count";

    /** Option: a PEM file of the certificates a {@code rediss://} location trusts, instead of the JVM's. */
    public static final String TRUST_CERTIFICATES = "trust-certificates";

    private static final System.Logger LOGGER = System.getLogger(RedisCache.class.getName());

    private final RedisConnectionFactory connectionFactory;

    /** The factory this cache opened for its location, closed with it; {@code null} when the caller gave one. */
    private final RedisLocation.Opened opened;

    private final String where;

    private final RedisValueCodec codec;

    private final RedisKeyspace keyspace;

    private final int scanCount;

    /** How long a batch of commands sent to several cluster nodes at once is awaited in all. */
    private final Duration batchTimeout;

    private final LongAdder hits = new LongAdder();

    private final LongAdder misses = new LongAdder();

    private final LongAdder puts = new LongAdder();

    private final AtomicBoolean closed = new AtomicBoolean();

    /** Fails operations fast during an outage, and invalidates failed writes before it ends. */
    private final RedisCircuit circuit;

    private RedisCache(Builder builder) {
        super(builder);
        this.codec = builder.codec();
        this.keyspace = RedisKeyspace.of(keyFunction(), keyPrefix(), version());
        this.scanCount = builder.scanCount;
        RedisLocation location = null;
        if (builder.connectionFactory != null) {
            this.connectionFactory = builder.connectionFactory;
            this.opened = null;
            this.where = RedisLocation.describe(builder.connectionFactory);
            this.batchTimeout = (builder.connectionFactory instanceof LettuceConnectionFactory lettuce)
                    ? Duration.ofMillis(lettuce.getTimeout()) : DEFAULT_COMMAND_TIMEOUT;
            warnIfTheTopologyIsNotFollowed(builder.connectionFactory, this.where);
        }
        else {
            location = RedisLocation.parse(builder.location);
            this.opened = location.open(builder.commandTimeout, builder.trustCertificates);
            this.connectionFactory = this.opened.factory;
            this.where = location.description();
            this.batchTimeout = builder.commandTimeout;
        }
        this.circuit = new RedisCircuit(this.where, builder.probeInterval, builder.maxPendingInvalidations,
                this::recover);
        if (location != null && location.isTls()) {
            try {
                checkTrusted();
            }
            catch (RuntimeException ex) {
                close();
                throw ex;
            }
        }
    }

    /**
     * A cluster client that never reads the topology again keeps sending the slots of a failed primary to it, and
     * fails them until the application restarts: Spring Boot's defaults are so (no adaptive refresh, no period).
     * Said once, at creation, with the properties that change it.
     */
    private static void warnIfTheTopologyIsNotFollowed(RedisConnectionFactory factory, String where) {
        if (!(factory instanceof LettuceConnectionFactory lettuce) || !lettuce.isClusterAware()) {
            return;
        }
        ClientOptions options = lettuce.getClientConfiguration().getClientOptions().orElse(null);
        boolean follows = options instanceof ClusterClientOptions cluster
                && (cluster.getTopologyRefreshOptions().isPeriodicRefreshEnabled()
                        || !cluster.getTopologyRefreshOptions().getAdaptiveRefreshTriggers().isEmpty());
        if (!follows) {
            LOGGER.log(System.Logger.Level.WARNING, "The connection factory of " + where + " does not refresh the "
                    + "cluster topology, so after a failover the slots of the failed primary keep failing until a "
                    + "restart; set spring.data.redis.lettuce.cluster.refresh.adaptive=true and "
                    + "spring.data.redis.lettuce.cluster.refresh.period (10s, say)");
        }
    }

    /**
     * Connects once to a TLS location, so that a certificate this client does not trust fails at start-up, naming
     * the location, rather than as an outage on every call. A server that cannot be reached at all is left for later:
     * a cache may be created while its server is down.
     */
    private void checkTrusted() {
        try (RedisConnection connection = this.connectionFactory.getConnection()) {
            connection.ping();
        }
        catch (RuntimeException ex) {
            String refused = RedisFaults.tlsRefusal(ex);
            if (refused != null) {
                throw new InvalidCacheSettingException("location", this.where, "The TLS handshake with " + this.where
                        + " failed: " + refused + ". Trust the server's certificate: add its CA to the JVM's trust "
                        + "store, or name a PEM file of it in option '" + TRUST_CERTIFICATES + "'", ex);
            }
        }
    }

    /**
     * Starts a cache with Django's defaults, on {@code redis://localhost:6379/0} unless given a location or a
     * connection factory.
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates a cache from an alias's settings, opening a connection to its location. Options: {@code serializer}
     * ({@code jdk} or {@code json}), {@code command-timeout-ms} (default 2000) and {@code scan-count} (default 1000);
     * {@code max-entries} and {@code cull-frequency} are accepted and ignored.
     * @param settings the alias's settings; an empty location is {@code redis://localhost:6379/0}
     * @return a new cache, which must be closed
     * @throws IllegalArgumentException for a bad location, an unknown option or a bad value, naming it
     */
    public static RedisCache fromSettings(CacheSettings settings) {
        return fromSettings(settings, null);
    }

    /**
     * Creates a cache from an alias's settings over a connection factory that the caller owns, such as a Spring Boot
     * application's (configured by {@code spring.data.redis.*}). The factory's own timeouts apply, and closing the
     * cache leaves the factory open.
     * @param settings the alias's settings, whose location must be empty (the factory says where Redis is)
     * @param connectionFactory the factory, or {@code null} to connect to the settings' location
     * @return a new cache
     * @throws IllegalArgumentException for an unknown option or a bad value, or a location given with a factory
     */
    public static RedisCache fromSettings(CacheSettings settings, RedisConnectionFactory connectionFactory) {
        Objects.requireNonNull(settings, "settings");
        // The provider declares the options with their rules: what passes its check, the builder takes.
        new RedisCacheProvider().validate(settings);
        if (settings.options().containsKey(CacheSettings.MAX_ENTRIES)
                || settings.options().containsKey(CacheSettings.CULL_FREQUENCY)) {
            LOGGER.log(System.Logger.Level.INFO, "Options max-entries and cull-frequency are ignored by the redis "
                    + "backend: Redis bounds its memory with maxmemory and its eviction policy");
        }
        Builder builder = builder().aliasSettings(settings).location(settings.location())
                .connectionFactory(connectionFactory)
                .commandTimeout(Duration.ofMillis(settings.intOption(COMMAND_TIMEOUT_MS,
                        (int) DEFAULT_COMMAND_TIMEOUT.toMillis())))
                .scanCount(settings.intOption(SCAN_COUNT, DEFAULT_SCAN_COUNT));
        Object trust = settings.options().get(TRUST_CERTIFICATES);
        if (trust != null) {
            builder.trustCertificates(RedisLocation.trustCertificates(
                    InvalidCacheSettingException.option(TRUST_CERTIFICATES), trust));
        }
        Object serializer = settings.options().get(SERIALIZER);
        if (serializer != null) {
            builder.serializer(serializer.toString());
        }
        return builder.build();
    }

    /**
     * The server, as messages name it: {@code Redis at host:port/db}.
     * @return the description
     */
    public String location() {
        return this.where;
    }

    /**
     * A snapshot of the statistics: this cache's hits, misses and puts (values stored by {@code set}, a successful
     * {@code add}, and each key of {@code setMany}), counted in this process. What the server does is not counted:
     * evictions and expirations are 0, and size is -1 (unknown), because {@code DBSIZE} counts every key of the
     * database, not this cache's, and counting those takes a full scan.
     * @return the statistics now
     */
    @Override
    public CacheStats stats() {
        return new CacheStats(this.hits.sum(), this.misses.sum(), this.puts.sum(), 0, 0, -1);
    }

    @Override
    public Object get(Object key, Object defaultValue, Integer version) {
        byte[] made = bytes(makeAndValidateKey(key, version));
        byte[] stored = run("get of key '" + key + "'", connection -> connection.stringCommands().get(made));
        if (stored == null) {
            this.misses.increment();
            return defaultValue;
        }
        this.hits.increment();
        return this.codec.decode(key, stored);
    }

    /**
     * What a near cache reads on a miss: the value and how much longer the server keeps it, in one round trip,
     * counted as {@link #get} counts; {@code null} when the key holds nothing.
     */
    Read readWithTtl(Object key, Integer version) {
        byte[] made = bytes(makeAndValidateKey(key, version));
        List<Object> reply = run("get of key '" + key + "'",
                connection -> RedisScripts.GET_WITH_TTL.run(connection, ReturnType.MULTI, 1, made));
        if (reply == null || reply.size() < 2) {
            this.misses.increment();
            return null;
        }
        this.hits.increment();
        return new Read(this.codec.decode(key, (byte[]) reply.get(1)), ((Number) reply.get(0)).longValue());
    }

    /**
     * What a near cache reads on misses of many keys: {@link #readWithTtl} of each, in one round trip, counted as
     * {@link #getMany} counts.
     * @param keys distinct keys
     * @return one read per key, in the keys' order, {@code null} where the key holds nothing
     */
    List<Read> readManyWithTtl(List<?> keys, Integer version) {
        byte[][] made = new byte[keys.size()][];
        for (int i = 0; i < made.length; i++) {
            made[i] = bytes(makeAndValidateKey(keys.get(i), version));
        }
        List<Object> reply = run("getMany of " + made.length + " keys",
                connection -> RedisScripts.GET_MANY_WITH_TTL.run(connection, ReturnType.MULTI, made.length, made));
        List<Read> reads = new ArrayList<>(made.length);
        for (int i = 0; i < made.length; i++) {
            Object stored = (reply != null && reply.size() > 2 * i + 1) ? reply.get(2 * i + 1) : null;
            if (stored == null) {
                this.misses.increment();
                reads.add(null);
            }
            else {
                this.hits.increment();
                reads.add(new Read(this.codec.decode(keys.get(i), (byte[]) stored),
                        ((Number) reply.get(2 * i)).longValue()));
            }
        }
        return reads;
    }

    /**
     * A value read with its time to live.
     * @param value the value, {@code null} included
     * @param ttlMillis the milliseconds the server keeps it, or a negative number when it has no TTL
     */
    record Read(Object value, long ttlMillis) {
    }

    /** The connection factory this cache runs its commands on: its own, or the caller's. */
    RedisConnectionFactory connectionFactory() {
        return this.connectionFactory;
    }

    /** The keyspace that holds this cache's keys, for a near cache's tracking prefix. */
    RedisKeyspace keyspace() {
        return this.keyspace;
    }

    @Override
    public void set(Object key, Object value, Timeout timeout, Integer version) {
        byte[] made = bytes(makeAndValidateKey(key, version));
        Timeout resolved = resolve(timeout);
        if (resolved.isExpired()) {
            // Django's Redis backend: a timeout of 0 deletes the key, so no older value stays readable.
            run("set of key '" + key + "'", made, connection -> connection.keyCommands().del(made));
            return;
        }
        byte[] stored = this.codec.encode(key, value);
        run("set of key '" + key + "'", made,
                connection -> connection.stringCommands().set(made, stored, expiration(resolved), SetOption.upsert()));
        this.puts.increment();
    }

    @Override
    public boolean add(Object key, Object value, Timeout timeout, Integer version) {
        byte[] made = bytes(makeAndValidateKey(key, version));
        Timeout resolved = resolve(timeout);
        byte[] stored = this.codec.encode(key, value);
        if (resolved.isExpired()) {
            // Nothing would be kept: the answer is only whether it would have been added.
            return !run("add of key '" + key + "'", connection -> connection.keyCommands().exists(made));
        }
        Boolean added = run("add of key '" + key + "'", made, connection -> connection.stringCommands().set(made, stored,
                expiration(resolved), SetOption.ifAbsent()));
        if (Boolean.TRUE.equals(added)) {
            this.puts.increment();
            return true;
        }
        return false;
    }

    /**
     * {@inheritDoc}
     * <p>Here in one round trip, {@link RedisScripts#ADD_OR_GET}, so that a {@code getOrSet} miss takes two
     * ({@code GET}, then this) where Django's get, add, get takes three. With a zero or negative timeout nothing is
     * stored, and the answer is the stored value, or {@code loaded} when there is none.
     */
    @Override
    protected Object addOrGet(Object key, Object loaded, Timeout timeout, Integer version) {
        Timeout resolved = resolve(timeout);
        if (resolved.isExpired()) {
            return get(key, loaded, version);
        }
        byte[] made = bytes(makeAndValidateKey(key, version));
        byte[] stored = this.codec.encode(key, loaded);
        byte[] ttl = bytes(Long.toString(resolved.isNever() ? -1 : millis(resolved)));
        List<Object> reply = run("getOrSet of key '" + key + "'", made,
                connection -> RedisScripts.ADD_OR_GET.runInFull(connection, ReturnType.MULTI, 1, made, stored, ttl));
        if (((Number) reply.get(0)).longValue() == 1) {
            this.puts.increment();
            return loaded;
        }
        return (reply.size() > 1) ? this.codec.decode(key, (byte[]) reply.get(1)) : loaded;
    }

    @Override
    public boolean touch(Object key, Timeout timeout, Integer version) {
        byte[] made = bytes(makeAndValidateKey(key, version));
        Timeout resolved = resolve(timeout);
        String operation = "touch of key '" + key + "'";
        if (resolved.isExpired()) {
            return run(operation, made, connection -> connection.keyCommands().del(made)) > 0;
        }
        if (resolved.isNever()) {
            Long persisted = run(operation, made,
                    connection -> RedisScripts.PERSIST_IF_EXISTS.run(connection, ReturnType.INTEGER, 1, made));
            return persisted != null && persisted == 1L;
        }
        return Boolean.TRUE.equals(run(operation, made, connection -> connection.keyCommands().pExpire(made,
                millis(resolved))));
    }

    @Override
    public boolean delete(Object key, Integer version) {
        byte[] made = bytes(makeKey(key, version));
        Long deleted = run("delete of key '" + key + "'", made, connection -> connection.keyCommands().del(made));
        return deleted != null && deleted > 0;
    }

    @Override
    public boolean hasKey(Object key, Integer version) {
        byte[] made = bytes(makeKey(key, version));
        return Boolean.TRUE.equals(run("hasKey of key '" + key + "'",
                connection -> connection.keyCommands().exists(made)));
    }

    /**
     * {@inheritDoc}
     * <p>Works on values stored as Redis integers: the integer types, and integers that other clients stored.
     * @throws IllegalArgumentException {@code Key 'k' not found}, or when the value is not a Redis integer
     * @throws ArithmeticException when the result overflows a {@code long}; the value is unchanged
     */
    @Override
    public long incr(Object key, long delta, Integer version) {
        byte[] made = bytes(makeKey(key, version));
        byte[] by = RedisValueCodec.digits(delta);
        String operation = "incr of key '" + key + "'";
        // Starts over only when another client changed the value between our read and our conversion.
        for (int attempt = 0; attempt < 16; attempt++) {
            List<Object> reply = run(operation, made,
                    connection -> RedisScripts.INCR.run(connection, ReturnType.MULTI, 1, made, by));
            long status = (Long) reply.get(0);
            if (status == 0) {
                throw notFound(key);
            }
            if (status == 1) {
                return (Long) reply.get(1);
            }
            String error = new String((byte[]) reply.get(1), StandardCharsets.UTF_8);
            if (error.contains("overflow")) {
                throw overflow(key, delta);
            }
            // Not a Redis integer: it may be an integer stored serialized to keep its type (a Long that fits an int).
            byte[] stored = run(operation, connection -> connection.stringCommands().get(made));
            if (stored == null) {
                throw notFound(key);
            }
            Long number = RedisValueCodec.integral(this.codec.decode(key, stored));
            if (number == null) {
                throw new IllegalArgumentException("Value of key '" + key + "' is not an integer");
            }
            reply = run(operation, made, connection -> RedisScripts.CONVERT_AND_INCR.run(connection, ReturnType.MULTI, 1,
                    made, stored, RedisValueCodec.digits(number), by));
            status = (Long) reply.get(0);
            if (status == 1) {
                return (Long) reply.get(1);
            }
            if (status == 2) {
                throw overflow(key, delta);
            }
        }
        throw new IllegalStateException("incr of key '" + key + "' gave up: the value kept changing under it");
    }

    private static ArithmeticException overflow(Object key, long delta) {
        return new ArithmeticException("incr of key '" + key + "' by " + delta + " overflows a long");
    }

    /**
     * {@inheritDoc}
     * <p>One {@code MGET}; the result keeps the order of {@code keys}.
     */
    @Override
    public <K> Map<K, Object> getMany(Collection<? extends K> keys, Integer version) {
        Objects.requireNonNull(keys, "keys");
        List<K> distinct = new ArrayList<>(new LinkedHashSet<>(keys));
        Map<K, Object> found = new LinkedHashMap<>();
        if (distinct.isEmpty()) {
            return found;
        }
        byte[][] made = new byte[distinct.size()][];
        for (int i = 0; i < made.length; i++) {
            made[i] = bytes(makeAndValidateKey(distinct.get(i), version));
        }
        List<byte[]> values = run("getMany of " + made.length + " keys",
                connection -> (connection instanceof RedisClusterConnection cluster)
                        ? RedisSlots.mGet(cluster, made, this.batchTimeout) : connection.stringCommands().mGet(made));
        for (int i = 0; i < made.length; i++) {
            byte[] stored = (values != null) ? values.get(i) : null;
            if (stored != null) {
                this.hits.increment();
                found.put(distinct.get(i), this.codec.decode(distinct.get(i), stored));
            }
            else {
                this.misses.increment();
            }
        }
        return found;
    }

    /**
     * {@inheritDoc}
     * <p>Every value is serialized first: one that cannot be fails the call and nothing is stored. Then one pipeline
     * of {@code SET ... PX} (or, for a zero timeout, one {@code DEL}); a connection failure part-way may leave some
     * keys stored, as in Django. On a cluster, the {@code SET}s are all sent before any reply is awaited, and a zero
     * timeout sends one {@code DEL} per slot.
     */
    @Override
    public <K> List<K> setMany(Map<? extends K, ?> data, Timeout timeout, Integer version) {
        Objects.requireNonNull(data, "data");
        if (data.isEmpty()) {
            return new ArrayList<>(0);
        }
        Timeout resolved = resolve(timeout);
        Map<byte[], byte[]> stored = new LinkedHashMap<>();
        data.forEach((key, value) -> stored.put(bytes(makeAndValidateKey(key, version)),
                resolved.isExpired() ? null : this.codec.encode(key, value)));
        String operation = "setMany of " + stored.size() + " keys";
        if (resolved.isExpired()) {
            byte[][] keys = stored.keySet().toArray(new byte[0][]);
            run(operation, keys, connection -> {
                del(connection, keys);
                return null;
            });
            return new ArrayList<>(0);
        }
        Expiration expiration = expiration(resolved);
        run(operation, stored.keySet().toArray(new byte[0][]), connection -> {
            if (connection instanceof RedisClusterConnection cluster) {
                RedisSlots.set(cluster, stored, expiration, this.batchTimeout);
                return null;
            }
            connection.openPipeline();
            boolean closed = false;
            try {
                stored.forEach((key, value) -> connection.stringCommands().set(key, value, expiration,
                        SetOption.upsert()));
                closed = true;
                return connection.closePipeline();
            }
            finally {
                if (!closed) {
                    connection.closePipeline();
                }
            }
        });
        this.puts.add(stored.size());
        return new ArrayList<>(0);
    }

    /**
     * {@inheritDoc}
     * <p>One {@code DEL} of all the keys; on a cluster, one per slot.
     */
    @Override
    public void deleteMany(Collection<?> keys, Integer version) {
        Objects.requireNonNull(keys, "keys");
        if (keys.isEmpty()) {
            return;
        }
        byte[][] made = keys.stream().map(key -> bytes(makeKey(key, version))).toArray(byte[][]::new);
        run("deleteMany of " + made.length + " keys", made, connection -> {
            del(connection, made);
            return null;
        });
    }

    /** {@code DEL} of keys that may live in different slots of a cluster. */
    private void del(RedisConnection connection, byte[][] keys) {
        if (connection instanceof RedisClusterConnection cluster) {
            RedisSlots.del(cluster, keys, this.batchTimeout);
        }
        else {
            connection.keyCommands().del(keys);
        }
    }

    /**
     * {@inheritDoc}
     * <p>Atomic: a script {@code RENAME}s the key to its new version, overwriting what was there, and gives it this
     * cache's default timeout, as Django's generic algorithm does.
     *
     * <p>On a cluster whose slots put the two versions apart, no script can name both keys, so this is Django's
     * generic algorithm itself, in three commands: {@code GET} of the old version, {@code SET} of the new one with the
     * default timeout, then a delete of the old one unless another caller changed it meanwhile (then the newer value
     * stays at the old version, as if it had been set just after the move). When a node fails half way, the call
     * throws {@link CacheUnavailableException} and both keys are remembered as failed writes: the circuit deletes both
     * before the cache serves again, so the value is lost (a miss) but never served at a version it should have left.
     */
    @Override
    public int incrVersion(Object key, int delta, Integer version) {
        int from = resolve(version);
        int to = Math.addExact(from, delta);
        byte[] fromKey = bytes(makeKey(key, from));
        byte[] toKey = bytes(makeAndValidateKey(key, to));
        Timeout moved = defaultTimeout();
        long ttl = moved.isNever() ? -1 : moved.isExpired() ? 0 : millis(moved);
        Long done = run("incrVersion of key '" + key + "'", new byte[][] { fromKey, toKey }, connection -> {
            if (connection instanceof RedisClusterConnection && !RedisSlots.sameSlot(fromKey, toKey)) {
                return moveAcrossSlots(connection, fromKey, toKey, moved);
            }
            return RedisScripts.MOVE_VERSION.run(connection, ReturnType.INTEGER, 2, fromKey, toKey,
                    bytes(Long.toString(ttl)));
        });
        if (done == null || done == 0L) {
            throw notFound(key);
        }
        return to;
    }

    /** {@link #incrVersion}'s move between two slots: get, set, then delete the old key if it still holds it. */
    private static Long moveAcrossSlots(RedisConnection connection, byte[] fromKey, byte[] toKey, Timeout moved) {
        byte[] value = connection.stringCommands().get(fromKey);
        if (value == null) {
            return 0L;
        }
        if (moved.isExpired()) {
            connection.keyCommands().del(toKey);
        }
        else {
            connection.stringCommands().set(toKey, value, expiration(moved), SetOption.upsert());
        }
        RedisScripts.DELETE_IF_EQUAL.run(connection, ReturnType.INTEGER, 1, fromKey, value);
        return 1L;
    }

    /**
     * Removes this cache's keys, and only them: {@code SCAN MATCH} in batches of {@code scan-count} keys, each batch
     * removed with {@code UNLINK}. Never {@code KEYS} (which blocks the server), never {@code FLUSHDB} (which would
     * remove other applications' and other caches' keys).
     *
     * <p>What it matches, with Django's default key function ({@code prefix:version:key}): every key of the form
     * {@code <prefix>:<integer>:<anything>}, at every version. So a cache with prefix {@code "app"} removes
     * {@code app:1:x} and {@code app:2:y}, but not {@code app:admin:1:z} (another cache's, prefix {@code "app:admin"}),
     * nor {@code session:abc}. With an empty prefix it removes every key of the form {@code :<integer>:<anything>}:
     * the keys of every cache of this database without a prefix, which is what sharing an empty prefix means, but no
     * key that such a cache did not make.
     *
     * <p>With another key function: the keys it makes at this cache's version, found by making the key of a marker and
     * matching what it puts before and after the key. A key function whose result does not contain the key, or adds
     * nothing around it, makes this method throw {@link UnsupportedOperationException}: there is no way to tell this
     * cache's keys from others.
     *
     * <p>On a cluster, each primary that serves slots is scanned in turn, and each batch is unlinked one command per
     * slot; a primary that cannot be reached fails the clear, which is then done again on recovery.
     *
     * <p>Keys stored while the scan runs may survive it, as with any cache cleared under load.
     *
     * <p>A clear that fails because the server cannot be reached (or that stops part-way) throws
     * {@link CacheUnavailableException}, and is done again when the server is back, before this cache sends it any
     * other operation.
     * @throws UnsupportedOperationException when the key function leaves no way to find this cache's keys
     * @throws CacheUnavailableException when the server cannot be reached; the keys are then removed on recovery
     */
    @Override
    public void clear() {
        String unsupported = this.keyspace.unsupportedReason();
        if (unsupported != null) {
            throw new UnsupportedOperationException("Cannot clear " + this + ": " + unsupported);
        }
        run("clear of keys matching '" + this.keyspace.glob() + "'", RedisCircuit.EVERY_KEY, (connection) -> {
            unlinkKeyspace(connection);
            return null;
        });
    }

    private void unlinkKeyspace(RedisConnection connection) {
        ScanOptions scan = ScanOptions.scanOptions().match(this.keyspace.glob()).count(this.scanCount).build();
        if (connection instanceof RedisClusterConnection cluster) {
            // SCAN walks one node's keys: every primary that serves slots holds some of this cache's.
            for (RedisClusterNode primary : RedisSlots.servingPrimaries(cluster)) {
                try (Cursor<byte[]> cursor = cluster.scan(primary, scan)) {
                    unlinkScanned(connection, cursor);
                }
            }
            return;
        }
        try (Cursor<byte[]> cursor = connection.keyCommands().scan(scan)) {
            unlinkScanned(connection, cursor);
        }
    }

    private void unlinkScanned(RedisConnection connection, Cursor<byte[]> cursor) {
        List<byte[]> batch = new ArrayList<>(this.scanCount);
        while (cursor.hasNext()) {
            byte[] key = cursor.next();
            if (this.keyspace.contains(new String(key, StandardCharsets.UTF_8))) {
                batch.add(key);
            }
            if (batch.size() >= this.scanCount) {
                unlink(connection, batch);
            }
        }
        unlink(connection, batch);
    }

    private void unlink(RedisConnection connection, List<byte[]> batch) {
        if (!batch.isEmpty()) {
            // UNLINK frees the memory in the background, so a large clear does not stall the server.
            byte[][] keys = batch.toArray(new byte[0][]);
            if (connection instanceof RedisClusterConnection cluster) {
                RedisSlots.unlink(cluster, keys, this.batchTimeout);
            }
            else {
                connection.keyCommands().unlink(keys);
            }
            batch.clear();
        }
    }

    /**
     * Closes the connection this cache opened for its location (a connection factory given to it stays open), and
     * stops probing.
     */
    @Override
    public void close() {
        if (this.closed.compareAndSet(false, true)) {
            this.circuit.close();
            if (this.opened != null) {
                this.opened.close();
            }
        }
    }

    /**
     * {@inheritDoc}
     * <p>A {@code PING}, unless an outage is known: then it fails at once, as every operation does. On a cluster,
     * a {@code PING} of every primary that serves slots.
     */
    @Override
    public void checkAvailable() {
        run("availability check", (connection) -> {
            ping(connection);
            return null;
        });
    }

    /**
     * A {@code PING} of the server, or of each primary of a cluster that serves slots: the cluster is available to
     * this cache when every slot is, since its keys are in every slot.
     */
    private static void ping(RedisConnection connection) {
        if (connection instanceof RedisClusterConnection cluster) {
            for (RedisClusterNode primary : RedisSlots.servingPrimaries(cluster)) {
                cluster.ping(primary);
            }
        }
        else {
            connection.ping();
        }
    }

    /**
     * Tells whether this cache fails operations fast because its server could not be reached.
     * @return {@code true} from an operation's failure to reach the server until a probe found it back
     */
    public boolean isFailingFast() {
        return this.circuit.isOpen();
    }

    RedisCircuit circuit() {
        return this.circuit;
    }

    /** Runs an operation that writes no key. */
    private <T> T run(String operation, Function<RedisConnection, T> action) {
        return run(operation, RedisCircuit.NO_KEY, action);
    }

    /** Runs an operation that writes one key, {@code written} as made by {@code makeKey}. */
    private <T> T run(String operation, byte[] written, Function<RedisConnection, T> action) {
        return run(operation, new byte[][] { written }, action);
    }

    /**
     * Runs one operation on a connection, unless the circuit is open, and turns a failure to reach the server into
     * {@link CacheUnavailableException}. The keys it writes (as made by {@code makeKey}, or
     * {@link RedisCircuit#EVERY_KEY}) are remembered when it fails that way, to be invalidated on recovery.
     */
    private <T> T run(String operation, byte[][] written, Function<RedisConnection, T> action) {
        this.circuit.admit(operation, written);
        try (RedisConnection connection = this.connectionFactory.getConnection()) {
            return action.apply(connection);
        }
        catch (RuntimeException ex) {
            RuntimeException translated = RedisFaults.translate(this.where, operation, ex);
            if (translated instanceof CacheUnavailableException unavailable) {
                this.circuit.failed(written, unavailable);
            }
            throw translated;
        }
    }

    /**
     * What the circuit's probe runs, bypassing the circuit: a {@code PING}, then the deletion of the keys whose
     * writes failed, then a clear when one is due. Throws, leaving the circuit open, while the server cannot be
     * reached.
     */
    private void recover(List<byte[]> keys, boolean clearEveryKey) {
        try (RedisConnection connection = this.connectionFactory.getConnection()) {
            ping(connection);
            for (int from = 0; from < keys.size(); from += this.scanCount) {
                List<byte[]> batch = keys.subList(from, Math.min(keys.size(), from + this.scanCount));
                del(connection, batch.toArray(new byte[0][]));
            }
            if (clearEveryKey) {
                if (this.keyspace.unsupportedReason() != null) {
                    // Cannot happen through clear(), which refuses such a cache; only after an overflow.
                    LOGGER.log(System.Logger.Level.WARNING, "Writes to " + this + " failed during an outage beyond "
                            + "the bound of remembered keys, and this cache cannot be cleared ("
                            + this.keyspace.unsupportedReason() + "): values written before may be served");
                }
                else {
                    unlinkKeyspace(connection);
                }
            }
        }
    }

    private static Expiration expiration(Timeout timeout) {
        return timeout.isNever() ? Expiration.persistent() : Expiration.milliseconds(millis(timeout));
    }

    /** A finite timeout in whole milliseconds, rounded up: a timeout shorter than 1 ms still keeps the value 1 ms. */
    private static long millis(Timeout timeout) {
        Duration duration = timeout.toDuration();
        long millis = duration.toMillis();
        return (duration.toNanosPart() % 1_000_000 != 0) ? millis + 1 : Math.max(millis, 1);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "RedisCache[" + this.where + ", keyPrefix='" + keyPrefix() + "', version=" + version() + ", serializer="
                + this.codec.description() + "]";
    }

    /** Builds a {@link RedisCache}; starts from Django's defaults and {@code redis://localhost:6379/0}. */
    public static final class Builder extends AliasSettingsBuilder<Builder> {

        private String location = "";

        private RedisConnectionFactory connectionFactory;

        private String serializer = "jdk";

        private RedisSerializer<Object> valueSerializer;

        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;

        private int scanCount = DEFAULT_SCAN_COUNT;

        private Path trustCertificates;

        private Duration probeInterval = DEFAULT_PROBE_INTERVAL;

        private int maxPendingInvalidations = DEFAULT_MAX_PENDING_INVALIDATIONS;

        private Builder() {
        }

        /**
         * Sets where Redis is: {@code redis://host:port/db}, {@code rediss://host:port/db} (TLS),
         * {@code redis-sentinel://host:port,host:port/db#master}, or a cluster's seed nodes,
         * {@code redis://host1:port1,redis://host2:port2,...}; a password goes in the user-info part
         * ({@code redis://:secret@host:6379/0}).
         * @param location the URI; {@code null} or empty for {@code redis://localhost:6379/0}, or for the
         *     {@linkplain #connectionFactory connection factory}
         * @return this builder
         */
        public Builder location(String location) {
            this.location = (location != null) ? location.trim() : "";
            return this;
        }

        /**
         * Uses a connection factory that the caller owns (a Spring Boot application's) instead of opening one for a
         * location. Closing the cache leaves it open; its own timeouts apply.
         * @param connectionFactory the factory, or {@code null} to open one for the location
         * @return this builder
         */
        public Builder connectionFactory(RedisConnectionFactory connectionFactory) {
            this.connectionFactory = connectionFactory;
            return this;
        }

        /**
         * Sets how values other than integers are stored.
         * @param serializer {@code jdk} (JDK serialization, the default) or {@code json} (Jackson 3, with the class
         *     name in each value; needs {@code tools.jackson.core:jackson-databind})
         * @return this builder
         * @throws IllegalArgumentException for another name
         */
        public Builder serializer(String serializer) {
            String name = Objects.requireNonNull(serializer, "serializer").trim().toLowerCase(Locale.ROOT);
            if (!name.equals("jdk") && !name.equals("json")) {
                throw new IllegalArgumentException("Option 'serializer' must be 'jdk' or 'json', but was '"
                        + serializer + "'");
            }
            this.serializer = name;
            this.valueSerializer = null;
            return this;
        }

        /**
         * Stores values other than integers with a serializer of the caller's. Its output must not be mistakable for
         * an integer or a JDK stream (such values are stored with JDK serialization instead), and {@code null} is
         * stored as the four bytes {@code null}.
         * @param valueSerializer the serializer
         * @return this builder
         */
        public Builder valueSerializer(RedisSerializer<Object> valueSerializer) {
            this.valueSerializer = Objects.requireNonNull(valueSerializer, "valueSerializer");
            return this;
        }

        /**
         * Sets the command and connect timeout of the connection this cache opens for its location (not of a given
         * connection factory).
         * @param commandTimeout how long an operation waits for Redis before it fails; default 2 s
         * @return this builder
         */
        public Builder commandTimeout(Duration commandTimeout) {
            Objects.requireNonNull(commandTimeout, "commandTimeout");
            if (commandTimeout.isZero() || commandTimeout.isNegative()) {
                throw new IllegalArgumentException("commandTimeout must be positive, but was " + commandTimeout);
            }
            this.commandTimeout = commandTimeout;
            return this;
        }

        /**
         * Makes a {@code rediss://} location this cache opens trust the certificates of a PEM file, instead of the
         * JVM's trust store (a connection factory given to it keeps its own TLS settings).
         * @param trustCertificates the file, or {@code null} for the JVM's trust store
         * @return this builder
         */
        public Builder trustCertificates(Path trustCertificates) {
            this.trustCertificates = trustCertificates;
            return this;
        }

        /**
         * Sets how many keys {@link RedisCache#clear()} scans for and deletes at a time.
         * @param scanCount the batch size; default 1000
         * @return this builder
         */
        public Builder scanCount(int scanCount) {
            if (scanCount <= 0) {
                throw new IllegalArgumentException("scanCount must be positive, but was " + scanCount);
            }
            this.scanCount = scanCount;
            return this;
        }

        /**
         * Sets how long the background probe waits between attempts to reach the server while the cache fails
         * fast. Each attempt is a {@code PING} that may itself wait up to the command timeout.
         * @param probeInterval the pause between attempts; default {@link RedisCache#DEFAULT_PROBE_INTERVAL}
         * @return this builder
         */
        public Builder probeInterval(Duration probeInterval) {
            Objects.requireNonNull(probeInterval, "probeInterval");
            if (probeInterval.isZero() || probeInterval.isNegative()) {
                throw new IllegalArgumentException("probeInterval must be positive, but was " + probeInterval);
            }
            this.probeInterval = probeInterval;
            return this;
        }

        /**
         * Sets how many distinct keys whose writes failed during an outage are remembered, to be deleted when the
         * server is back. Past that many, they are forgotten and the whole cache is cleared on recovery instead.
         * @param maxPendingInvalidations the bound; default {@link RedisCache#DEFAULT_MAX_PENDING_INVALIDATIONS}
         * @return this builder
         */
        public Builder maxPendingInvalidations(int maxPendingInvalidations) {
            if (maxPendingInvalidations <= 0) {
                throw new IllegalArgumentException("maxPendingInvalidations must be positive, but was "
                        + maxPendingInvalidations);
            }
            this.maxPendingInvalidations = maxPendingInvalidations;
            return this;
        }

        private RedisValueCodec codec() {
            if (this.valueSerializer != null) {
                return RedisValueCodec.of(this.valueSerializer, this.valueSerializer.getClass().getSimpleName());
            }
            return this.serializer.equals("json") ? RedisValueCodec.of(JsonValueSerializer.create(), "json")
                    : RedisValueCodec.jdk();
        }

        /**
         * Builds the cache. Nothing is sent to Redis yet: the connection opens on first use.
         * @return the cache, which must be closed
         * @throws IllegalArgumentException for a bad location, or a location given together with a factory
         */
        public RedisCache build() {
            if (this.connectionFactory != null && !this.location.isEmpty()) {
                throw new InvalidCacheSettingException("location", RedisLocation.withoutPassword(this.location),
                        "Give a Redis location or a connection factory, not both: with a factory, the location "
                                + "must be empty");
            }
            return new RedisCache(this);
        }
    }
}
