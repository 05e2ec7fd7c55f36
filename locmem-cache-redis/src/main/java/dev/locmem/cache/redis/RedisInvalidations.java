package dev.locmem.cache.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.TrackingArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.push.PushListener;
import io.lettuce.core.api.push.PushMessage;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.ProtocolVersion;
import io.lettuce.core.resource.ClientResources;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The server's word on which keys changed: one connection of its own, in RESP3, with
 * {@code CLIENT TRACKING ON BCAST PREFIX <head>}, on which Redis pushes an {@code invalidate} message for every key
 * with that head that anyone writes, expires, evicts or flushes. What it hears goes to a {@link Listener}.
 *
 * <p>Why this shape. {@code BCAST} makes the server's promise independent of what this process read: no tracking
 * table on the server (the default mode's costs memory per key read and drops keys past
 * {@code tracking-table-max-keys}), and no tie to the data connections, which Lettuce reconnects behind our back
 * without re-enabling tracking. RESP3 puts the pushes on the same connection that asked for them, so there is one
 * connection whose loss means "invalidations may have been missed"; with RESP2 a second (subscribed) connection would
 * receive them, and losing either would have to be noticed apart ({@code tracking-redir-broken} covers one of the
 * two). {@code NOLOOP} would change nothing: this connection writes no key.
 *
 * <p>Losing the connection (closed by the server, {@code CLIENT KILL}, a restart, or a heartbeat {@code PING} that
 * gets no answer in time) is told to the listener at once, before anything else, and then a new connection is tried
 * every retry interval until tracking is on again; only then is the listener told that tracking started. Lettuce's
 * own reconnect is off for this connection: a reconnected connection would not be tracking.
 */
final class RedisInvalidations implements AutoCloseable {

    private static final System.Logger LOGGER = System.getLogger(RedisInvalidations.class.getName());

    /** What a near cache does with what the server says. Called from Lettuce's and this class's threads. */
    interface Listener {

        /** A key changed on the server (or expired, or was evicted). */
        void invalidated(String key);

        /** The database was flushed ({@code FLUSHDB}/{@code FLUSHALL}): every key changed. */
        void flushed();

        /** Invalidations may be missed from now on, until {@link #started()}. */
        void lost(String reason);

        /** The server tracks again: every change from now on will be told. */
        void started();
    }

    /** Where the tracking connection stands. */
    enum State {
        /** No connection tracks now; one is being tried. */
        CONNECTING,
        /** The server pushes invalidations on a live connection. */
        TRACKING,
        /** Closed with the cache. */
        CLOSED
    }

    private final String where;

    private final RedisURI uri;

    private volatile String head;

    private final Duration heartbeat;

    private final Duration retry;

    private final Listener listener;

    private final RedisClient client;

    private final ScheduledExecutorService scheduler;

    /** Guarded by {@code this}. */
    private StatefulRedisConnection<byte[], byte[]> connection;

    private volatile State state = State.CONNECTING;

    private volatile String lastFailure = "not connected yet";

