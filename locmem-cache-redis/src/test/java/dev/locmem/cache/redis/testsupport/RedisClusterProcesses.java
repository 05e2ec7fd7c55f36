package dev.locmem.cache.redis.testsupport;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MigrateArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

/**
 * A Redis Cluster of the test's own: a few primaries, each with as many replicas as asked, every node a
 * {@link RedisServerProcess} on a free loopback port with {@code --cluster-enabled yes}.
 *
 * <p>The cluster is formed without {@code redis-cli}, which a machine with only the {@code redis-server} binary does
 * not have: through a plain client of each node, {@code CLUSTER MEET} introduces every node to the first,
 * {@code CLUSTER ADDSLOTS} gives each primary an equal share of the 16384 slots, {@code CLUSTER REPLICATE} makes the
 * replicas, and the cluster is ready once every node reports {@code cluster_state:ok} and knows every other node.
 *
 * <p>{@code cluster-node-timeout} is short, so that a replica takes over from a primary that died within a few
 * seconds, and every process is stopped by pid on {@link #close()}.
 */
public final class RedisClusterProcesses implements AutoCloseable {

    /** How long a node may not answer before the others judge it failed: short, for failover tests. */
    public static final Duration NODE_TIMEOUT = Duration.ofMillis(1000);

    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);

    /** The threads of the plain clients that form and inspect clusters: shared, as each client lives briefly. */
    private static final ClientResources RESOURCES = DefaultClientResources.builder().ioThreadPoolSize(1)
            .computationThreadPoolSize(1).build();

    private final List<RedisServerProcess> nodes = new ArrayList<>();

    /** The certificate of a TLS cluster's nodes, which its clients trust; {@code null} for plain text. */
    private final TestCertificates certificates;

    private RedisClusterProcesses(TestCertificates certificates) {
        this.certificates = certificates;
    }

    /**
     * Starts and forms a cluster.
     * @param primaries how many primaries share the slots
     * @param replicasPerPrimary how many replicas each primary has
     * @return the cluster, every slot served
     * @throws IOException when a node's working folder cannot be made
     * @throws IllegalStateException when a node does not start, or the cluster does not form within 30 seconds
     */
    public static RedisClusterProcesses start(int primaries, int replicasPerPrimary) throws IOException {
        return start(primaries, replicasPerPrimary, null);
    }

    /**
     * Starts and forms a cluster whose nodes listen only on TLS ports and speak TLS to each other on the cluster bus
     * ({@code --tls-cluster yes}), with a certificate that its clients must trust.
     * @param primaries how many primaries share the slots
     * @param certificates the nodes' certificate and key
     * @return the cluster, every slot served
     * @throws IOException when a node's working folder cannot be made
     */
    public static RedisClusterProcesses startTls(int primaries, TestCertificates certificates) throws IOException {
        return start(primaries, 0, certificates);
    }

    private static RedisClusterProcesses start(int primaries, int replicasPerPrimary, TestCertificates certificates)
            throws IOException {
        RedisClusterProcesses cluster = new RedisClusterProcesses(certificates);
        try {
            cluster.form(primaries, replicasPerPrimary);
        }
        catch (RuntimeException | IOException ex) {
            cluster.close();
            throw ex;
        }
        return cluster;
    }

    private void form(int primaries, int replicasPerPrimary) throws IOException {
        int total = primaries * (1 + replicasPerPrimary);
        List<String> arguments = List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                "--cluster-node-timeout", Long.toString(NODE_TIMEOUT.toMillis()),
                // A replica takes over however long it was cut off from its primary: the tests kill primaries.
                "--cluster-replica-validity-factor", "0");
        for (int i = 0; i < total; i++) {
            if (this.certificates == null) {
                this.nodes.add(RedisServerProcess.startOnFreePort(arguments));
            }
            else {
                List<String> tls = new ArrayList<>(arguments);
                tls.addAll(List.of("--tls-cluster", "yes", "--tls-replication", "yes"));
                this.nodes.add(RedisServerProcess.startTlsOnFreePort(this.certificates.certificate(),
                        this.certificates.privateKey(), this.certificates.certificate(), tls));
            }
        }
        List<String> ids = new ArrayList<>();
        for (RedisServerProcess node : this.nodes) {
            ids.add(on(node, (commands) -> commands.clusterMyId()));
        }
        RedisServerProcess first = this.nodes.get(0);
        on(first, (commands) -> {
            for (RedisServerProcess other : this.nodes.subList(1, total)) {
                commands.clusterMeet(RedisServerProcess.HOST, other.port());
            }
            return null;
        });
        for (int i = 0; i < primaries; i++) {
            int from = i * SlotHash.SLOT_COUNT / primaries;
            int to = (i + 1) * SlotHash.SLOT_COUNT / primaries;
            int[] slots = IntStream.range(from, to).toArray();
            on(this.nodes.get(i), (commands) -> commands.clusterAddSlots(slots));
        }
        awaitEveryNodeKnown(total);
        for (int r = primaries; r < total; r++) {
            String primaryId = ids.get((r - primaries) % primaries);
            // A replica can only follow a primary it knows, which awaitEveryNodeKnown made sure of.
            on(this.nodes.get(r), (commands) -> commands.clusterReplicate(primaryId));
        }
        awaitFormed(total, primaries);
    }

    private void awaitEveryNodeKnown(int total) {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        for (RedisServerProcess node : this.nodes) {
            while (knownNodes(node) < total) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Node " + node.port() + " did not meet every other node within "
                            + FORM_TIMEOUT);
                }
                RedisServerProcess.sleep(50);
            }
        }
    }

    private int knownNodes(RedisServerProcess node) {
        return on(node, (commands) -> (int) commands.clusterNodes().lines().filter((line) -> !line.isBlank())
                .filter((line) -> !line.contains("handshake") && !line.contains("noaddr")).count());
    }

    private void awaitFormed(int total, int primaries) {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        while (!isFormed(total, primaries)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The cluster did not form within " + FORM_TIMEOUT + ": "
                        + on(this.nodes.get(0), RedisCommands::clusterNodes));
            }
            RedisServerProcess.sleep(50);
        }
    }

    private boolean isFormed(int total, int primaries) {
        for (RedisServerProcess node : this.nodes) {
            String info = on(node, RedisCommands::clusterInfo);
            if (!info.contains("cluster_state:ok") || !info.contains("cluster_known_nodes:" + total)
                    || !info.contains("cluster_size:" + primaries)) {
                return false;
            }
            // Every replica must be seen as one by every node, or a client's first topology may lack it.
            long replicas = on(node, RedisCommands::clusterNodes).lines()
                    .filter((line) -> line.contains("slave")).count();
            if (replicas != total - primaries) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until every running node reports {@code cluster_state:ok}: after nodes restart, each decides on its own,
     * so for a moment some serve and others answer {@code CLUSTERDOWN}.
     * @throws IllegalStateException when that takes longer than 30 seconds
     */
    public void awaitOk() {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        for (RedisServerProcess node : this.nodes) {
            while (node.isRunning()
                    && !on(node, RedisCommands::clusterInfo).contains("cluster_state:ok")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Node " + node.port() + " did not report cluster_state:ok within "
                            + FORM_TIMEOUT);
                }
                RedisServerProcess.sleep(50);
            }
        }
    }

    /**
     * The seed list of a cache's location: {@code redis://127.0.0.1:<port>} of every primary ({@code rediss://} for a
     * TLS cluster), comma-separated.
     * @return the location
     */
    public String location() {
        String scheme = (this.certificates != null) ? "rediss://" : "redis://";
        return primaries().stream().map((node) -> scheme + RedisServerProcess.HOST + ":" + node.port())
                .collect(Collectors.joining(","));
    }

    /**
     * Every node started, in the order they were started (primaries first), whether running now or not.
     * @return the nodes
     */
    public List<RedisServerProcess> nodes() {
        return List.copyOf(this.nodes);
    }

    /**
     * The running nodes that are primaries serving slots now, as a running node sees the cluster.
     * @return the primaries
     */
    public List<RedisServerProcess> primaries() {
        Map<Integer, RedisServerProcess> byPort = byPort();
        List<RedisServerProcess> primaries = new ArrayList<>();
        for (String line : clusterNodes().lines().toList()) {
            String[] fields = line.split(" ");
            if (fields.length > 8 && fields[2].contains("master") && !fields[2].contains("fail")) {
                RedisServerProcess node = byPort.get(port(fields[1]));
                if (node != null && node.isRunning()) {
                    primaries.add(node);
                }
            }
        }
        return primaries;
    }

    /**
     * The primary that serves a key's slot now, as a running node sees the cluster.
     * @param key the key, as the cache stores it
     * @return the node
     * @throws IllegalStateException when no running node serves it
     */
    public RedisServerProcess primaryOf(String key) {
        return primaryOfSlot(SlotHash.getSlot(key));
    }

    /**
     * The primary that serves a slot now, as a running node sees the cluster.
     * @param slot the slot
     * @return the node
     * @throws IllegalStateException when no running node serves it
     */
    public RedisServerProcess primaryOfSlot(int slot) {
        Map<Integer, RedisServerProcess> byPort = byPort();
        for (String line : clusterNodes().lines().toList()) {
            String[] fields = line.split(" ");
            if (fields.length > 8 && fields[2].contains("master") && !fields[2].contains("fail")
                    && servesSlot(line, slot)) {
                RedisServerProcess node = byPort.get(port(fields[1]));
                if (node != null) {
                    return node;
                }
            }
        }
        throw new IllegalStateException("No running primary serves slot " + slot);
    }

    /**
     * Moves one slot, and its keys, from the primary that serves it to another, as a resharding does: the target
     * imports it, the source migrates its keys with {@code MIGRATE}, then every primary is told the slot's new owner
     * ({@code CLUSTER SETSLOT ... NODE}). Returns once every running node agrees.
     * @param slot the slot
     * @param target a running primary that does not serve it yet
     */
    public void moveSlot(int slot, RedisServerProcess target) {
        RedisServerProcess source = primaryOfSlot(slot);
        String sourceId = on(source, RedisCommands::clusterMyId);
        String targetId = on(target, RedisCommands::clusterMyId);
        on(target, (commands) -> commands.clusterSetSlotImporting(slot, sourceId));
        on(source, (commands) -> commands.clusterSetSlotMigrating(slot, targetId));
        on(source, (commands) -> {
            List<String> keys;
            while (!(keys = commands.clusterGetKeysInSlot(slot, 100)).isEmpty()) {
                commands.migrate(RedisServerProcess.HOST, target.port(), 0, 5000,
                        MigrateArgs.Builder.keys(keys));
            }
            return null;
        });
        // The target first, so that the slot is never without an owner that accepts it.
        on(target, (commands) -> commands.clusterSetSlotNode(slot, targetId));
        on(source, (commands) -> commands.clusterSetSlotNode(slot, targetId));
        for (RedisServerProcess primary : primaries()) {
            if (primary != source && primary != target) {
                on(primary, (commands) -> commands.clusterSetSlotNode(slot, targetId));
            }
        }
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        for (RedisServerProcess node : this.nodes) {
            while (node.isRunning() && !on(node, (commands) -> commands.clusterNodes()).lines()
                    .anyMatch((line) -> line.startsWith(targetId) && servesSlot(line, slot))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Node " + node.port() + " did not learn that slot " + slot
                            + " moved within " + FORM_TIMEOUT);
                }
                RedisServerProcess.sleep(50);
            }
        }
    }

    /** Whether a {@code CLUSTER NODES} line lists a slot among its ranges. */
    private static boolean servesSlot(String line, int slot) {
        String[] fields = line.split(" ");
        for (int i = 8; i < fields.length; i++) {
            if (fields[i].startsWith("[")) {
                continue;
            }
            String[] range = fields[i].split("-");
            if (slot >= Integer.parseInt(range[0]) && slot <= Integer.parseInt(range[range.length - 1])) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many keys a node holds, asked of that node alone.
     * @param node a running node
     * @return its {@code DBSIZE}
     */
    public long keyCount(RedisServerProcess node) {
        return on(node, RedisCommands::dbsize);
    }

    /**
     * Removes every key of every running primary, so that a test starts from nothing.
     */
    public void flushAll() {
        for (RedisServerProcess node : primaries()) {
            on(node, RedisCommands::flushall);
        }
    }

    /** {@code CLUSTER NODES} as the first running node answers it. */
    private String clusterNodes() {
        for (RedisServerProcess node : this.nodes) {
            if (node.isRunning()) {
                return on(node, RedisCommands::clusterNodes);
            }
        }
        throw new IllegalStateException("No node of the cluster is running");
    }

    private Map<Integer, RedisServerProcess> byPort() {
        Map<Integer, RedisServerProcess> byPort = new HashMap<>();
        this.nodes.forEach((node) -> byPort.put(node.port(), node));
        return byPort;
    }

    /** The port of a {@code CLUSTER NODES} address, {@code host:port@busport}. */
    private static int port(String address) {
        String hostAndPort = address.split("@")[0];
        return Integer.parseInt(hostAndPort.substring(hostAndPort.lastIndexOf(':') + 1));
    }

    /**
     * Runs commands on one node through a client of its own, as a plain (not cluster-aware) client.
     * @param node a running node
     * @param action what to do
     * @param <T> what it answers
     * @return the answer
     */
    public static <T> T withNode(RedisServerProcess node, Function<RedisCommands<String, String>, T> action) {
        RedisClient client = RedisClient.create(RESOURCES, RedisURI.Builder.redis(RedisServerProcess.HOST, node.port())
                .withTimeout(Duration.ofSeconds(5)).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return action.apply(connection.sync());
        }
        finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** {@link #withNode}, over TLS for a TLS cluster. */
    private <T> T on(RedisServerProcess node, Function<RedisCommands<String, String>, T> action) {
        if (this.certificates == null) {
            return withNode(node, action);
        }
        RedisClient client = RedisClient.create(RESOURCES, RedisURI.Builder.redis(RedisServerProcess.HOST,
                node.port()).withSsl(true).withTimeout(Duration.ofSeconds(5)).build());
        client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
                .trustManager(this.certificates.certificate().toFile()).build()).build());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return action.apply(connection.sync());
        }
        finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    /** Stops every node by pid. */
    @Override
    public void close() {
        this.nodes.forEach(RedisServerProcess::close);
    }
}
