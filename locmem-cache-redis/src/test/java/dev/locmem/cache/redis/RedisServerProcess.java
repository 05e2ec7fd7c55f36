package dev.locmem.cache.redis;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} of the test's own, on a free loopback port, that the test can stop and start again: the
 * outage test must not take down the server other tests use.
 */
final class RedisServerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;

    private final Path directory;

    private Process process;

    private RedisServerProcess(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    /**
     * Starts a server on a free port, or fails (CI) or skips (elsewhere) when {@code redis-server} is not installed.
     */
    static RedisServerProcess startOnFreePort() throws IOException {
        RedisServerProcess server = new RedisServerProcess(freePort(),
                Files.createTempDirectory(Path.of("target"), "redis-outage-"));
        server.start();
        return server;
    }

    int port() {
        return this.port;
    }

    /** Starts the server and waits until it answers {@code PING}. */
    void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind",
                TestRedis.HOST, "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
                this.directory.toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(this.directory.toFile(), "redis.log")));
        try {
            this.process = builder.start();
        }
        catch (IOException ex) {
            TestRedis.unavailable("redis-server cannot be started (" + ex.getMessage() + "); install it with: "
                    + "apt-get install -y redis-server");
            throw ex;
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!TestRedis.ping(TestRedis.HOST, this.port)) {
            if (!this.process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + this.port + "; see "
                        + this.directory.resolve("redis.log"));
            }
            sleep(20);
        }
    }

    /** Stops the server as an operator would: {@code SHUTDOWN NOSAVE}, so its data is gone when it comes back. */
    void stop() {
        try (Socket socket = new Socket(TestRedis.HOST, this.port)) {
            OutputStream out = socket.getOutputStream();
            out.write("*2\r\n$8\r\nSHUTDOWN\r\n$6\r\nNOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // The server closes the connection as it exits; reading until then makes sure it got the command.
            socket.getInputStream().read();
        }
        catch (IOException ex) {
            // Already gone: nothing to stop.
        }
        try {
            if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Freezes the server ({@code SIGSTOP}): connections stay open, but nothing is answered, as with a hung host. */
    void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /** Lets a {@linkplain #pause() paused} server run again ({@code SIGCONT}). */
    void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " of redis-server " + this.process.pid() + " failed");
        }
    }

    @Override
    public void close() {
        if (this.process != null && this.process.isAlive()) {
            try {
                // A paused server would not read SHUTDOWN.
                resume();
            }
            catch (IOException | InterruptedException | IllegalStateException ex) {
                // Then stop() falls back to killing it.
            }
            stop();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
