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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of the test's own, on a free loopback port, that the test can stop, start again on the
 * same port, pause and resume: an outage must not take down a server that anything else uses. Published in this
 * module's test-jar, so that the other modules' tests run a real server the same way.
 *
 * <p>The executable is the {@code redis-server} on {@code PATH}, or else the one that the test dependency
 * {@code com.github.codemonstur:embedded-redis} ships for this platform, so that the tests need no Redis installed;
 * when there is neither, {@link #startOnFreePort()} fails saying what was tried. The process is started here, not
 * through that library, so that its pid is known: {@link #stop()}, {@link #pause()} and {@link #resume()} signal it,
 * and a JVM-exit hook kills every server still running, so that none outlives the tests, even those that are never
 * {@linkplain #close() closed}.
 */
public final class RedisServerProcess implements AutoCloseable {

    /** The loopback address the server binds to. */
    public static final String HOST = "127.0.0.1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /** Every server process started and not yet seen to exit: what the JVM-exit hook kills. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // SIGKILL, not SIGTERM: it also ends a paused server, and nothing is left to save at exit.
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "redis-server-process-reaper"));
    }

    private final int port;

    private final Path directory;

    private Process process;

    private boolean paused;

    private RedisServerProcess(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    /**
     * Starts a server on a free port, with a working folder of its own under {@code target/} that keeps its log
     * ({@code redis.log}).
     * @return the running server
     * @throws IOException when its working folder cannot be made
     * @throws IllegalStateException when no {@code redis-server} can be run, or it does not start
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
     * Whether the server process is alive now (a paused one is).
     * @return {@code true} between {@link #start()} and {@link #stop()}
     */
    public boolean isRunning() {
        return this.process != null && this.process.isAlive();
    }

    /**
     * Starts the server (again), with no persistence, and waits until it answers {@code PING}.
     * @throws IllegalStateException when no {@code redis-server} can be run, or it does not answer within 10 seconds
     */
    public void start() {
        Path executable = RedisServerBinary.get().executable();
        File log = this.directory.resolve("redis.log").toFile();
        ProcessBuilder builder = new ProcessBuilder(executable.toString(), "--port", Integer.toString(this.port),
                "--bind", HOST, "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
                this.directory.toAbsolutePath().toString());
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log));
        try {
            this.process = builder.start();
        }
        catch (IOException ex) {
            throw new IllegalStateException(executable + " cannot be started", ex);
        }
        RUNNING.add(this.process);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!ping()) {
            if (!this.process.isAlive() || System.nanoTime() > deadline) {
                this.process.destroyForcibly();
                RUNNING.remove(this.process);
                throw new IllegalStateException(executable + " did not start on port " + this.port + "; see " + log);
            }
            sleep(20);
        }
    }

    /**
     * Stops the server as an operator would, by pid with {@code SIGTERM}: it closes its connections and exits without
     * saving, so its data is gone when it comes back. It is killed if it has not exited within 5 seconds.
     */
    public void stop() {
        if (!isRunning()) {
            return;
        }
        this.process.destroy();
        try {
            if (this.paused) {
                // A stopped process acts on SIGTERM only once it runs again.
                resume();
            }
            if (!this.process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        finally {
            this.paused = false;
            if (!this.process.isAlive()) {
                RUNNING.remove(this.process);
            }
        }
    }

    /** Stops the server for good: {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Freezes the server ({@code SIGSTOP}): connections stay open, but nothing is answered, as with a hung host.
     * @throws InterruptedException when interrupted while sending the signal
     */
    public void pause() throws InterruptedException {
        signal("STOP");
        this.paused = true;
    }

    /**
     * Lets a {@linkplain #pause() paused} server run again ({@code SIGCONT}).
     * @throws InterruptedException when interrupted while sending the signal
     */
    public void resume() throws InterruptedException {
        signal("CONT");
        this.paused = false;
    }

    /**
     * Sends a signal that Java's {@link Process} cannot: through the shell's {@code kill} builtin, which every POSIX
     * system has, unlike a {@code kill} executable.
     */
    private void signal(String signal) throws InterruptedException {
        long pid = this.process.pid();
        int exit;
        try {
            exit = new ProcessBuilder("sh", "-c", "kill -s \"$0\" \"$1\"", signal, Long.toString(pid)).inheritIO()
                    .start().waitFor();
        }
        catch (IOException ex) {
            throw new IllegalStateException("sh cannot be run to send SIG" + signal + " to redis-server " + pid, ex);
        }
        if (exit != 0) {
            throw new IllegalStateException("kill -s " + signal + " " + pid + " (redis-server) failed");
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
