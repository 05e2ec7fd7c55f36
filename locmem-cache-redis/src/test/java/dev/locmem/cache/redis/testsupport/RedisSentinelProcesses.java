package dev.locmem.cache.redis.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.sentinel.api.StatefulRedisSentinelConnection;
import io.lettuce.core.sentinel.api.sync.RedisSentinelCommands;

/**
 * A primary managed by Sentinel, of the test's own: one primary, one replica ({@code --replicaof}) and a few
 * Sentinels ({@code redis-server <config> --sentinel}), every one a {@link RedisServerProcess} on a free loopback
 * port, stopped by pid on {@link #close()}.
 *
 * <p>The Sentinels judge the primary down after {@link #DOWN_AFTER} without an answer, so that a failover test takes
 * seconds; {@link #start} returns once every Sentinel knows the replica and the other Sentinels, so that a failover
 * can be agreed at once.
 */
public final class RedisSentinelProcesses implements AutoCloseable {

    /** The name the Sentinels know the primary by. */
    public static final String MASTER_NAME = "locmem";

    /** How long the primary may not answer before a Sentinel judges it down: short, for failover tests. */
    public static final Duration DOWN_AFTER = Duration.ofMillis(1000);

    /** How long a failover may take before another is tried. */
    public static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(5);

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private static final ClientResources RESOURCES = DefaultClientResources.builder().ioThreadPoolSize(1)
            .computationThreadPoolSize(1).build();

    private final List<RedisServerProcess> servers = new ArrayList<>();

    private final List<RedisServerProcess> sentinels = new ArrayList<>();

    /** The certificate of a TLS set's servers and Sentinels, which its clients trust; {@code null} for plain text. */
    private final TestCertificates certificates;

    private RedisSentinelProcesses(TestCertificates certificates) {
        this.certificates = certificates;
    }

    /**
     * Starts a primary, its replica, and Sentinels with a quorum of their majority.
     * @param sentinels how many Sentinels
     * @return the processes, ready for a failover
     * @throws IOException when a working folder or a Sentinel's configuration cannot be written
     * @throws IllegalStateException when a process does not start, or the set is not ready within 30 seconds
     */
    public static RedisSentinelProcesses start(int sentinels) throws IOException {
        return start(sentinels, null);
    }

    /**
     * Starts a primary, its replica and Sentinels that all listen only on TLS ports and replicate and monitor over
     * TLS, with a certificate that their clients must trust.
     * @param sentinels how many Sentinels
     * @param certificates the certificate (its own CA) and key of every process
     * @return the processes, ready for a failover
     * @throws IOException when a working folder or a Sentinel's configuration cannot be written
     */
    public static RedisSentinelProcesses start(int sentinels, TestCertificates certificates) throws IOException {
        RedisSentinelProcesses set = new RedisSentinelProcesses(certificates);
        try {
            set.form(sentinels);
        }
        catch (RuntimeException | IOException ex) {
            set.close();
            throw ex;
        }
        return set;
    }

    private void form(int count) throws IOException {
        RedisServerProcess primary = startServer(List.of());
        this.servers.add(primary);
        this.servers.add(startServer(
                List.of("--replicaof", RedisServerProcess.HOST, Integer.toString(primary.port()))));
        int quorum = count / 2 + 1;
        for (int i = 0; i < count; i++) {
            this.sentinels.add(RedisServerProcess.startSentinelOnFreePort(MASTER_NAME, primary.port(), quorum,
                    DOWN_AFTER, FAILOVER_TIMEOUT, this.certificates));
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (RedisServerProcess sentinel : this.sentinels) {
            while (!knowsEveryone(sentinel, count)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Sentinel " + sentinel.port() + " did not learn the replica and "
                            + "the other Sentinels within " + READY_TIMEOUT);
                }
                RedisServerProcess.sleep(100);
            }
        }
    }

    private RedisServerProcess startServer(List<String> arguments) throws IOException {
        if (this.certificates == null) {
            return RedisServerProcess.startOnFreePort(arguments);
        }
        List<String> tls = new ArrayList<>(List.of("--tls-replication", "yes"));
        tls.addAll(arguments);
        return RedisServerProcess.startTlsOnFreePort(this.certificates.certificate(), this.certificates.privateKey(),
                this.certificates.certificate(), tls);
    }

    private boolean knowsEveryone(RedisServerProcess sentinel, int count) {
        return withSentinel(sentinel, (commands) -> {
            Map<String, String> master = commands.master(MASTER_NAME);
            List<Map<String, String>> replicas = commands.replicas(MASTER_NAME);
            return "master".equals(master.get("flags")) && replicas.size() == 1
                    && "slave".equals(replicas.get(0).get("flags"))
                    && "ok".equals(replicas.get(0).get("master-link-status"))
                    && Integer.parseInt(master.get("num-other-sentinels")) == count - 1;
        });
    }

    /**
     * The location of a cache: {@code redis-sentinel://} ({@code rediss-sentinel://} over TLS) with every Sentinel,
     * database 0, and the master's name.
     * @return the location
     */
    public String location() {
        String scheme = (this.certificates != null) ? "rediss-sentinel://" : "redis-sentinel://";
        return scheme + this.sentinels.stream().map((s) -> RedisServerProcess.HOST + ":" + s.port())
                .collect(Collectors.joining(",")) + "/0#" + MASTER_NAME;
    }

    /**
     * The Sentinels.
     * @return the Sentinel processes
     */
    public List<RedisServerProcess> sentinels() {
        return List.copyOf(this.sentinels);
    }

    /**
     * The data servers, the first started as primary and the second as its replica.
     * @return the primary and the replica, as started
     */
    public List<RedisServerProcess> servers() {
        return List.copyOf(this.servers);
    }

    /**
     * The server that the first running Sentinel names as primary now.
     * @return the primary
     */
    public RedisServerProcess primary() {
        for (RedisServerProcess sentinel : this.sentinels) {
            if (sentinel.isRunning()) {
                int port = withSentinel(sentinel,
                        (commands) -> ((InetSocketAddress) commands.getMasterAddrByName(MASTER_NAME)).getPort());
                return this.servers.stream().filter((server) -> server.port() == port).findFirst()
                        .orElseThrow(() -> new IllegalStateException("Sentinel names an unknown primary " + port));
            }
        }
        throw new IllegalStateException("No Sentinel is running");
    }

    private <T> T withSentinel(RedisServerProcess sentinel,
            java.util.function.Function<RedisSentinelCommands<String, String>, T> action) {
        RedisClient client = RedisClient.create(RESOURCES, RedisURI.Builder.redis(RedisServerProcess.HOST,
                sentinel.port()).withSsl(this.certificates != null).withTimeout(Duration.ofSeconds(5)).build());
        if (this.certificates != null) {
            client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
                    .trustManager(this.certificates.certificate().toFile()).build()).build());
        }
        try (StatefulRedisSentinelConnection<String, String> connection = client.connectSentinel()) {
            return action.apply(connection.sync());
        }
        finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Stops every process by pid, Sentinels first, so that none starts a failover as the servers go. */
    @Override
    public void close() {
        this.sentinels.forEach(RedisServerProcess::close);
        this.servers.forEach(RedisServerProcess::close);
    }
}
