package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.locmem.cache.CacheStats;
import dev.locmem.cache.Timeout;
import dev.locmem.cache.contract.TestKeys.IdentityKey;
import org.junit.jupiter.api.Test;

/**
 * What {@link RedisCache} does on the server, seen by another client: the stored forms of values, TTLs, atomic
 * integer updates, serialization failures and statistics. Django's shared behaviour is {@link RedisCacheContractTest}'s.
 */
class RedisCacheTest extends RedisTestCaches {

    @Test
    void anIntegerIsStoredAsARedisIntegerThatOtherClientsRead() {
        cache().set("visits", 42);
        assertThat(raw().get(":1:visits")).isEqualTo("42");
        assertThat(raw().objectEncoding(":1:visits")).isEqualTo("int");
    }

    @Test
    void anIntegerStoredByAnotherClientIsReadAndIncremented() {
        raw().set(":1:hits", "7");
        RedisCache cache = cache();
        assertThat(cache.get("hits")).isEqualTo(7);
        assertThat(cache.incr("hits")).isEqualTo(8);
        assertThat(raw().get(":1:hits")).isEqualTo("8");
    }

    @Test
    void aLongBeyondTheIntRangeIsStoredAsARedisIntegerAndReadBackAsALong() {
        RedisCache cache = cache();
        cache.set("big", 1L << 40);
        assertThat(raw().get(":1:big")).isEqualTo("1099511627776");
        assertThat(cache.get("big")).isEqualTo(1L << 40);
    }

    @Test
    void aLongWithinTheIntRangeKeepsItsTypeAndCanStillBeIncremented() {
        RedisCache cache = cache();
        cache.set("n", 5L);
        assertThat(cache.get("n")).isEqualTo(5L);
        assertThat(cache.incr("n")).isEqualTo(6);
        assertThat(raw().get(":1:n")).isEqualTo("6");
        assertThat(((Number) cache.get("n")).longValue()).isEqualTo(6);
    }

    @Test
    void aShortKeepsItsTypeAndCanStillBeDecremented() {
        RedisCache cache = cache();
        cache.set("s", (short) 3);
        assertThat(cache.get("s")).isEqualTo((short) 3);
        assertThat(cache.decr("s")).isEqualTo(2);
    }

    @Test
    void anIncrThatOverflowsAnIntegerStoredSerializedLeavesItAsItWas() {
        RedisCache cache = cache();
        cache.set("n", 5L, Timeout.ofSeconds(100));
        assertThatThrownBy(() -> cache.incr("n", Long.MAX_VALUE)).isInstanceOf(ArithmeticException.class);
        assertThat(cache.get("n")).isEqualTo(5L);
        assertThat(raw().pttl(":1:n")).isBetween(90_000L, 100_000L);
    }

