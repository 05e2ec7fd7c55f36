package dev.locmem.cache.redis;

import java.nio.file.Path;
import java.time.Duration;

import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/** Another client of a TLS-only test server, to look at it without going through a cache: plain Lettuce. */
final class RedisTlsClient implements AutoCloseable {

    private final RedisClient client;

    private final StatefulRedisConnection<String, String> connection;

    /** A client of database 0 of the TLS server on {@code port}, trusting the certificates of a PEM file. */
    RedisTlsClient(int port, Path trustCertificates) {
        this.client = RedisClient.create(RedisURI.Builder.redis(RedisServerProcess.HOST, port).withSsl(true)
                .withTimeout(Duration.ofSeconds(5)).build());
        this.client.setOptions(ClientOptions.builder()
                .sslOptions(SslOptions.builder().jdkSslProvider().trustManager(trustCertificates.toFile()).build())
                .build());
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
