package dev.locmem.sample;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.web.client.RestClient;

/**
 * The sample application in a JVM of its own, as a deployment runs it: its own process, its own Spring context, its
 * own embedded database, on a free loopback port. Started from the test's class path; its output goes to
 * {@code target/sample-<name>.log}; stopped by pid.
 */
final class SampleInstance implements AutoCloseable {

    private static final Duration START_WITHIN = Duration.ofSeconds(180);

    private final String name;

    private final Process process;

    private final int port;

    private final Path log;

    private SampleInstance(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts an instance; call {@link #awaitStarted()} before using it.
     * @param name names its log
     * @param arguments Spring Boot command-line properties, such as {@code --spring.profiles.active=redis}
     */
    static SampleInstance start(String name, List<String> arguments) throws IOException {
        int port = freePort();
        Path log = Files.createDirectories(Path.of("target")).resolve("sample-" + name + ".log");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classPath, SampleApplication.class.getName(),
                "--server.port=" + port, "--server.address=127.0.0.1",
                "--spring.datasource.url=jdbc:h2:mem:bookshop-" + name + ";OPTIMIZE_REUSE_RESULTS=FALSE"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        return new SampleInstance(name, builder.start(), port, log);
    }

    /** Waits until the instance answers {@code /actuator/health}, failing (and stopping it) past a bound. */
    SampleInstance awaitStarted() {
        long deadline = System.nanoTime() + START_WITHIN.toNanos();
        while (true) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("Sample instance " + this.name + " exited; see " + this.log);
            }
            try {
                http().get().uri("/actuator/health").retrieve().toBodilessEntity();
                return this;
            }
            catch (RuntimeException notYet) {
                if (System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("Sample instance " + this.name + " did not start within "
                            + START_WITHIN + "; see " + this.log, notYet);
                }
                pause(250);
            }
        }
    }

    RestClient http() {
        return RestClient.create("http://127.0.0.1:" + this.port);
    }

    long pid() {
        return this.process.pid();
    }

    @Override
    public void close() {
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SampleInstance[" + this.name + ", pid " + this.process.pid() + ", port " + this.port + ", log "
                + this.log.toAbsolutePath() + File.separator + "]";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
