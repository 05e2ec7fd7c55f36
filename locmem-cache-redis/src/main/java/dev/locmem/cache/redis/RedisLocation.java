package dev.locmem.cache.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode.NodeFlag;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.locmem.cache.InvalidCacheSettingException;

/**
 * A cache's {@code location}: a Redis URI as Lettuce reads it, and the connection factory this module opens for it.
 *
 * <p>Accepted: {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://...} for TLS,
 * {@code redis-sentinel://[password@]host1[:port1][,host2[:port2]]...[/database]#masterId} for Sentinel
 * ({@code rediss-sentinel://...} for Sentinel over TLS, the Sentinels and the primary alike), and for
 * Redis Cluster a comma-separated list of two or more seed nodes, {@code redis://host1:port1,redis://host2:port2,...}
 * (all {@code redis://} or all {@code rediss://}, database 0, the credentials of the first), from which the client
 * learns the whole cluster. An empty location is {@link #DEFAULT_URI}. Messages name the server as
 * {@code host:port/database}, never the password.
 *
 * <p><b>Cluster topology.</b> The client follows a failover or a resharding by itself: it reads the topology again
 * when a node redirects it ({@code MOVED}, {@code ASK}) or cannot be reached again and again (Lettuce's adaptive
 * triggers, at most once per {@link #ADAPTIVE_REFRESH_LIMIT}), and every {@link #PERIODIC_REFRESH} in any case; and it
 * does not connect to nodes the cluster marks as failed.
 */
final class RedisLocation {

    /** What an empty location stands for. */
    static final String DEFAULT_URI = "redis://localhost:6379/0";

    /** The setting a bad location is reported as. */
    private static final String SETTING = "location";

    /**
     * How often a cluster client may read the topology again on a trigger (a redirect, reconnects that keep
     * failing): often enough to follow a failover within seconds, Lettuce's own default being half a minute.
     */
    static final Duration ADAPTIVE_REFRESH_LIMIT = Duration.ofSeconds(1);

    /** How often a cluster client reads the topology again without a trigger, to find nodes added or moved. */
    static final Duration PERIODIC_REFRESH = Duration.ofSeconds(10);

