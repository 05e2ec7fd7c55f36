package dev.locmem.cache.redis.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the outage tests rely on from {@link RedisServerProcess}: a real server on its own port, that stops losing its
 * data, comes back on the same port, and freezes and thaws; and that stopping never hangs on a frozen server.
 */
class RedisServerProcessTest {

    private RedisServerProcess server;

    private RedisClient client;

    @BeforeEach
    void startServer() throws Exception {
        this.server = RedisServerProcess.startOnFreePort();
        this.client = RedisClient.create(RedisURI.Builder.redis(RedisServerProcess.HOST, this.server.port())
                .withTimeout(Duration.ofMillis(500)).build());
    }

    @AfterEach
    void stopServer() {
        this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        this.server.close();
    }

    @Test
    void aStartedServerAnswersOnItsLoopbackPort() {
        assertThat(this.server.isRunning()).isTrue();
        try (StatefulRedisConnection<String, String> connection = this.client.connect()) {
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void aStoppedServerRefusesConnectionsAndComesBackEmptyOnTheSamePort() {
        try (StatefulRedisConnection<String, String> connection = this.client.connect()) {
            connection.sync().set("k", "v");
        }
        int port = this.server.port();

        this.server.stop();
        assertThat(this.server.isRunning()).isFalse();
        assertThatThrownBy(this.client::connect).isInstanceOf(RedisConnectionException.class);

        this.server.start();
        assertThat(this.server.port()).isEqualTo(port);
        try (StatefulRedisConnection<String, String> connection = this.client.connect()) {
            assertThat(connection.sync().get("k")).isNull();
        }
    }

    @Test
    void aPausedServerKeepsItsConnectionsButAnswersOnlyOnceResumed() throws Exception {
        try (StatefulRedisConnection<String, String> connection = this.client.connect()) {
            connection.sync().set("k", "v");

            this.server.pause();
            assertThatThrownBy(() -> connection.sync().get("k")).isInstanceOf(RedisCommandTimeoutException.class);

            this.server.resume();
            assertThat(connection.sync().get("k")).isEqualTo("v");
        }
    }

    @Test
    void stoppingAPausedServerEndsItWithoutWaitingForTheKill() throws Exception {
        this.server.pause();
        long start = System.nanoTime();

        this.server.stop();

        assertThat(this.server.isRunning()).isFalse();
        // stop() kills only after waiting 5 seconds: sooner means the server acted on SIGTERM once resumed.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
