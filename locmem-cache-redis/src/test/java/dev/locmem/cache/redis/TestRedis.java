package dev.locmem.cache.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The Redis server this module's tests share: one real {@code redis-server} per test JVM, started on a free loopback
 * port when a test first asks for its {@linkplain #port() port}, and killed by pid when the JVM exits
 * ({@link RedisServerProcess}). It needs no Redis installed, so these tests always run: there is no skip, and when no
 * server can be started every test class that needs it fails, saying what was tried.
 *
 * <p>Databases: the contract test owns database {@link #CONTRACT_DATABASE} and empties it before each test; the other
 * tests use database {@link #DATABASE} with a key prefix of their own per test, and delete what they wrote.
 */
final class TestRedis {

    static final String HOST = RedisServerProcess.HOST;

    /** The database of the Redis-specific tests, shared with nothing else of the test suite. */
    static final int DATABASE = 14;

    /** The database the contract test empties before each of its tests. */
    static final int CONTRACT_DATABASE = 15;

    private static RedisServerProcess server;

    private TestRedis() {
    }

    /**
     * The test server's port, starting the server on the first call. A failed start is tried again on the next call,
     * so that every test class that needs the server fails with the reason, not only the first.
     */
    static synchronized int port() {
        if (server == null) {
            try {
                server = RedisServerProcess.startOnFreePort();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("The test server's working folder cannot be made", ex);
            }
        }
        return server.port();
    }

    /** The location of a database of the test server. */
    static String location(int database) {
        return "redis://" + HOST + ":" + port() + "/" + database;
    }

    /**
     * Another client of the server, to look at what the cache stored without going through it: plain Lettuce with
     * string keys and values.
     */
    static final class RawClient implements AutoCloseable {

        private final RedisClient client;

        private final StatefulRedisConnection<String, String> connection;

        /** A client of a database of the shared test server. */
        RawClient(int database) {
            this(port(), database);
        }

        /** A client of a database of the server on {@code port}: a test's own server. */
        RawClient(int port, int database) {
            this.client = RedisClient.create(RedisURI.Builder.redis(HOST, port).withDatabase(database)
                    .withTimeout(Duration.ofSeconds(5)).build());
            this.connection = this.client.connect();
        }

        RedisCommands<String, String> commands() {
            return this.connection.sync();
        }

        @Override
        public void close() {
            this.connection.close();
            this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }
}
