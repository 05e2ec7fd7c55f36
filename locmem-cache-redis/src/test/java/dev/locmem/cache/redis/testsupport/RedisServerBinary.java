package dev.locmem.cache.redis.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@code redis-server} executable the tests run, found once per JVM: the one on {@code PATH} where there is one,
 * so that a machine with Redis installed tests against its own version; otherwise the one for this operating system
 * and processor that the test dependency {@code com.github.codemonstur:embedded-redis} ships as a resource, copied to
 * {@code target/redis-server/} and made executable. Only the binary of that jar is used, not its Java API, so that
 * {@link RedisServerProcess} starts the process itself and keeps its pid.
 */
final class RedisServerBinary {

    /**
     * The resources of embedded-redis 1.4.3 by {@code <os>-<arch>}; their names carry a Redis version, so they change
     * with the jar's version in the root pom.
     */
    private static final Map<String, String> SHIPPED = Map.of(
            "linux-amd64", "redis-server-6.2.6-v5-linux-amd64",
            "linux-arm64", "redis-server-6.2.7-linux-arm64",
            "linux-386", "redis-server-6.2.7-linux-386",
            "mac-amd64", "redis-server-6.2.6-v5-darwin-amd64",
            "mac-arm64", "redis-server-6.2.6-v5-darwin-arm64");

    private static RedisServerBinary found;

    private final Path executable;

    private RedisServerBinary(Path executable) {
        this.executable = executable;
    }

    /**
     * The binary, found (and, when it is the shipped one, copied out) on the first call.
     * @return the binary
     * @throws IllegalStateException when there is none to run, saying what was tried
     */
    static synchronized RedisServerBinary get() {
        if (found == null) {
            RedisServerBinary binary = onPath();
            String origin = "from PATH";
            if (binary == null) {
                binary = shipped();
                origin = "shipped by embedded-redis, as none is on PATH";
            }
            // Said once per test JVM, so that a build log shows which Redis the tests ran against.
            System.out.println("Redis tests run " + binary.executable + " (" + origin + "): " + binary.version());
            found = binary;
        }
        return found;
    }

    /**
     * The executable to start.
     * @return its path
     */
    Path executable() {
        return this.executable;
    }

    private static RedisServerBinary onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new RedisServerBinary(candidate.toAbsolutePath());
            }
        }
        return null;
    }

    private static RedisServerBinary shipped() {
        String platform = platform();
        String resource = SHIPPED.get(platform);
        String notOnPath = "No redis-server on PATH (" + System.getenv("PATH") + ")";
        if (resource == null) {
            throw new IllegalStateException(notOnPath + ", and embedded-redis ships none for os.name="
                    + System.getProperty("os.name") + ", os.arch=" + System.getProperty("os.arch") + " (it has "
                    + new TreeSet<>(SHIPPED.keySet()) + "); install Redis so that redis-server is on PATH");
        }
        try (InputStream in = RedisServerBinary.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(notOnPath + ", and resource " + resource + " is not on the test "
                        + "classpath: add the test dependency com.github.codemonstur:embedded-redis");
            }
            Path directory = Files.createDirectories(Path.of("target", "redis-server")).toAbsolutePath();
            Path executable = directory.resolve(resource);
            // Copied whole, then renamed: a build stopped halfway never leaves a truncated binary to run later.
            Path partial = Files.createTempFile(directory, resource, ".part");
            Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.move(partial, executable, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new RedisServerBinary(executable);
        }
        catch (IOException ex) {
            throw new IllegalStateException(notOnPath + ", and " + resource + " of embedded-redis could not be "
                    + "copied to target/redis-server", ex);
        }
    }

    /** This machine as the keys of {@link #SHIPPED} name it, from the JVM's {@code os.name} and {@code os.arch}. */
    private static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String osKey = os.startsWith("linux") ? "linux" : (os.startsWith("mac") ? "mac" : os);
        String archKey = switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            default -> arch;
        };
        return osKey + "-" + archKey;
    }

    /**
     * What {@code redis-server --version} prints; running it also shows early, with the binary's own words, that it
     * cannot run here (a missing shared library, say), rather than as a server that never answers.
     */
    private String version() {
        try {
            Process process = new ProcessBuilder(this.executable.toString(), "--version").redirectErrorStream(true)
                    .start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            // --version exits once it has printed: the output has ended, so this wait is short.
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException(this.executable + " cannot run here (--version exited with " + exit
                        + "): " + output);
            }
            return output;
        }
        catch (IOException ex) {
            throw new IllegalStateException(this.executable + " cannot be run", ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking " + this.executable + " for its version", ex);
        }
    }
}
