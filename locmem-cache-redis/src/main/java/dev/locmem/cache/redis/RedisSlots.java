package dev.locmem.cache.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.KeyValue;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.springframework.data.redis.connection.RedisClusterConnection;
import org.springframework.data.redis.connection.RedisClusterNode;
import org.springframework.data.redis.connection.RedisStringCommands.SetOption;
import org.springframework.data.redis.core.types.Expiration;

/**
 * The multi-key operations of a {@link RedisCache} on Redis Cluster, where one command may only name keys of one hash
 * slot ({@code CROSSSLOT} otherwise): for {@code MGET}, {@code DEL} and {@code UNLINK} the keys are grouped by slot and
 * one command is sent per slot; {@code SET} with a TTL names one key anyway, so there is one per key, as in the
 * pipeline on one server. Every command is sent before any reply is awaited, so that a batch costs about one round
 * trip to each primary however many slots it spans.
 *
 * <p>Why by slot rather than one hash tag per alias: a hash tag ({@code {alias}:...}) would put all of an alias's keys
 * in one slot, so on one primary; a big alias could then not grow beyond one node's memory and load, which is what a
 * cluster is for. Grouping by slot keeps Django's key format and spreads an alias over every primary.
 *
 * <p>A batch is not atomic across slots (no Redis command is): when a node fails part-way, the slots it serves are
 * not changed, the others are, and the caller sees the failure.
 *
 * <p>With a Lettuce connection the commands go through its asynchronous cluster API; another client's cluster
 * connection gets Spring Data Redis's own cross-slot handling, which sends the same commands one key at a time.
 */
final class RedisSlots {

    private RedisSlots() {
    }

    /** Whether two keys live in the same slot, so that one command or script may name both. */
    static boolean sameSlot(byte[] first, byte[] second) {
        return SlotHash.getSlot(first) == SlotHash.getSlot(second);
    }

    /** The positions of {@code keys} grouped by slot, in the order each slot first appears. */
    static Map<Integer, List<Integer>> bySlot(byte[][] keys) {
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < keys.length; i++) {
            groups.computeIfAbsent(SlotHash.getSlot(keys[i]), (slot) -> new ArrayList<>()).add(i);
        }
        return groups;
    }

    /** {@code MGET} per slot; the values in the order of {@code keys}, {@code null} for a missing key. */
    static List<byte[]> mGet(RedisClusterConnection connection, byte[][] keys, Duration timeout) {
        RedisClusterAsyncCommands<byte[], byte[]> async = lettuce(connection);
        if (async == null) {
            return connection.stringCommands().mGet(keys);
        }
        Map<Integer, List<Integer>> groups = bySlot(keys);
        List<List<Integer>> positions = new ArrayList<>(groups.values());
        List<RedisFuture<List<KeyValue<byte[], byte[]>>>> replies = new ArrayList<>();
        for (List<Integer> group : positions) {
            replies.add(async.mget(select(keys, group)));
        }
        await(timeout, replies);
        List<byte[]> values = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            values.add(null);
        }
        for (int g = 0; g < positions.size(); g++) {
            List<KeyValue<byte[], byte[]>> reply = replies.get(g).toCompletableFuture().join();
            List<Integer> group = positions.get(g);
            for (int i = 0; i < group.size(); i++) {
                KeyValue<byte[], byte[]> value = reply.get(i);
                values.set(group.get(i), value.hasValue() ? value.getValue() : null);
            }
        }
        return values;
    }

    /** {@code SET} of every key with the same expiration, all sent before any reply is awaited. */
    static void set(RedisClusterConnection connection, Map<byte[], byte[]> values, Expiration expiration,
            Duration timeout) {
        RedisClusterAsyncCommands<byte[], byte[]> async = lettuce(connection);
        if (async == null) {
            values.forEach((key, value) -> connection.stringCommands().set(key, value, expiration,
                    SetOption.upsert()));
            return;
        }
        SetArgs args = expiration.isPersistent() ? new SetArgs()
                : SetArgs.Builder.px(expiration.getExpirationTimeInMilliseconds());
        List<RedisFuture<String>> replies = new ArrayList<>(values.size());
        values.forEach((key, value) -> replies.add(async.set(key, value, args)));
        await(timeout, replies);
    }

    /** {@code DEL} per slot. */
    static void del(RedisClusterConnection connection, byte[][] keys, Duration timeout) {
        delete(connection, keys, timeout, false);
    }

    /** {@code UNLINK} per slot: the memory is freed in the background. */
    static void unlink(RedisClusterConnection connection, byte[][] keys, Duration timeout) {
        delete(connection, keys, timeout, true);
    }

    private static void delete(RedisClusterConnection connection, byte[][] keys, Duration timeout, boolean unlink) {
        if (keys.length == 0) {
            return;
        }
        RedisClusterAsyncCommands<byte[], byte[]> async = lettuce(connection);
        if (async == null) {
            if (unlink) {
                connection.keyCommands().unlink(keys);
            }
            else {
                connection.keyCommands().del(keys);
            }
            return;
        }
        List<RedisFuture<Long>> replies = new ArrayList<>();
        for (List<Integer> group : bySlot(keys).values()) {
            byte[][] selected = select(keys, group);
            replies.add(unlink ? async.unlink(selected) : async.del(selected));
        }
        await(timeout, replies);
    }

    /**
     * The primaries that serve slots now, in the client's view of the topology: where {@code clear()} scans, and what
     * must answer for the cache to be available. A primary that the cluster marks as failed is left out once its
     * slots have moved; while it still holds slots, it is included, so that the caller finds it unreachable.
     */
    static List<RedisClusterNode> servingPrimaries(RedisClusterConnection connection) {
        List<RedisClusterNode> primaries = new ArrayList<>();
        for (RedisClusterNode node : connection.clusterCommands().clusterGetNodes()) {
            if (node.isMaster() && !node.getSlotRange().getSlots().isEmpty()) {
                primaries.add(node);
            }
        }
        return primaries;
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterAsyncCommands<byte[], byte[]> lettuce(RedisClusterConnection connection) {
        Object nativeConnection = connection.getNativeConnection();
        return (nativeConnection instanceof RedisClusterAsyncCommands<?, ?> async)
                ? (RedisClusterAsyncCommands<byte[], byte[]>) async : null;
    }

    private static byte[][] select(byte[][] keys, List<Integer> positions) {
        byte[][] selected = new byte[positions.size()][];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = keys[positions.get(i)];
        }
        return selected;
    }

    /**
     * Waits for every reply, up to {@code timeout} in all; a failed command fails the whole batch with its own
     * exception (a {@code RedisException}), which {@link RedisFaults} judges like any other.
     */
    private static void await(Duration timeout, List<? extends RedisFuture<?>> replies) {
        LettuceFutures.awaitAll(timeout, replies.toArray(new RedisFuture<?>[0]));
    }
}
