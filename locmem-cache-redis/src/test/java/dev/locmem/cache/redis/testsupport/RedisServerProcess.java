package dev.locmem.cache.redis.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A {@code redis-server} of the test's own, on a free loopback port, that the test stops and starts again on the
 * same port: an outage must not take down a server that anything else uses. Published in this module's test-jar, so
 * that the starter's tests stop and start a real server the same way.
 *
 * <p>When {@code redis-server} is not installed, the test fails if the environment variable {@code CI} is
 * {@code true} (a missing server must not turn a CI run green) and is skipped with the reason otherwise.
 */
public final class RedisServerProcess implements AutoCloseable {

    /** The loopback address the server binds to. */
    public static final String HOST = "127.0.0.1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;

    private final Path directory;

    private Process process;

    private RedisServerProcess(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    /**
     * Starts a server on a free port.
     * @return the running server
     * @throws IOException when its working folder cannot be made
     */
    public static RedisServerProcess startOnFreePort() throws IOException {
        Path target = Files.createDirectories(Path.of("target"));
        RedisServerProcess server = new RedisServerProcess(freePort(), Files.createTempDirectory(target, "redis-"));
        server.start();
        return server;
    }

    /**
     * The server's port, which stays the same across {@link #stop()} and {@link #start()}.
     * @return the port
     */
    public int port() {
        return this.port;
    }

    /**
     * Whether the server is running now.
     * @return {@code true} between {@link #start()} and {@link #stop()}
     */
    public boolean isRunning() {
        return this.process != null && this.process.isAlive();
    }

    /** Starts the server (again) and waits until it answers {@code PING}. */
    public void start() {
        ProcessBuilder builder = new ProcessBuilder("redis-server", "--port", Integer.toString(this.port), "--bind",
                HOST, "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
                this.directory.toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(new File(this.directory.toFile(), "redis.log")));
        try {
            this.process = builder.start();
        }
        catch (IOException ex) {
            unavailable("redis-server cannot be started (" + ex.getMessage() + "); install it with: "
                    + "apt-get install -y redis-server");
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ping()) {
            if (!this.process.isAlive() || System.nanoTime() > deadline) {
                this.process.destroyForcibly();
                throw new IllegalStateException("redis-server did not start on port " + this.port + "; see "
                        + this.directory.resolve("redis.log"));
            }
            sleep(20);
        }
    }

    /** Stops the server as an operator would: {@code SHUTDOWN NOSAVE}, so its data is gone when it comes back. */
    public void stop() {
        if (this.process == null) {
            return;
        }
        try (Socket socket = new Socket(HOST, this.port)) {
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

    @Override
    public void close() {
        if (isRunning()) {
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

    /**
     * Freezes the server ({@code SIGSTOP}): connections stay open, but nothing is answered, as with a hung host.
     * @throws IOException when {@code kill} cannot be run
     * @throws InterruptedException when interrupted while waiting for it
     */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    /**
     * Lets a {@linkplain #pause() paused} server run again ({@code SIGCONT}).
     * @throws IOException when {@code kill} cannot be run
     * @throws InterruptedException when interrupted while waiting for it
     */
    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + signal + " of redis-server " + this.process.pid() + " failed");
        }
    }

    /** Whether the server answers {@code PING} within half a second. */
    private boolean ping() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, this.port), 500);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readNBytes(7), StandardCharsets.US_ASCII).equals("+PONG\r\n");
        }
        catch (IOException ex) {
            return false;
        }
    }

    /** Fails the test when {@code CI=true}, else skips it, giving the reason. */
    private static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(reason + " (CI=true: a missing Redis fails the build)");
        }
        Assumptions.abort(reason + " (skipped because CI is not true)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        }
    }

    /**
     * Sleeps, turning an interrupt into an {@link IllegalStateException} so that polling loops stay short.
     * @param millis how long
     */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
