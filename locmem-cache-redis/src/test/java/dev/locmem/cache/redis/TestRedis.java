package dev.locmem.cache.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Redis server the tests run against: {@code 127.0.0.1:6379} (CI starts it), or the port in the environment
 * variable {@code LOCMEM_TEST_REDIS_PORT}.
 *
 * <p>When it cannot be reached, tests fail if the environment variable {@code CI} is {@code true} (a missing server
 * must not turn a CI run green), and are skipped with the reason otherwise, so that a build without Redis still runs
 * the other modules' tests.
 *
 * <p>Databases: the contract test owns database {@link #CONTRACT_DATABASE} and empties it before each test; the other
 * tests use database {@link #DATABASE} with a key prefix of their own per test, and delete what they wrote.
 */
final class TestRedis {

    static final String HOST = "127.0.0.1";

    static final int PORT = port();

    /** The database of the Redis-specific tests, shared with nothing else of the test suite. */
    static final int DATABASE = 14;

    /** The database the contract test empties before each of its tests. */
    static final int CONTRACT_DATABASE = 15;

    private TestRedis() {
    }

    private static int port() {
        String port = System.getenv("LOCMEM_TEST_REDIS_PORT");
        return (port != null && !port.isBlank()) ? Integer.parseInt(port.trim()) : 6379;
    }

    /** The location of a database of the test server. */
    static String location(int database) {
        return "redis://" + HOST + ":" + PORT + "/" + database;
    }

    /** Whether the test server answered {@code PING} when first asked; asked once per test run. */
    static boolean reachable() {
        return Reachability.REACHABLE;
    }

    /**
     * Fails (CI) or skips (elsewhere) the current test unless the test server is reachable. Called per test, so that
     * each skipped test shows as skipped, with the reason.
     */
    static void requireServer() {
        if (!reachable()) {
            unavailable("Redis is not reachable at " + HOST + ":" + PORT + "; start it with: redis-server --bind "
                    + HOST + " --port " + PORT + " --save '' --appendonly no --daemonize yes");
        }
    }

    /** Fails the test when {@code CI=true}, else skips it, giving the reason. */
    static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (CI=true: a missing Redis fails the build)");
        }
        Assumptions.abort(reason + " (skipped because CI is not true)");
    }

    /** Whether a Redis server answers {@code PING} at host:port, within half a second. */
    static boolean ping(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = in.readNBytes(7);
            return new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** Holds the answer to the first {@code PING}, asked when first needed. */
    private static final class Reachability {

        static final boolean REACHABLE = ping(HOST, PORT);
    }

    /**
     * Another client of the server, to look at what the cache stored without going through it: plain Lettuce with
     * string keys and values.
     */
    static final class RawClient implements AutoCloseable {

        private final RedisClient client;

        private final StatefulRedisConnection<String, String> connection;

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