    @Test
    void aStringThatLooksLikeAnIntegerStaysAString() {
        RedisCache cache = cache();
        cache.set("text", "42");
        assertThat(cache.get("text")).isEqualTo("42");
        assertThat(raw().get(":1:text")).isNotEqualTo("42");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.incr("text"))
                .withMessage("Value of key 'text' is not an integer");
    }

    @Test
    void concurrentIncrementsAreNeverLost() throws Exception {
        RedisCache cache = cache();
        cache.set("int", 0);
        cache.set("long", 0L);
        incrementConcurrently(cache, 8, 250);
        assertThat(((Number) cache.get("int")).longValue()).isEqualTo(2000);
        // The first increments race to turn the serialized Long into a Redis integer; none may be lost.
        assertThat(((Number) cache.get("long")).longValue()).isEqualTo(2000);
    }

    private static void incrementConcurrently(RedisCache cache, int threads, int times) throws Exception {
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < times; i++) {
                        cache.incr("int");
                        cache.incr("long");
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void incrKeepsTheTimeToLive() {
        RedisCache cache = cache();
        cache.set("counter", 1, Timeout.ofSeconds(100));
        cache.incr("counter", 5);
        assertThat(raw().pttl(":1:counter")).isBetween(90_000L, 100_000L);
    }

    @Test
    void incrOfAMissingKeyFailsAndCreatesNothing() {
        assertThatIllegalArgumentException().isThrownBy(() -> cache().incr("missing"))
                .withMessage("Key 'missing' not found");
        assertThat(raw().exists(":1:missing")).isZero();
    }

    @Test
    void setStoresWithTheDefaultTimeoutAsTimeToLive() {
        cache((builder) -> builder.timeout(Timeout.ofSeconds(60))).set("k", "v");
        assertThat(raw().pttl(":1:k")).isBetween(59_000L, 60_000L);
    }

    @Test
    void setWithNeverStoresWithoutTimeToLive() {
        cache().set("k", "v", Timeout.NEVER);
        assertThat(raw().pttl(":1:k")).isEqualTo(-1);
    }

    @Test
    void setWithAZeroTimeoutDeletesTheKey() {
        RedisCache cache = cache();
        cache.set("k", "v");
        cache.set("k", "w", Timeout.ofSeconds(0));
        assertThat(raw().exists(":1:k")).isZero();
    }

    @Test
    void aTimeoutBelowAMillisecondStillStoresTheValueForAMillisecond() {
        cache().set("k", "v", Timeout.of(java.time.Duration.ofNanos(1)));
        // SET PX 0 would be refused by Redis; the value is stored for 1 ms, and may be gone by now.
        assertThat(raw().pttl(":1:k")).isLessThanOrEqualTo(1);
    }

    @Test
    void addStoresWithTimeToLiveOnlyWhenTheKeyIsAbsent() {
        RedisCache cache = cache();
        assertThat(cache.add("k", "first", Timeout.ofSeconds(100))).isTrue();
        assertThat(cache.add("k", "second", Timeout.ofSeconds(100))).isFalse();
        assertThat(cache.get("k")).isEqualTo("first");
        assertThat(raw().pttl(":1:k")).isBetween(90_000L, 100_000L);
    }

    @Test
    void touchToNeverRemovesTheTimeToLive() {
        RedisCache cache = cache();
        cache.set("k", "v", Timeout.ofSeconds(100));
        assertThat(cache.touch("k", Timeout.NEVER)).isTrue();
        assertThat(raw().pttl(":1:k")).isEqualTo(-1);
    }

    @Test
    void touchToNeverOfAKeyWithoutTimeToLiveIsTrue() {
        RedisCache cache = cache();
        cache.set("k", "v", Timeout.NEVER);
        // PERSIST alone would answer 0 here: the key has no TTL to remove, but it is live.
        assertThat(cache.touch("k", Timeout.NEVER)).isTrue();
    }

    @Test
    void touchToNeverOfAMissingKeyIsFalseAndCreatesNothing() {
        assertThat(cache().touch("missing", Timeout.NEVER)).isFalse();
        assertThat(raw().exists(":1:missing")).isZero();
    }

    @Test
    void touchSetsANewTimeToLive() {
        RedisCache cache = cache();
        cache.set("k", "v", Timeout.NEVER);
        assertThat(cache.touch("k", Timeout.ofSeconds(100))).isTrue();
        assertThat(raw().pttl(":1:k")).isBetween(90_000L, 100_000L);
    }

    @Test
    void incrVersionMovesTheValueWithTheDefaultTimeout() {
        RedisCache cache = cache((builder) -> builder.timeout(Timeout.ofSeconds(60)));
        cache.set("k", "v", Timeout.NEVER);
        assertThat(cache.incrVersion("k")).isEqualTo(2);
        assertThat(raw().exists(":1:k")).isZero();
        assertThat(raw().pttl(":2:k")).isBetween(59_000L, 60_000L);
        assertThat(cache.get("k", null, 2)).isEqualTo("v");
    }

    @Test
    void incrVersionByZeroKeepsTheValue() {
        RedisCache cache = cache();
        cache.set("k", "v");
        assertThat(cache.incrVersion("k", 0)).isEqualTo(1);
        assertThat(cache.get("k")).isEqualTo("v");
    }

    @Test
    void getManyReturnsOnlyTheKeysFoundInTheOrderAsked() {
        RedisCache cache = cache();
        cache.setMany(Map.of("a", 1, "b", "two"));
        assertThat(cache.getMany(List.of("b", "missing", "a")).keySet()).containsExactly("b", "a");
    }

    @Test
    void setManyStoresEveryKeyWithTheTimeout() {
        RedisCache cache = cache();
        assertThat(cache.setMany(Map.of("a", 1, "b", "two"), Timeout.ofSeconds(100))).isEmpty();
        assertThat(raw().pttl(":1:a")).isBetween(90_000L, 100_000L);
        assertThat(raw().pttl(":1:b")).isBetween(90_000L, 100_000L);
    }

    @Test
    void setManyStoresEachValueInTheFormThatSetStoresIt() {
        RedisCache cache = cache();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("int", 42);
        values.put("small-long", 42L);
        values.put("big-long", 1L << 40);
        values.put("short", (short) 4);
        values.put("digits", "42");
        values.put("null", null);
        Map<String, Object> batch = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            cache.set("one:" + key, value);
            batch.put("many:" + key, value);
        });
        cache.setMany(batch);
        values.forEach((key, value) -> {
            assertThat(raw().get(":1:many:" + key)).as(key).isEqualTo(raw().get(":1:one:" + key));
            assertThat(cache.get("many:" + key, "missing")).as(key).isEqualTo(value);
        });
    }

    @Test
    void aKeyThatIsNotAStringIsStoredUnderItsTaggedText() {
        RedisCache cache = cache();
        cache.set(42L, "long");
        cache.set("42", "string");
        assertThat(raw().keys("*")).containsExactlyInAnyOrder(":1:§L:42", ":1:42");
        assertThat(cache.get(42L)).isEqualTo("long");
    }

    @Test
    void aKeyWithoutATextFormIsRefusedNamingItsClassAndNothingIsStored() {
        RedisCache cache = cache();
        Object key = new Object();
        assertThatIllegalArgumentException().isThrownBy(() -> cache.set(key, "value"))
                .withMessageContaining("java.lang.Object").withMessageContaining("key expression");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.get(new IdentityKey("same")))
                .withMessageContaining(IdentityKey.class.getName());
        assertThat(raw().keys("*")).isEmpty();
    }

    @Test
    void deleteManyRemovesTheKeysGiven() {
        RedisCache cache = cache();
        cache.setMany(Map.of("a", 1, "b", 2, "c", 3));
        cache.deleteMany(List.of("a", "b", "missing"));
        assertThat(raw().keys("*")).containsExactly(":1:c");
    }

    @Test
    void anUnserializableValueFailsNamingTheKeyAndTheClassAndStoresNothing() {
        RedisCache cache = cache();
        assertThatIllegalArgumentException().isThrownBy(() -> cache.set("k", new Object()))
                .withMessageContaining("'k'").withMessageContaining("java.lang.Object");
        assertThatIllegalArgumentException().isThrownBy(() -> cache.add("k", new Object()));
        assertThat(raw().exists(":1:k")).isZero();
    }

    @Test
    void setManyWithAnUnserializableValueStoresNothingOfTheBatch() {
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("first", "fine");
        batch.put("bad", new Object());
        batch.put("last", 3);
        assertThatIllegalArgumentException().isThrownBy(() -> cache().setMany(batch)).withMessageContaining("'bad'");
        assertThat(raw().dbsize()).isZero();
    }

    @Test
    void aValueStoredInAnotherFormatFailsToReadNamingTheKey() {
        raw().set(":1:foreign", "written by another client");
        assertThatIllegalStateException().isThrownBy(() -> cache().get("foreign")).withMessageContaining("'foreign'");
    }

    @Test
    void statisticsCountHitsMissesAndPutsAndLeaveTheServerSideUnknown() {
        RedisCache cache = cache();
        cache.set("a", 1);
        cache.add("b", 2);
        cache.add("b", 3);
        cache.get("a");
        cache.get("missing");
        cache.getMany(List.of("a", "b", "missing"));
        assertThat(cache.stats()).isEqualTo(new CacheStats(3, 2, 2, 0, 0, -1));
    }

    @Test
    void theJsonSerializerStoresReadableJsonWithTheClassName() {
        RedisCache cache = cache((builder) -> builder.serializer("json"));
        cache.set("order", new Order("A-1", 3));
        assertThat(raw().get(":1:order")).contains("\"id\":\"A-1\"").contains("\"quantity\":3")
                .contains(Order.class.getName());
        assertThat(cache.get("order")).isEqualTo(new Order("A-1", 3));
    }

    @Test
    void theJsonSerializerKeepsStringsNullsAndIntegersReadable() {
        RedisCache cache = cache((builder) -> builder.serializer("json"));
        cache.set("text", "42");
        cache.set("nothing", null);
        cache.set("number", 42);
        assertThat(raw().mget(":1:text", ":1:nothing", ":1:number")).extracting((value) -> value.getValue())
                .containsExactly("\"42\"", "null", "42");
        assertThat(cache.get("text")).isEqualTo("42");
        assertThat(cache.hasKey("nothing")).isTrue();
        assertThat(cache.get("nothing", "default")).isNull();
        assertThat(cache.get("number")).isEqualTo(42);
    }

    @Test
    void theJsonSerializerRoundTripsCollectionsAndDoubles() {
        RedisCache cache = cache((builder) -> builder.serializer("json"));
        List<Object> list = new ArrayList<>(List.of("a", 1, 2.5));
        Map<String, Object> map = new LinkedHashMap<>(Map.of("x", List.of()));
        cache.set("list", list);
        cache.set("map", map);
        cache.set("double", 4.0);
        assertThat(cache.get("list")).isEqualTo(list);
        assertThat(cache.get("map")).isEqualTo(map);
        assertThat(cache.get("double")).isEqualTo(4.0);
    }

    @Test
    void aLongReadsBackAsALongWithTheJsonSerializerToo() {
        RedisCache cache = cache((builder) -> builder.serializer("json"));
        cache.set("n", 5L);
        // JSON would write 5, which reads as an Integer: such a value is stored with JDK serialization instead.
        assertThat(cache.get("n")).isEqualTo(5L);
    }

    @Test
    void anUnknownSerializerIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisCache.builder().serializer("pickle"))
                .withMessageContaining("'jdk' or 'json'");
    }

    /** A value type as applications cache them, for the JSON serializer. */
    record Order(String id, int quantity) implements Serializable {
    }
}
