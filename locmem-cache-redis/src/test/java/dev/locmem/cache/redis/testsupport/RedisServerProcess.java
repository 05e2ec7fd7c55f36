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
import java.util.ArrayList;
import java.util.List;
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
 *
 * <p>Besides a plain server: one with more arguments ({@code --cluster-enabled yes}, {@code --replicaof}), a Sentinel
 * with a configuration file of its own, and a server that listens only on a TLS port; {@link #kill()} ends any of them
 * as a crash would. {@link RedisClusterProcesses} and {@link RedisSentinelProcesses} build topologies from them.
 */
public final class RedisServerProcess implements AutoCloseable {

    /** The loopback address the server binds to. */
    public static final String HOST = "127.0.0.1";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    /** How far above its port a cluster node listens for the cluster bus, unless told otherwise. */
    private static final int CLUSTER_BUS_OFFSET = 10000;

    /** Every server process started and not yet seen to exit: what the JVM-exit hook kills. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // SIGKILL, not SIGTERM: it also ends a paused server, and nothing is left to save at exit.
        Runtime.getRuntime().addShutdownHook(
                new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "redis-server-process-reaper"));
    }

    private final int port;

    private final Path directory;

    /** What follows the executable on the command line, the same at every {@link #start()}. */
    private final List<String> arguments;

    /**
     * Whether the server is ready once it answers a plain-text {@code PING}; otherwise (a TLS-only server) once it
     * accepts a connection, since it binds its port only when it is ready to serve.
     */
    private final boolean plainText;

    private Process process;

    private boolean paused;

    private RedisServerProcess(int port, Path directory, List<String> arguments, boolean plainText) {
        this.port = port;
        this.directory = directory;
        this.arguments = List.copyOf(arguments);
        this.plainText = plainText;
    }

    /**
     * Starts a server on a free port, with a working folder of its own under {@code target/} that keeps its log
     * ({@code redis.log}).
     * @return the running server
     * @throws IOException when its working folder cannot be made
     * @throws IllegalStateException when no {@code redis-server} can be run, or it does not start
     */
    public static RedisServerProcess startOnFreePort() throws IOException {
        return startOnFreePort(List.of());
    }

    /**
     * Starts a server on a free port as {@link #startOnFreePort()} does, with more arguments of {@code redis-server}
     * after the usual ones, such as {@code --cluster-enabled yes} or {@code --replicaof host port}; they are given
     * again at each {@link #start()}.
     * @param extraArguments the arguments, each option and each of its values a separate element
     * @return the running server
     * @throws IOException when its working folder cannot be made
     * @throws IllegalStateException when no {@code redis-server} can be run, or it does not start
     */
    public static RedisServerProcess startOnFreePort(List<String> extraArguments) throws IOException {
        Path directory = newDirectory();
        int port = freePort(extraArguments);
        List<String> arguments = new ArrayList<>(plainArguments(port, directory));
        arguments.addAll(extraArguments);
        return started(new RedisServerProcess(port, directory, arguments, true));
    }

    /**
     * Starts a Sentinel ({@code redis-server <config> --sentinel}) on a free port that monitors one primary. A
     * Sentinel rewrites its configuration file as it learns the topology, so the file is written into the server's
     * own folder. It judges the primary down after {@code downAfter} without an answer, and gives a failover
     * {@code failoverTimeout} before another Sentinel may try again.
     * @param masterName the name the Sentinel knows the primary by
     * @param primaryPort the primary's port on the loopback address
     * @param quorum how many Sentinels must agree that the primary is down
     * @param downAfter how long the primary may not answer before it is judged down
     * @param failoverTimeout how long a failover may take before it is tried again
     * @return the running Sentinel
     * @throws IOException when its working folder or configuration file cannot be written
     */
    public static RedisServerProcess startSentinelOnFreePort(String masterName, int primaryPort, int quorum,
            Duration downAfter, Duration failoverTimeout) throws IOException {
        return startSentinelOnFreePort(masterName, primaryPort, quorum, downAfter, failoverTimeout, null);
    }

    /**
     * Starts a Sentinel as {@link #startSentinelOnFreePort(String, int, int, Duration, Duration)} does, that listens
     * only on a TLS port and speaks TLS to the servers it monitors, when given a certificate.
     * @param masterName the name the Sentinel knows the primary by
     * @param primaryPort the primary's port on the loopback address
     * @param quorum how many Sentinels must agree that the primary is down
     * @param downAfter how long the primary may not answer before it is judged down
     * @param failoverTimeout how long a failover may take before it is tried again
     * @param certificates the certificate (its own CA) and key for TLS, or {@code null} for plain text
     * @return the running Sentinel
     * @throws IOException when its working folder or configuration file cannot be written
     */
    public static RedisServerProcess startSentinelOnFreePort(String masterName, int primaryPort, int quorum,
            Duration downAfter, Duration failoverTimeout, TestCertificates certificates) throws IOException {
        Path directory = newDirectory();
        int port = freePort();
        Path config = directory.resolve("sentinel.conf");
        List<String> listen = (certificates == null) ? List.of("port " + port) : List.of("port 0",
                "tls-port " + port,
                "tls-cert-file " + certificates.certificate().toAbsolutePath(),
                "tls-key-file " + certificates.privateKey().toAbsolutePath(),
                "tls-ca-cert-file " + certificates.certificate().toAbsolutePath(),
                "tls-auth-clients no",
                "tls-replication yes");
        Files.writeString(config, String.join("\n", listen) + "\n" + String.join("\n",
                "bind " + HOST,
                "dir " + directory.toAbsolutePath(),
                "sentinel monitor " + masterName + " " + HOST + " " + primaryPort + " " + quorum,
                "sentinel down-after-milliseconds " + masterName + " " + downAfter.toMillis(),
                "sentinel failover-timeout " + masterName + " " + failoverTimeout.toMillis(),
                "sentinel parallel-syncs " + masterName + " 1", ""));
        List<String> arguments = List.of(config.toAbsolutePath().toString(), "--sentinel");
        return started(new RedisServerProcess(port, directory, arguments, certificates == null));
    }

    /**
     * Starts a server that listens only on a TLS port ({@code --port 0 --tls-port <free port>}), with the given
     * certificate and key (PEM) and without asking clients for certificates of their own.
     * @param certificate the server's certificate chain, PEM
     * @param privateKey its private key, PEM (PKCS#8)
     * @param caCertificate the CA certificate the server is given (it verifies replication peers with it)
     * @return the running server
     * @throws IOException when its working folder cannot be made
     */
    public static RedisServerProcess startTlsOnFreePort(Path certificate, Path privateKey, Path caCertificate)
            throws IOException {
        return startTlsOnFreePort(certificate, privateKey, caCertificate, List.of());
    }

    /**
     * Starts a TLS-only server as {@link #startTlsOnFreePort(Path, Path, Path)} does, with more arguments after the
     * usual ones, such as {@code --cluster-enabled yes --tls-cluster yes}.
     * @param certificate the server's certificate chain, PEM
     * @param privateKey its private key, PEM (PKCS#8)
     * @param caCertificate the CA certificate the server verifies its peers with
     * @param extraArguments the arguments, each option and each of its values a separate element
     * @return the running server
     * @throws IOException when its working folder cannot be made
     */
    public static RedisServerProcess startTlsOnFreePort(Path certificate, Path privateKey, Path caCertificate,
            List<String> extraArguments) throws IOException {
        Path directory = newDirectory();
        int port = freePort(extraArguments);
        List<String> arguments = new ArrayList<>(List.of("--port", "0", "--tls-port", Integer.toString(port),
                "--bind", HOST, "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir",
                directory.toAbsolutePath().toString(),
                "--tls-cert-file", certificate.toAbsolutePath().toString(),
                "--tls-key-file", privateKey.toAbsolutePath().toString(),
                "--tls-ca-cert-file", caCertificate.toAbsolutePath().toString(), "--tls-auth-clients", "no"));
        arguments.addAll(extraArguments);
        return started(new RedisServerProcess(port, directory, arguments, false));
    }

    private static List<String> plainArguments(int port, Path directory) {
        return List.of("--port", Integer.toString(port), "--bind", HOST, "--save", "", "--appendonly", "no",
                "--daemonize", "no", "--dir", directory.toAbsolutePath().toString());
    }

    private static Path newDirectory() throws IOException {
        Path target = Files.createDirectories(Path.of("target"));
        return Files.createTempDirectory(target, "redis-");
    }

    private static RedisServerProcess started(RedisServerProcess server) {
        server.start();
        return server;
    }

    /**
     * The server's working folder, where its log ({@code redis.log}) and, in cluster mode, its {@code nodes.conf}
     * are.
     * @return the folder
     */
    public Path directory() {
        return this.directory;
    }

    /**
     * The pid of the running process, as {@code kill} would name it.
     * @return the pid
     * @throws IllegalStateException when the server is not running
     */
    public long pid() {
        if (!isRunning()) {
            throw new IllegalStateException("redis-server on port " + this.port + " is not running");
        }
        return this.process.pid();
    }

    /**
     * Kills the server by pid ({@code SIGKILL}), as a crashed host would end it: it closes nothing and says nothing
     * to its peers. Returns once the process has exited.
     */
    public void kill() {
        if (!isRunning()) {
            return;
        }
        try {
            this.process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        finally {
            this.paused = false;
            if (!this.process.isAlive()) {
                RUNNING.remove(this.process);
            }
        }
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
     * Starts the server (again), with no persistence and the arguments it was first started with, and waits until
     * it answers {@code PING} (a TLS-only server: until it accepts connections).
     * @throws IllegalStateException when no {@code redis-server} can be run, or it does not answer within 10 seconds
     */
    public void start() {
        Path executable = RedisServerBinary.get().executable();
        File log = this.directory.resolve("redis.log").toFile();
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(this.arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
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
        while (!(this.plainText ? ping() : accepts())) {
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

    /** Whether the server accepts a connection within half a second. */
    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, this.port), 500);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /**
     * A free port for a server with these arguments: in cluster mode the server also listens on its port plus 10000
     * (the cluster bus), so that one must be free too, or the node exits at start.
     */
    private static int freePort(List<String> arguments) throws IOException {
        if (!arguments.contains("--cluster-enabled")) {
            return freePort();
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = freePort();
            if (port + CLUSTER_BUS_OFFSET <= 65535 && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
        throw new IOException("No free port whose cluster bus port (+" + CLUSTER_BUS_OFFSET + ") is free too");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(HOST))) {
            return true;
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
