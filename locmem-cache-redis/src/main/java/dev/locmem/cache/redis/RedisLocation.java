package dev.locmem.cache.redis;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.locmem.cache.InvalidCacheSettingException;

/**
 * A cache's {@code location}: a Redis URI as Lettuce reads it, and the connection factory this module opens for it.
 *
 * <p>Accepted: {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://...} for TLS, and
 * {@code redis-sentinel://[password@]host1[:port1][,host2[:port2]]...[/database]#masterId} for Sentinel. An empty
 * location is {@link #DEFAULT_URI}. Messages name the server as {@code host:port/database}, never the password.
 */
final class RedisLocation {

    /** What an empty location stands for. */
    static final String DEFAULT_URI = "redis://localhost:6379/0";

    /**
     * How soon Lettuce retries a lost connection: quickly at first, then at most once a second, so that a cache works
     * again within about a second of its server coming back (Lettuce's own default backs off to 30 s).
     */
    /** The setting a bad location is reported as. */
    private static final String SETTING = "location";

    private static final Delay RECONNECT_DELAY = Delay.exponential(Duration.ofMillis(20), Duration.ofSeconds(1), 2,
            TimeUnit.MILLISECONDS);

    private final RedisURI uri;

    private final String description;

    private RedisLocation(RedisURI uri, String description) {
        this.uri = uri;
        this.description = description;
    }

    /**
     * Parses a location.
     * @throws IllegalArgumentException for a location that is not a Redis URI, naming it without its password
     */
    static RedisLocation parse(String location) {
        String text = (location == null || location.isBlank()) ? DEFAULT_URI : location.trim();
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
        return new RedisLocation(uri, describe(uri));
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
     * Connecting is lazy: a cache can be created while its server is down.
     */
    Opened open(Duration commandTimeout) {
        ClientResources resources = DefaultClientResources.builder()
                // A cache's traffic is small; Lettuce's default is one thread per core for each pool, per cache.
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(RECONNECT_DELAY)
                .build();
        ClientOptions options = ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
                .build();
        LettuceClientConfiguration clientConfiguration = LettuceClientConfiguration.builder()
                .apply(this.uri)
                .clientResources(resources)
                .clientOptions(options)
                .commandTimeout(commandTimeout)
                .shutdownTimeout(Duration.ZERO)
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(
                LettuceConnectionFactory.createRedisConfiguration(this.uri), clientConfiguration);
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
            if (!lettuce.isClusterAware()) {
                return "Redis at " + lettuce.getHostName() + ":" + lettuce.getPort() + "/" + lettuce.getDatabase();
            }
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
