package dev.locmem.cache.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a near cache promises on a real server while it tracks: copies served from memory, dropped when anyone
 * changes their key, never kept past Redis's TTL, and never kept from a read that an invalidation overtook.
 */
class RedisNearCacheTest {

    /** How long an invalidation may take to arrive on loopback before a test calls it lost. */
    static final Duration INVALIDATION_WITHIN = Duration.ofSeconds(5);

    private TestRedis.RawClient raw;

    private RedisNearCache cache;

    @BeforeEach
    void start() {
        this.raw = new TestRedis.RawClient(TestRedis.DATABASE);
        this.raw.commands().flushdb();
        this.cache = NearCaches.awaitTracking(nearCache(CacheSettings.builder()));
    }

    @AfterEach
    void stop() {
        this.cache.close();
        this.raw.close();
    }

    static CacheBackend nearCache(CacheSettings.Builder settings) {
        return new RedisCacheProvider().create(settings.backend(RedisCacheProvider.NAME)
                .location(TestRedis.location(TestRedis.DATABASE))
                .option(RedisCacheProvider.NEAR_CACHE_MAX_ENTRIES, 100).build());
    }

    @Test
    void startsTrackingOnItsOwn() {
        assertThat(this.cache.isTracking()).isTrue();
        assertThat(this.cache.trackingClientId()).isPositive();
    }

    @Test
    void repeatedReadsOfAHotKeyAskRedisOnce() {
        setAndSettle(this.cache, "hot", "value");
        long before = serverReads();
        for (int i = 0; i < 1000; i++) {
            assertThat(this.cache.get("hot")).isEqualTo("value");
        }
        assertThat(serverReads() - before).isOne();
        assertThat(this.cache.nearCacheStats().hits()).isEqualTo(999);
    }

    @Test
    void aForeignSetOfTheStoredKeyReplacesTheCopy() {
        this.cache.set("n", 42);
        assertThat(this.cache.get("n")).isEqualTo(42);
        this.raw.commands().set(":1:n", "43");
        NearCaches.await("the copy of n replaced", INVALIDATION_WITHIN, () -> Integer.valueOf(43).equals(this.cache.get("n")));
        assertThat(this.cache.nearCacheStats().invalidations()).isPositive();
    }

    @Test
    void aForeignDeleteOfTheStoredKeyDropsTheCopy() {
        this.cache.set("k", "v");
        assertThat(this.cache.get("k")).isEqualTo("v");
        this.raw.commands().del(":1:k");
        NearCaches.await("the copy of k dropped", INVALIDATION_WITHIN, () -> this.cache.get("k", "gone").equals("gone"));
    }

    @Test
    void aFlushOfTheDatabaseEmptiesTheCopy() {
        this.cache.set("k", "v");
        assertThat(this.cache.get("k")).isEqualTo("v");
        long flushes = this.cache.nearCacheStats().flushes();
        this.raw.commands().flushdb();
        NearCaches.await("a flush received", INVALIDATION_WITHIN, () -> this.cache.nearCacheStats().flushes() > flushes);
        assertThat(this.cache.nearCacheStats().size()).isZero();
        assertThat(this.cache.get("k", "gone")).isEqualTo("gone");
    }

    @Test
    void aCopyIsNeverKeptLongerThanRedisKeepsTheValue() {
        this.cache.set("short", "lived", Timeout.of(Duration.ofMillis(300)));
        assertThat(this.cache.get("short")).isEqualTo("lived");
        NearCaches.pause(450);
        assertThat(this.cache.get("short", "expired")).isEqualTo("expired");
    }