    RedisInvalidations(String where, RedisURI uri, ClientResources resources, String head, Duration heartbeat,
            Duration retry, Listener listener) {
        this.where = where;
        this.uri = uri;
        this.head = Objects.requireNonNull(head, "head");
        this.heartbeat = heartbeat;
        this.retry = retry;
        this.listener = listener;
        this.client = (resources != null) ? RedisClient.create(resources, uri) : RedisClient.create(uri);
        this.client.setOptions(ClientOptions.builder().protocolVersion(ProtocolVersion.RESP3).autoReconnect(false)
                .timeoutOptions(TimeoutOptions.enabled(uri.getTimeout())).build());
        this.client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> closed) {
                connectionLost(closed, "the connection was closed");
            }
        });
        this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "locmem-near-cache-tracking[" + where + "]");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The URI of a connection factory's server, for the tracking connection.
     * @throws IllegalArgumentException for a factory whose server a tracking connection cannot reach alone
     */
    static RedisURI uriOf(RedisConnectionFactory factory, Duration timeout) {
        if (!(factory instanceof LettuceConnectionFactory lettuce)) {
            throw new IllegalArgumentException("A near cache needs a Lettuce connection factory, not "
                    + factory.getClass().getName());
        }
        if (lettuce.isClusterAware() || lettuce.getSentinelConfiguration() != null) {
            throw new IllegalArgumentException("A near cache runs on a standalone Redis server only; Cluster and "
                    + "Sentinel would need a tracking connection per node");
        }
        // The factory's getters answer for the configuration it runs on, whichever form it was created with.
        RedisURI.Builder uri = RedisURI.builder().withHost(lettuce.getHostName()).withPort(lettuce.getPort())
                .withDatabase(lettuce.getDatabase()).withSsl(lettuce.isUseSsl()).withTimeout(timeout);
        RedisStandaloneConfiguration standalone = lettuce.getStandaloneConfiguration();
        String username = (standalone != null) ? standalone.getUsername() : null;
        String password = lettuce.getPassword();
        if (password != null && !password.isEmpty()) {
            if (username != null) {
                uri.withAuthentication(username, password);
            }
            else {
                uri.withPassword(password.toCharArray());
            }
        }
        return uri.build();
    }

    /** Starts connecting, in the background. */
    void start() {
        this.scheduler.execute(this::connect);
        long every = this.heartbeat.toMillis();
        this.scheduler.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * Tracks keys that start with {@code widened} from now on: when that differs from the prefix tracked now, the
     * connection is dropped (the listener hears it lost) and tracking starts again with the new prefix.
     */
    void prefix(String widened) {
        if (widened.equals(this.head)) {
            return;
        }
        this.head = widened;
        connectionLost(null, "the tracked prefix widened to '" + widened + "'");
    }

    State state() {
        return this.state;
    }

    /** Why tracking last stopped or failed to start, for health details. */
    String lastFailure() {
        return this.lastFailure;
    }

    /** The server's client id of the tracking connection, or -1 when none tracks; for tests that kill it. */
    synchronized long clientId() {
        return (this.connection != null && this.state == State.TRACKING) ? this.connection.sync().clientId() : -1;
    }

    private void connect() {
        if (this.state == State.CLOSED) {
            return;
        }
        StatefulRedisConnection<byte[], byte[]> opened = null;
        try {
            opened = this.client.connect(ByteArrayCodec.INSTANCE);
            opened.addListener((PushListener) this::pushed);
            TrackingArgs tracking = TrackingArgs.Builder.enabled().bcast();
            if (!this.head.isEmpty()) {
                tracking.prefixes(StandardCharsets.UTF_8, this.head);
            }
            opened.sync().clientTracking(tracking);
            synchronized (this) {
                if (this.state == State.CLOSED) {
                    opened.closeAsync();
                    return;
                }
                this.connection = opened;
                this.state = State.TRACKING;
            }
            this.listener.started();
            LOGGER.log(System.Logger.Level.INFO, "Near cache of " + this.where + ": tracking keys starting with '"
                    + this.head + "'");
        }
        catch (RuntimeException ex) {
            this.lastFailure = ex.getMessage();
            if (opened != null) {
                opened.closeAsync();
            }
            LOGGER.log(System.Logger.Level.DEBUG, "Near cache of " + this.where + ": tracking could not start", ex);
            retryLater();
        }
    }

    private void retryLater() {
        if (this.state != State.CLOSED) {
            this.scheduler.schedule(this::connect, this.retry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A {@code PING} on the tracking connection: Redis answers in order, so a {@code PONG} means every invalidation
     * sent before it has arrived; no answer in time means the connection may be dead without having closed.
     */
    private void beat() {
        StatefulRedisConnection<byte[], byte[]> current;
        synchronized (this) {
            current = (this.state == State.TRACKING) ? this.connection : null;
        }
        if (current == null) {
            return;
        }
        try {
            current.async().ping().get(this.uri.getTimeout().toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            connectionLost(current, "the heartbeat PING got no answer: " + ex);
        }
    }

    private void pushed(PushMessage message) {
        String type = message.getType();
        if ("invalidate".equals(type)) {
            List<Object> content = message.getContent();
            Object keys = (content.size() > 1) ? content.get(1) : null;
            if (keys == null) {
                this.listener.flushed();
                return;
            }
            for (Object key : (List<?>) keys) {
                this.listener.invalidated(text(key));
            }
        }
        else if ("tracking-redir-broken".equals(type)) {
            connectionLost(null, "the server reported tracking-redir-broken");
        }
    }

    private static String text(Object key) {
        if (key instanceof ByteBuffer buffer) {
            return StandardCharsets.UTF_8.decode(buffer.duplicate()).toString();
        }
        return (key instanceof byte[] bytes) ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(key);
    }

    /**
     * Tracking ended on {@code lost} (or on the current connection, for {@code null}): the listener hears it first,
     * then the connection is closed and a new one tried.
     */
    private void connectionLost(Object lost, String reason) {
        StatefulRedisConnection<byte[], byte[]> ended;
        synchronized (this) {
            if (this.state != State.TRACKING || (lost != null && lost != this.connection)) {
                return;
            }
            ended = this.connection;
            this.connection = null;
            this.state = State.CONNECTING;
        }
        this.lastFailure = reason;
        this.listener.lost(reason);
        LOGGER.log(System.Logger.Level.WARNING, "Near cache of " + this.where + ": tracking lost (" + reason
                + "); serving from Redis only until it is back");
        ended.closeAsync();
        retryLater();
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> ended;
        synchronized (this) {
            this.state = State.CLOSED;
            ended = this.connection;
            this.connection = null;
        }
        this.scheduler.shutdownNow();
        if (ended != null) {
            ended.close();
        }
        this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    @Override
    public String toString() {
        return "RedisInvalidations[" + this.where + ", head='" + this.head + "', " + this.state + "]";
    }
}