    /**
     * How soon Lettuce retries a lost connection: quickly at first, then at most once a second, so that a cache works
     * again within about a second of its server coming back (Lettuce's own default backs off to 30 s).
     */
    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2,
            TimeUnit.MILLISECONDS);

    private final RedisURI uri;

    /** The seed nodes of a cluster, the first being {@link #uri}; empty for a standalone server or Sentinel. */
    private final List<RedisURI> seeds;

    private final String description;

    private RedisLocation(RedisURI uri, List<RedisURI> seeds, String description) {
        this.uri = uri;
        this.seeds = List.copyOf(seeds);
        this.description = description;
    }

    /**
     * Parses a location.
     * @throws IllegalArgumentException for a location that is not a Redis URI, naming it without its password
     */
    static RedisLocation parse(String location) {
        String text = (location == null || location.isBlank()) ? DEFAULT_URI : location.trim();
        if (text.contains(",") && (text.startsWith("redis://") || text.startsWith("rediss://"))) {
            return parseCluster(text);
        }
        RedisURI uri;
        try {
            requireHostAndPort(text);
            uri = RedisURI.create(text);
        }
        catch (RuntimeException ex) {
            throw new InvalidCacheSettingException(SETTING, withoutPassword(text), "Invalid Redis location '"
                    + withoutPassword(text) + "': " + ex.getMessage() + "; expected redis://host:port/db, "
                    + "rediss://host:port/db or redis-sentinel://host:port,host:port/db#master", ex);
        }
        if (uri.getSocket() != null) {
            throw new InvalidCacheSettingException(SETTING, withoutPassword(text), "Invalid Redis location '"
                    + withoutPassword(text) + "': Unix domain sockets are not supported; expected "
                    + "redis://host:port/db");
        }
        return new RedisLocation(uri, List.of(), describe(uri));
    }

    /** A cluster's seed list: every element a {@code redis://} (or every one a {@code rediss://}) URI, database 0. */
    private static RedisLocation parseCluster(String text) {
        String shown = withoutPassword(text);
        List<RedisURI> seeds = new ArrayList<>();
        for (String element : text.split(",")) {
            String seed = element.trim();
            String problem = null;
            RedisURI uri = null;
            if (!seed.startsWith("redis://") && !seed.startsWith("rediss://")) {
                problem = "seed '" + withoutPassword(seed) + "' is not a redis:// or rediss:// URI";
            }
            else {
                try {
                    requireHostAndPort(seed);
                    uri = RedisURI.create(seed);
                }
                catch (RuntimeException ex) {
                    problem = "seed '" + withoutPassword(seed) + "': " + ex.getMessage();
                }
            }
            if (uri != null && uri.getDatabase() != 0) {
                problem = "seed '" + withoutPassword(seed) + "' names database " + uri.getDatabase()
                        + ", but a cluster has database 0 only";
            }
            if (uri != null && !seeds.isEmpty() && uri.isSsl() != seeds.get(0).isSsl()) {
                problem = "seeds mix redis:// and rediss://";
            }
            if (problem != null) {
                throw new InvalidCacheSettingException(SETTING, shown, "Invalid Redis Cluster location '" + shown
                        + "': " + problem + "; expected redis://host1:port1,redis://host2:port2,... (all redis:// or "
                        + "all rediss://, no database)");
            }
            seeds.add(uri);
        }
        String description = "Redis Cluster via " + seeds.stream().map((seed) -> seed.getHost() + ":" + seed.getPort())
                .collect(Collectors.joining(","));
        return new RedisLocation(seeds.get(0), seeds, description);
    }

    /**
     * Whether this location is a cluster's seed list.
     * @return {@code true} for two or more seed nodes
     */
    boolean isCluster() {
        return !this.seeds.isEmpty();
    }

    /**
     * Whether this location reaches its primary through Sentinel.
     * @return {@code true} for {@code redis-sentinel://}
     */
    boolean isSentinel() {
        return !this.uri.getSentinels().isEmpty();
    }

    /**
     * Whether the connection is TLS ({@code rediss://}).
     * @return {@code true} for TLS
     */
    boolean isTls() {
        return this.uri.isSsl();
    }

    /**
     * Lettuce takes {@code redis://host:oops/0} for host {@code "host:oops"}; the JDK's URI parser refuses it, so a
     * typo fails here rather than as an unknown host on first use. (Sentinel lists are not URIs the JDK can parse.)
     */
    private static void requireHostAndPort(String text) {
        if (!text.startsWith("redis://") && !text.startsWith("rediss://")) {
            return;
        }
        URI parsed;
        try {
            parsed = new URI(text);
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("not a URI (" + ex.getReason() + ")", ex);
        }
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("no host, or a port that is not a number");
        }
    }

    /** The server, for messages: {@code Redis at host:port/db}. */
    String description() {
        return this.description;
    }

    /**
     * Opens a connection factory of this module's own, which the caller must {@link Opened#close() close}.
     *
     * <p>Its client fails fast and recovers by itself: commands are rejected at once while the connection is down
     * (Lettuce would otherwise queue them until they time out), connecting and each command give up after
     * {@code commandTimeout}, and a lost connection is re-established in the background with {@link #RECONNECT_DELAY}.
     * Connecting is lazy: a cache can be created while its server is down. A cluster client also follows the
     * topology (see the class's Javadoc).
     * @param commandTimeout how long a connect or a command waits
     * @param trustCertificates a PEM file of the certificates that a TLS connection trusts, or {@code null} for the
     *     JVM's trust store
     */
    Opened open(Duration commandTimeout, Path trustCertificates) {
        ClientResources resources = DefaultClientResources.builder()
                // A cache's traffic is small; Lettuce's default is one thread per core for each pool, per cache.
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(RECONNECT_DELAY)
                .build();
        ClientOptions.Builder options = isCluster() ? clusterOptions() : ClientOptions.builder();
        options.autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build());
        if (trustCertificates != null) {
            options.sslOptions(SslOptions.builder().jdkSslProvider().trustManager(trustCertificates.toFile()).build());
        }
        LettuceClientConfiguration clientConfiguration = LettuceClientConfiguration.builder()
                .apply(this.uri)
                .clientResources(resources)
                .clientOptions(options.build())
                .commandTimeout(commandTimeout)
                .shutdownTimeout(Duration.ZERO)
                .build();
        LettuceConnectionFactory factory = isCluster()
                ? new LettuceConnectionFactory(clusterConfiguration(), clientConfiguration)
                : new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(this.uri),
                        clientConfiguration);
        try {
            factory.afterPropertiesSet();
            if (!factory.isRunning()) {
                factory.start();
            }
        }
        catch (RuntimeException ex) {
            factory.destroy();
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw ex;
        }
        return new Opened(factory, resources);
    }

    private static ClusterClientOptions.Builder clusterOptions() {
        ClusterTopologyRefreshOptions refresh = ClusterTopologyRefreshOptions.builder()
                .enableAllAdaptiveRefreshTriggers()
                .adaptiveRefreshTriggersTimeout(ADAPTIVE_REFRESH_LIMIT)
                // A node that keeps failing to reconnect is what a dead primary looks like: ask for the topology soon.
                .refreshTriggersReconnectAttempts(2)
                .enablePeriodicRefresh(PERIODIC_REFRESH)
                .build();
        return ClusterClientOptions.builder()
                .topologyRefreshOptions(refresh)
                // A primary that failed over stays in the topology, flagged; connecting to it only costs timeouts.
                .nodeFilter((node) -> !(node.is(NodeFlag.FAIL) || node.is(NodeFlag.EVENTUAL_FAIL)
                        || node.is(NodeFlag.NOADDR)));
    }

    private RedisClusterConfiguration clusterConfiguration() {
        RedisClusterConfiguration cluster = new RedisClusterConfiguration(
                this.seeds.stream().map((seed) -> seed.getHost() + ":" + seed.getPort()).toList());
        if (this.uri.getUsername() != null) {
            cluster.setUsername(this.uri.getUsername());
        }
        if (this.uri.getPassword() != null && this.uri.getPassword().length > 0) {
            cluster.setPassword(RedisPassword.of(this.uri.getPassword()));
        }
        return cluster;
    }

    /**
     * Checks a trust-certificates file before it is used: it must be a readable file.
     * @throws InvalidCacheSettingException naming {@code setting} when it is not
     */
    static Path trustCertificates(String setting, Object value) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        Path path = Path.of(value.toString().trim());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw InvalidCacheSettingException.accepting(setting, value, "Option '"
                    + setting.substring(setting.indexOf('.') + 1) + "' names " + path.toAbsolutePath()
                    + ", which is not a readable file", "the path of a PEM file of the certificates to trust");
        }
        return path;
    }

    /**
     * Names the server behind a connection factory that the application gave, for messages.
     * @return {@code Redis at host:port/db} for a standalone Lettuce factory, else what kind of factory it is
     */
    static String describe(RedisConnectionFactory factory) {
        if (factory instanceof LettuceConnectionFactory lettuce) {
            if (lettuce.isRedisSentinelAware()) {
                return "Redis Sentinel master '" + lettuce.getSentinelConfiguration().getMaster().getName()
                        + "' (database " + lettuce.getDatabase() + ")";
            }
            if (lettuce.isClusterAware()) {
                return "Redis Cluster via " + lettuce.getClusterConfiguration().getClusterNodes().stream()
                        .map((node) -> node.getHost() + ":" + node.getPort()).collect(Collectors.joining(","));
            }
            return "Redis at " + lettuce.getHostName() + ":" + lettuce.getPort() + "/" + lettuce.getDatabase();
        }
        return "Redis (" + factory.getClass().getSimpleName() + ")";
    }

    private static String describe(RedisURI uri) {
        if (!uri.getSentinels().isEmpty()) {
            return "Redis Sentinel master '" + uri.getSentinelMasterId() + "' via "
                    + uri.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort())
                            .collect(Collectors.joining(","))
                    + " (database " + uri.getDatabase() + ")";
        }
        return "Redis at " + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    /** Drops the user-info part ({@code user:password@}) of a URI, for messages. */
    static String withoutPassword(String text) {
        int scheme = text.indexOf("://");
        int at = text.lastIndexOf('@');
        if (scheme >= 0 && at > scheme) {
            return text.substring(0, scheme + 3) + "***@" + text.substring(at + 1);
        }
        return text;
    }

    @Override
    public String toString() {
        return this.description;
    }

    /** A connection factory that this module opened, with the client resources it alone uses. */
    static final class Opened implements AutoCloseable {

        final LettuceConnectionFactory factory;

        private final ClientResources resources;

        Opened(LettuceConnectionFactory factory, ClientResources resources) {
            this.factory = factory;
            this.resources = resources;
        }

        /** Closes the connections, then stops the client's threads (a factory never stops resources given to it). */
        @Override
        public void close() {
            try {
                this.factory.destroy();
            }
            finally {
                try {
                    this.resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                catch (Exception ex) {
                    // Threads that outlive a timeout are daemons of a client no one uses any more; nothing to undo.
                }
            }
        }
    }
}
