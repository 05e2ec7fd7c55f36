package dev.locmem.cache.testsupport;

import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * Another client of a Redis server, to see what the cache stored without going through it: plain Lettuce, one short
 * connection per call, so that it never outlives the server it looks at.
 */
public final class RawRedisClient {

    private final int port;

    /**
     * Looks at the server on loopback at {@code port}, database 0.
     * @param port the server's port
     */
    public RawRedisClient(int port) {
        this.port = port;
    }

    /**
     * Whether the key exists.
     * @param key the full Redis key
     * @return {@code true} if it does
     */
    public boolean exists(String key) {
        return call((connection) -> connection.sync().exists(bytes(key)) == 1);
    }

    /**
     * Reads a JDK-serialized value, the redis backend's default form.
     * @param key the full Redis key
     * @return the value, or {@code null} if the key is absent
     */
    public Object deserializedValue(String key) {
        byte[] value = call((connection) -> connection.sync().get(bytes(key)));
        if (value == null) {
            return null;
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(value))) {
            return in.readObject();
        }
        catch (IOException | ClassNotFoundException ex) {
            throw new IllegalStateException("Not a JDK-serialized value at '" + key + "'", ex);
        }
    }

    /** Removes every key: each test starts from an empty server. */
    public void flushAll() {
        call((connection) -> connection.sync().flushall());
    }

    private <T> T call(Function<StatefulRedisConnection<byte[], byte[]>, T> command) {
        RedisClient client = RedisClient.create(RedisURI.Builder.redis(RedisServerProcess.HOST, this.port)
            .withTimeout(Duration.ofSeconds(5))
            .build());
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            return command.apply(connection);
        }
        finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
