package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.locmem.cache.redis.testsupport.RedisClusterProcesses;
import dev.locmem.cache.redis.testsupport.RedisServerProcess;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Redis Cluster changes for a {@link RedisCache}, on a cluster of three primaries: an alias's keys spread over
 * every primary, multi-key operations span slots, {@code clear()} reaches every primary and only its own keys,
 * {@code incrVersion} moves a value between slots; and a slot that moves to another primary (a resharding) is
 * followed.
 */
class RedisClusterTest {

    private static RedisClusterProcesses cluster;

    private final List<RedisCache> caches = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = RedisClusterProcesses.start(3, 0);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void emptyTheCluster() {
        cluster.flushAll();
    }

    @AfterEach
    void closeCaches() {
        this.caches.forEach(RedisCache::close);
    }

    private RedisCache cache(String keyPrefix) {
        RedisCache cache = RedisCache.builder().location(cluster.location()).keyPrefix(keyPrefix).build();
        this.caches.add(cache);
        return cache;
    }

    @Test
    void aBigAliasSpreadsItsKeysOverEveryPrimary() {
        RedisCache cache = cache("big");
        Map<String, Integer> data = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            data.put("item-" + i, i);
        }
        cache.setMany(data);
        List<RedisServerProcess> primaries = cluster.primaries();
        assertThat(primaries).hasSize(3);
        long total = 0;
        for (RedisServerProcess primary : primaries) {
            long count = cluster.keyCount(primary);
            // An even share is about 100: each primary holds a third of the slots.
            assertThat(count).as("keys on the primary on port %d", primary.port()).isGreaterThan(50);
            total += count;
        }
        assertThat(total).isEqualTo(300);
    }

    @Test
    void getManyReadsKeysOfEverySlotInTheOrderAsked() {
        RedisCache cache = cache("many");
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            data.put("k" + i, "v" + i);
        }
        cache.setMany(data);
        List<String> asked = new ArrayList<>(data.keySet());
        asked.add("missing");
        Map<String, Object> found = cache.getMany(asked);
        assertThat(found).containsExactlyEntriesOf(data);
    }

    @Test
    void deleteManyRemovesKeysOfEverySlot() {
        RedisCache cache = cache("del");
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            data.put("k" + i, "v" + i);
        }
        cache.setMany(data);
        cache.deleteMany(data.keySet());
        assertThat(cache.getMany(data.keySet())).isEmpty();
        cluster.primaries().forEach((primary) -> assertThat(cluster.keyCount(primary)).isZero());
    }

    @Test
    void clearRemovesThisAliassKeysOnEveryPrimaryAndNoOthers() {
        RedisCache cleared = cache("cleared");
        RedisCache kept = cache("kept");
        for (int i = 0; i < 100; i++) {
            cleared.set("k" + i, i);
            kept.set("k" + i, i);
        }
        cleared.clear();
        for (int i = 0; i < 100; i++) {
            assertThat(cleared.hasKey("k" + i)).isFalse();
            assertThat(kept.get("k" + i)).isEqualTo(i);
        }
        assertThat(cluster.primaries().stream().mapToLong(cluster::keyCount).sum()).isEqualTo(100);
    }

    @Test
    void incrVersionMovesAValueToAKeyInAnotherSlot() {
        RedisCache cache = cache("versions");
        String key = keyWhoseVersionsAreInDifferentSlots();
        cache.set(key, "value");
        assertThat(cache.incrVersion(key)).isEqualTo(2);
        assertThat(cache.get(key)).isNull();
        assertThat(cache.get(key, null, 2)).isEqualTo("value");
        // Back from version 2 to 1: decr_version(key, version=2) in Django.
        assertThat(cache.incrVersion(key, -1, 2)).isEqualTo(1);
        assertThat(cache.get(key)).isEqualTo("value");
        assertThat(cache.hasKey(key, 2)).isFalse();
    }

    /** A key whose made keys at versions 1 and 2 hash to different slots (almost every key does). */
    private static String keyWhoseVersionsAreInDifferentSlots() {
        for (int i = 0;; i++) {
            String key = "moved-" + i;
            if (SlotHash.getSlot("versions:1:" + key) != SlotHash.getSlot("versions:2:" + key)) {
                return key;
            }
        }
    }

    @Test
    void theCacheFollowsASlotThatMovesToAnotherPrimary() {
        RedisCache cache = cache("resharded");
        cache.set("k", "before");
        int slot = SlotHash.getSlot("resharded:1:k");
        RedisServerProcess source = cluster.primaryOfSlot(slot);
        RedisServerProcess target = cluster.primaries().stream().filter((node) -> node != source).findFirst()
                .orElseThrow();

        cluster.moveSlot(slot, target);

        assertThat(cluster.primaryOf("resharded:1:k")).isSameAs(target);
        assertThat(cache.get("k")).isEqualTo("before");
        cache.set("k", "after");
        long onTarget = RedisClusterProcesses.withNode(target, (commands) -> commands.exists("resharded:1:k"));
        assertThat(onTarget).isOne();
        assertThat(cache.getMany(List.of("k"))).containsEntry("k", "after");
        cache.clear();
        assertThat(cache.hasKey("k")).isFalse();
    }
}