    @Test
    void eachWriteOfThisInstanceIsReadBackAtOnce() {
        this.cache.set("k", 1);
        assertThat(this.cache.get("k")).isEqualTo(1);
        this.cache.set("k", 2);
        assertThat(this.cache.get("k")).isEqualTo(2);
        assertThat(this.cache.incr("k")).isEqualTo(3);
        assertThat(this.cache.get("k")).isEqualTo(3);
        this.cache.setMany(Map.of("k", 4));
        assertThat(this.cache.get("k")).isEqualTo(4);
        this.cache.touch("k", Timeout.of(Duration.ofMillis(200)));
        NearCaches.pause(300);
        assertThat(this.cache.get("k", "expired")).isEqualTo("expired");
        this.cache.set("k", 5);
        assertThat(this.cache.get("k")).isEqualTo(5);
        assertThat(this.cache.add("k", 6)).isFalse();
        this.cache.delete("k");
        assertThat(this.cache.get("k", "deleted")).isEqualTo("deleted");
        assertThat(this.cache.add("k", 7)).isTrue();
        assertThat(this.cache.get("k")).isEqualTo(7);
        this.cache.deleteMany(List.of("k"));
        assertThat(this.cache.get("k", "deleted")).isEqualTo("deleted");
        this.cache.set("k", 8);
        assertThat(this.cache.get("k")).isEqualTo(8);
        this.cache.clear();
        assertThat(this.cache.get("k", "cleared")).isEqualTo("cleared");
        this.cache.set("k", 9);
        assertThat(this.cache.get("k")).isEqualTo(9);
        this.cache.incrVersion("k");
        assertThat(this.cache.get("k", "moved")).isEqualTo("moved");
        assertThat(this.cache.get("k", null, 2)).isEqualTo(9);
    }

    @Test
    void aHitReturnsTheKeptObjectByDefault() {
        setAndSettle(this.cache, "list", new java.util.ArrayList<>(List.of(1, 2)));
        Object first = this.cache.get("list");
        assertThat(this.cache.get("list")).isSameAs(first);
    }

    @Test
    void withStoreByValueAHitReturnsAFreshCopy() {
        try (CacheBackend byValue = nearCache(CacheSettings.builder().keyPrefix("by-value")
                .option(RedisCacheProvider.STORE_BY_VALUE, true))) {
            NearCaches.awaitTracking(byValue);
            setAndSettle((RedisNearCache) byValue, "list", new java.util.ArrayList<>(List.of(1, 2)));
            Object first = byValue.get("list");
            Object second = byValue.get("list");
            assertThat(second).isEqualTo(first).isNotSameAs(first);
            assertThat(((RedisNearCache) byValue).nearCacheStats().hits()).isOne();
        }
    }

    @Test
    void aValueReadBeforeAnInvalidationArrivedIsNotKept() throws Exception {
        this.cache.set("raced", 1);
        // The fill reads 1 from Redis, then waits while another client writes 2 and its invalidation arrives.
        assertThat(fillRacedByAForeignWrite(() -> this.cache.get("raced"))).isEqualTo(1);
        assertThat(this.cache.get("raced")).as("read after the invalidation").isEqualTo(2);
        assertThat(this.cache.nearCacheStats().rejectedFills()).isOne();
    }

    @Test
    void getManyKeepsWhatItReadsSoThatRepeatedReadsAskRedisOnce() {
        setAndSettle(this.cache, "a", 1);
        setAndSettle(this.cache, "b", 2);
        long before = serverReads();
        assertThat(this.cache.getMany(List.of("absent", "a", "b"))).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
        long afterFirst = serverReads();
        for (int i = 0; i < 100; i++) {
            assertThat(this.cache.getMany(List.of("a", "b"))).containsExactly(Map.entry("a", 1), Map.entry("b", 2));
            assertThat(this.cache.get("a")).isEqualTo(1);
        }
        assertThat(afterFirst - before).as("reads of the first getMany, one per key").isEqualTo(3);
        assertThat(serverReads()).as("reads after it").isEqualTo(afterFirst);
        assertThat(this.cache.nearCacheStats().hits()).isEqualTo(300);
        assertThat(this.cache.nearCacheStats().misses()).isEqualTo(3);
    }

    @Test
    void getManyAnswersInTheOrderAskedWhetherAKeyWasKeptOrRead() {
        setAndSettle(this.cache, "kept", "k");
        assertThat(this.cache.get("kept")).isEqualTo("k");
        setAndSettle(this.cache, "read", "r");
        assertThat(this.cache.getMany(List.of("read", "absent", "kept", "read")))
                .containsExactly(Map.entry("read", "r"), Map.entry("kept", "k"));
        assertThat(this.cache.getMany(List.of("kept", "read")))
                .containsExactly(Map.entry("kept", "k"), Map.entry("read", "r"));
    }

    @Test
    void getManyNeverKeepsACopyLongerThanRedisKeepsTheValue() {
        this.cache.set("short", "lived", Timeout.of(Duration.ofMillis(300)));
        this.cache.set("long", "lived");
        assertThat(this.cache.getMany(List.of("short", "long"))).containsOnlyKeys("short", "long");
        NearCaches.pause(450);
        assertThat(this.cache.getMany(List.of("short", "long"))).containsOnlyKeys("long");
        assertThat(this.cache.get("short", "expired")).isEqualTo("expired");
    }

    @Test
    void aValueThatGetManyReadBeforeAnInvalidationArrivedIsNotKept() throws Exception {
        setAndSettle(this.cache, "raced", 1);
        setAndSettle(this.cache, "calm", 1);
        // The fill reads both keys, then waits while another client writes raced; calm is not written, and its
        // stripe is another's.
        assertThat(NearCacheStore.stripe(":1:raced")).isNotEqualTo(NearCacheStore.stripe(":1:calm"));
        assertThat(fillRacedByAForeignWrite(() -> this.cache.getMany(List.of("raced", "calm"))))
                .containsExactly(Map.entry("raced", 1), Map.entry("calm", 1));
        assertThat(this.cache.nearCacheStats().rejectedFills()).isOne();
        long before = serverReads();
        assertThat(this.cache.get("raced")).as("read after the invalidation").isEqualTo(2);
        assertThat(this.cache.get("calm")).isEqualTo(1);
        assertThat(serverReads() - before).as("reads of Redis: raced only, calm was kept").isOne();
    }

    /**
     * Runs a read that fills from Redis and holds it between its read and its keep while another client writes 2 to
     * {@code raced} and that write's invalidation arrives; then lets the fill go on.
     * @return what the read answered
     */
    private <T> T fillRacedByAForeignWrite(Supplier<T> read) throws Exception {
        CountDownLatch between = new CountDownLatch(1);
        CountDownLatch invalidated = new CountDownLatch(1);
        this.cache.betweenReadAndKeep = () -> {
            between.countDown();
            await(invalidated);
        };
        CompletableFuture<T> fill = CompletableFuture.supplyAsync(read);
        await(between);
        this.cache.betweenReadAndKeep = null;
        long invalidations = this.cache.nearCacheStats().invalidations();
        this.raw.commands().set(":1:raced", "2");
        NearCaches.await("the invalidation of raced", INVALIDATION_WITHIN,
                () -> this.cache.nearCacheStats().invalidations() > invalidations);
        invalidated.countDown();
        return fill.get(10, TimeUnit.SECONDS);
    }

    /**
     * Sets a value and waits until the server's invalidation of that write has arrived too: until then it may drop
     * the copy that a read keeps, which is safe but would make a count of reads vary.
     */
    private static void setAndSettle(RedisNearCache cache, String key, Object value) {
        long before = cache.nearCacheStats().invalidations();
        cache.set(key, value);
        NearCaches.await("the invalidation of our own write", INVALIDATION_WITHIN,
                () -> cache.nearCacheStats().invalidations() > before);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("latch within 10 s").isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The values the server has read out: {@code GET}s and {@code MGET}s, counted by the server also when a script
     * runs them (a fill is a script with one {@code GET}).
     */
    private long serverReads() {
        long reads = 0;
        for (String line : this.raw.commands().info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_get:") || line.startsWith("cmdstat_mget:")) {
                String calls = line.substring(line.indexOf("calls=") + 6);
                reads += Long.parseLong(calls.substring(0, calls.indexOf(',')));
            }
        }
        return reads;
    }
}
