package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.locmem.cache.contract.TestKeys.IdentityKey;
import dev.locmem.cache.contract.TestKeys.Isbn;
import dev.locmem.cache.locmem.LocMemStore;
import dev.locmem.cache.locmem.StoreContents;
import java.lang.ref.Reference;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules of {@link LocMemCache} beyond the shared contract (see {@link LocMemCacheContractTest}): Django's
 * {@code LocMemCacheTests}, the order of culling, shared and released stores, store-by-value, statistics, key
 * warnings and the clock. Every cache lives in stores of its own, on a fake clock.
 */
class LocMemCacheTest {

    private final FakeTicker ticker = new FakeTicker();

    private final LocMemStores stores = LocMemStores.create();

    private LocMemCache.Builder builder() {
        return LocMemCache.builder().stores(this.stores).ticker(this.ticker);
    }

    /** A cache of at most {@code maxEntries} entries, culling 1/{@code cullFrequency}. */
    private LocMemCache bounded(int maxEntries, int cullFrequency) {
        return builder().maxEntries(maxEntries).cullFrequency(cullFrequency).build();
    }

    /** Sets each key to itself, never expiring, in order: the first is then the least recently used. */
    private static void setAll(LocMemCache cache, String... keys) {
        for (String key : keys) {
            cache.set(key, key, Timeout.NEVER);
        }
    }

    private static List<String> present(LocMemCache cache, String... keys) {
        // hasKey does not count as a use, so looking does not change what a later cull removes.
        List<String> present = new ArrayList<>();
        for (String key : keys) {
            if (cache.hasKey(key)) {
                present.add(key);
            }
        }
        return present;
    }

    private static String[] keys(int fromInclusive, int toExclusive) {
        return IntStream.range(fromInclusive, toExclusive).mapToObj(Integer::toString).toArray(String[]::new);
    }

    /** The builder's defaults and checks, and a cache's life cycle. */
    @Nested
    class Building {

        @Test
        void defaultsAreDjangos() {
            LocMemCache cache = builder().build();
            assertThat(cache.location()).isEmpty();
            assertThat(cache.maxEntries()).isEqualTo(300);
            assertThat(cache.cullFrequency()).isEqualTo(3);
            assertThat(cache.keyPrefix()).isEmpty();
            assertThat(cache.version()).isEqualTo(1);
            assertThat(cache.defaultTimeout()).isEqualTo(Timeout.ofSeconds(300));
            assertThat(cache.isStoreByValue()).isFalse();
        }

        @Test
        void builderRefusesMaxEntriesBelowOneAndNegativeCullFrequency() {
            assertThatIllegalArgumentException().isThrownBy(() -> builder().maxEntries(0))
                    .withMessageContaining("max-entries");
            assertThatIllegalArgumentException().isThrownBy(() -> builder().cullFrequency(-1))
                    .withMessageContaining("cull-frequency");
        }

        @Test
        void closeLeavesTheDataToOtherCachesOfTheLocation() {
            LocMemCache one = builder().location("shared").build();
            LocMemCache other = builder().location("shared").build();
            one.set("key", "value");
            one.close();
            one.close();
            assertThat(other.get("key")).isEqualTo("value");
        }

        @Test
        void toStringNamesLocationAndBounds() {
            assertThat(builder().location("here").maxEntries(5).build().toString()).contains("'here'")
                    .contains("maxEntries=5").contains("cullFrequency=3");
        }
    }

    /** Django's LocMemCacheTests.test_lru_*, and what does not count as a use. */
    @Nested
    class LeastRecentlyUsed {

        // test_lru_get
        @Test
        void getRefreshes() {
            LocMemCache cache = bounded(9, 3);
            setAll(cache, keys(0, 9));
            for (String key : keys(0, 6)) {
                assertThat(cache.get(key)).isEqualTo(key);
            }
            cache.set("9", "9", Timeout.NEVER);
            assertThat(present(cache, keys(0, 10))).containsExactly("0", "1", "2", "3", "4", "5", "9");
        }

        // test_lru_set
        @Test
        void setRefreshes() {
            LocMemCache cache = bounded(9, 3);
            setAll(cache, keys(0, 9));
            setAll(cache, keys(3, 9));
            cache.set("9", "9", Timeout.NEVER);
            assertThat(present(cache, keys(0, 10))).containsExactly("3", "4", "5", "6", "7", "8", "9");
        }

        // test_lru_incr
        @Test
        void incrRefreshes() {
            LocMemCache cache = bounded(9, 3);
            for (int key = 0; key < 9; key++) {
                cache.set(Integer.toString(key), key, Timeout.NEVER);
            }
            for (int key = 0; key < 6; key++) {
                assertThat(cache.incr(Integer.toString(key))).isEqualTo(key + 1);
            }
            cache.set("9", 9, Timeout.NEVER);
            assertThat(present(cache, keys(0, 10))).containsExactly("0", "1", "2", "3", "4", "5", "9");
        }

        @Test
        void getManyRefreshes() {
            LocMemCache cache = bounded(3, 3);
            setAll(cache, "a", "b", "c");
            cache.getMany(List.of("a"));
            cache.set("d", "d");
            assertThat(present(cache, "a", "b", "c", "d")).containsExactly("a", "c", "d");
        }

        @Test
        void addOfALiveKeyDoesNotRefresh() {
            LocMemCache cache = bounded(3, 3);
            setAll(cache, "a", "b", "c");
            assertThat(cache.add("a", "again")).isFalse();
            cache.set("d", "d");
            assertThat(present(cache, "a", "b", "c", "d")).containsExactly("b", "c", "d");
        }

        @Test
        void touchDoesNotRefresh() {
            LocMemCache cache = bounded(3, 3);
            setAll(cache, "a", "b", "c");
            assertThat(cache.touch("a", Timeout.NEVER)).isTrue();
            cache.set("d", "d");
            assertThat(present(cache, "a", "b", "c", "d")).containsExactly("b", "c", "d");
        }

        @Test
        void hasKeyDoesNotRefresh() {
            LocMemCache cache = bounded(3, 3);
            setAll(cache, "a", "b", "c");
            assertThat(cache.hasKey("a")).isTrue();
            cache.set("d", "d");
            assertThat(present(cache, "a", "b", "c", "d")).containsExactly("b", "c", "d");
        }

        @Test
        void addOfAnExpiredKeyCountsAsANewUse() {
            LocMemCache cache = bounded(3, 3);
            cache.set("a", "a", Timeout.ofSeconds(1));
            setAll(cache, "b", "c");
            this.advancePastOneSecond();
            assertThat(cache.add("a", "again", Timeout.NEVER)).isTrue();
            cache.set("d", "d");
            assertThat(present(cache, "a", "b", "c", "d")).containsExactly("a", "c", "d");
        }

        private void advancePastOneSecond() {
            LocMemCacheTest.this.ticker.advance(Duration.ofMillis(1001));
        }
    }

    /** Django's {@code _cull}, with expired entries first and at least one entry culled. */
    @Nested
    class Culling {

        @Test
        void insertIntoAFullStoreCullsAThirdOfItLeastRecentlyUsedFirst() {
            LocMemCache cache = bounded(10, 3);
            setAll(cache, keys(0, 10));
            cache.set("new", "new");
            // 10 // 3 = 3 culled, then the new key stored.
            assertThat(cache.size()).isEqualTo(8);
            assertThat(present(cache, keys(0, 10))).containsExactly(keys(3, 10));
            assertThat(cache.stats().evictions()).isEqualTo(3);
        }

        @Test
        void expiredEntriesAreCulledBeforeLiveOnes() {
            LocMemCache cache = bounded(6, 3);
            cache.set("a", "a", Timeout.NEVER);
            cache.set("b", "b", Timeout.ofSeconds(1));
            setAll(cache, "c", "d");
            cache.set("e", "e", Timeout.ofSeconds(1));
            cache.set("f", "f", Timeout.NEVER);
            LocMemCacheTest.this.ticker.advanceSeconds(2);
            cache.set("g", "g");
            // 6 // 3 = 2 culled: the two expired ones, not the least recently used "a".
            assertThat(cache.size()).isEqualTo(5);
            assertThat(present(cache, "a", "c", "d", "f", "g")).containsExactly("a", "c", "d", "f", "g");
            assertThat(cache.stats().expirations()).isEqualTo(2);
            assertThat(cache.stats().evictions()).isZero();
        }

        @Test
        void everyExpiredEntryIsCulledEvenBeyondTheShare() {
            LocMemCache cache = bounded(6, 3);
            cache.set("a", "a", Timeout.NEVER);
            for (String key : List.of("b", "c", "d", "e")) {
                cache.set(key, key, Timeout.ofSeconds(1));
            }
            cache.set("f", "f", Timeout.NEVER);
            LocMemCacheTest.this.ticker.advanceSeconds(2);
            cache.set("g", "g");
            // The share is 2, but all 4 expired entries go and no live one does.
            assertThat(cache.size()).isEqualTo(3);
            assertThat(present(cache, "a", "f", "g")).containsExactly("a", "f", "g");
        }

        @Test
        void theShareIsMadeUpWithTheLeastRecentlyUsedLiveEntries() {
            LocMemCache cache = bounded(6, 2);
            setAll(cache, "a", "b");
            cache.set("c", "c", Timeout.ofSeconds(1));
            setAll(cache, "d", "e", "f");
            cache.get("a");
            LocMemCacheTest.this.ticker.advanceSeconds(2);
            cache.set("g", "g");
            // 6 // 2 = 3 culled: expired "c", then "b" and "d", the least recently used live ones ("a" was read).
            assertThat(present(cache, "a", "b", "c", "d", "e", "f", "g")).containsExactly("a", "e", "f", "g");
            assertThat(cache.stats().expirations()).isEqualTo(1);
            assertThat(cache.stats().evictions()).isEqualTo(2);
        }

        @Test
        void cullFrequencyZeroClearsTheStore() {
            LocMemCache cache = bounded(5, 0);
            setAll(cache, keys(0, 5));
            cache.set("new", "new");
            assertThat(cache.size()).isEqualTo(1);
            assertThat(present(cache, keys(0, 5))).isEmpty();
            assertThat(cache.get("new")).isEqualTo("new");
            assertThat(cache.stats().evictions()).isEqualTo(5);
        }

        @ParameterizedTest(name = "cull-frequency {0}")
        @ValueSource(ints = { 0, 1 })
        void aCullThatEmptiesTheStoreCountsItsExpiredEntriesAsExpirationsAndTheRestAsEvictions(int cullFrequency) {
            LocMemCache cache = bounded(5, cullFrequency);
            cache.set("expiring", 1, Timeout.ofSeconds(1));
            cache.set("also expiring", 2, Timeout.ofSeconds(1));
            setAll(cache, keys(0, 3));
            LocMemCacheTest.this.ticker.advanceSeconds(2);
            cache.set("new", "new");
            assertThat(cache.size()).isEqualTo(1);
            assertThat(cache.stats().expirations()).isEqualTo(2);
            assertThat(cache.stats().evictions()).isEqualTo(3);
        }

        // Django's _set culls before any set, of a new key or not, when the store is full.
        @Test
        void overwritingAKeyOfAFullStoreCullsFirst() {
            LocMemCache cache = bounded(3, 3);
            setAll(cache, "a", "b", "c");
            cache.set("c", "new c");
            assertThat(cache.size()).isEqualTo(2);
            assertThat(present(cache, "a", "b", "c")).containsExactly("b", "c");
            assertThat(cache.get("c")).isEqualTo("new c");
        }

        @Test
        void overwritingTheLeastRecentlyUsedKeyOfAFullStoreCullsItThenStoresItAgain() {
            LocMemCache cache = bounded(3, 3);
            setAll(cache, "a", "b", "c");
            cache.set("a", "new a");
            assertThat(cache.size()).isEqualTo(3);
            assertThat(cache.get("a")).isEqualTo("new a");
            assertThat(present(cache, "b", "c")).containsExactly("b", "c");
            assertThat(cache.stats().evictions()).isEqualTo(1);
        }

        @Test
        void overwritingAKeyOfAStoreThatIsNotFullCullsNothing() {
            LocMemCache cache = bounded(3, 3);
            setAll(cache, "a", "b");
            cache.set("a", "new a");
            assertThat(present(cache, "a", "b")).containsExactly("a", "b");
            assertThat(cache.stats().evictions()).isZero();
        }

        // Django culls 2 // 5 = 0 entries and creeps past max-entries; we cull at least one.
        @Test
        void cullFrequencyAboveMaxEntriesStillCullsOneEntry() {
            LocMemCache cache = bounded(2, 5);
            setAll(cache, "a", "b", "c", "d");
            assertThat(cache.size()).isEqualTo(2);
            assertThat(present(cache, "a", "b", "c", "d")).containsExactly("c", "d");
        }

        @Test
        void expiredEntriesNotYetRemovedCountTowardsMaxEntries() {
            LocMemCache cache = bounded(3, 3);
            cache.set("x", "x", Timeout.ofSeconds(0));
            cache.set("y", "y", Timeout.ofSeconds(0));
            assertThat(cache.size()).isEqualTo(2);
            setAll(cache, "a");
            // Full (3 entries, 2 of them expired): the cull removes both expired ones and keeps "a".
            setAll(cache, "b");
            assertThat(cache.size()).isEqualTo(2);
            assertThat(present(cache, "a", "b")).containsExactly("a", "b");
        }

        @Test
        void storeNeverHoldsMoreThanMaxEntries() {
            for (int cullFrequency = 0; cullFrequency <= 12; cullFrequency++) {
                LocMemCache cache = builder().location("bound-" + cullFrequency).maxEntries(7)
                        .cullFrequency(cullFrequency).build();
                for (int i = 0; i < 200; i++) {
                    cache.set("key" + (i % 23), i, (i % 3 == 0) ? Timeout.ofSeconds(0) : Timeout.NEVER);
                    assertThat(cache.size()).as("cull-frequency %d, set %d", cullFrequency, i).isBetween(1, 7);
                }
            }
        }
    }

    /** Django: caches with the same LOCATION share one store; ours can also be kept apart per owner. */
    @Nested
    class SharedStores {

        @Test
        void cachesWithTheSamePrefixAndVersionShareEntriesOfOneKeySpace() {
            LocMemCache one = builder().location("spaces").keyPrefix("p").build();
            LocMemCache other = builder().location("spaces").keyPrefix("p").build();
            one.set("key", "value");
            assertThat(other.get("key")).isEqualTo("value");
            assertThat(StoreContents.entriesByMadeKey(storeOf("spaces"))).containsOnlyKeys("p:1:key");
        }

        @Test
        void aCustomKeyFunctionsEntriesAreSharedByEqualKeysOfCachesThatMakeTheSameKey() {
            KeyFunction upper = (key, prefix, version) -> (prefix + "/" + version + "/" + key).toUpperCase();
            LocMemCache one = builder().location("spaces").keyFunction(upper).build();
            LocMemCache other = builder().location("spaces").keyFunction(upper).build();
            one.set("key", "value");
            assertThat(other.get("key")).isEqualTo("value");
            assertThat(StoreContents.entriesByMadeKey(storeOf("spaces"))).containsOnlyKeys("/1/KEY");
        }

        @Test
        void keysThatAreNotEqualNeverShareAnEntryWhenACustomKeyFunctionMakesOneKeyOfThem() {
            KeyFunction upper = (key, prefix, version) -> (prefix + "/" + version + "/" + key).toUpperCase();
            LocMemCache cache = builder().location("spaces").keyFunction(upper).build();
            cache.set("Title", "upper");
            cache.set("title", "lower");
            assertThat(cache.get("Title")).isEqualTo("upper");
            assertThat(cache.get("title")).isEqualTo("lower");
            assertThat(cache.get("TITLE")).isNull();
        }

        @Test
        void readingAnotherVersionCreatesNoKeySpace() {
            LocMemCache cache = builder().location("spaces").build();
            int before = StoreContents.spaceCount(storeOf("spaces"));
            assertThat(cache.get("key", null, 7)).isNull();
            assertThat(cache.hasKey("key", 8)).isFalse();
            assertThat(cache.delete("key", 9)).isFalse();
            assertThat(StoreContents.spaceCount(storeOf("spaces"))).isEqualTo(before);
        }

        @Test
        void theKeySpaceOfAVersionMovedAwayFromIsDroppedOnceEmpty() {
            LocMemCache cache = builder().location("spaces").build();
            cache.set("key", "value");
            int version = 1;
            for (int i = 0; i < 100; i++) {
                version = cache.incrVersion("key", 1, version);
            }
            assertThat(cache.get("key", null, version)).isEqualTo("value");
            // The cache's own space (version 1, pinned) and the one holding the value now.
            assertThat(StoreContents.spaceCount(storeOf("spaces"))).isEqualTo(2);
        }

        @Test
        void aCachesOwnKeySpaceStaysWhenEmptiedSoItsReadsStillFindNewEntries() {
            LocMemCache cache = builder().location("spaces").build();
            LocMemCache other = builder().location("spaces").version(2).build();
            cache.set("key", "value");
            cache.clear();
            other.set("key", "two");
            cache.set("key", "again");
            assertThat(cache.get("key")).isEqualTo("again");
            assertThat(other.get("key")).isEqualTo("two");
        }

        private LocMemStore storeOf(String location) {
            return LocMemCacheTest.this.stores.storeFor(location, LocMemCacheTest.this.ticker);
        }

        @Test
        void cachesOfTheSameLocationShareOneStore() {
            LocMemCache one = builder().location("shared").build();
            LocMemCache other = builder().location("shared").build();
            one.set("key", "value");
            assertThat(other.get("key")).isEqualTo("value");
            assertThat(other.size()).isEqualTo(1);
        }

        // LocMemCacheTests.test_multiple_caches
        @Test
        void cachesOfDifferentLocationsAreIsolated() {
            LocMemCache defaultCache = builder().build();
            LocMemCache other = builder().location("other").build();
            defaultCache.set("value", 42);
            assertThat(defaultCache.get("value")).isEqualTo(42);
            assertThat(other.get("value")).isNull();
        }

        @Test
        void separateLocMemStoresKeepTheSameLocationApart() {
            LocMemCache mine = builder().location("app").build();
            LocMemCache theirs = LocMemCache.builder().stores(LocMemStores.create()).ticker(LocMemCacheTest.this.ticker)
                    .location("app").build();
            mine.set("key", "mine");
            assertThat(theirs.get("key")).isNull();
        }

        @Test
        void builderWithoutStoresSharesTheStoreProcessWide() {
            String location = "process-wide-" + UUID.randomUUID();
            try (LocMemCache one = LocMemCache.builder().location(location).build();
                    LocMemCache other = LocMemCache.builder().location(location).build()) {
                one.set("key", "value");
                assertThat(other.get("key")).isEqualTo("value");
                assertThat(builder().location(location).build().get("key")).isNull();
            }
        }

        // As Django's LocMemCache.clear: the whole store of the location, whatever the prefix or version.
        @Test
        void clearEmptiesTheWholeStoreOfTheLocation() {
            LocMemCache cache = builder().location("shared").build();
            LocMemCache prefixed = builder().location("shared").keyPrefix("p").version(2).build();
            LocMemCache elsewhere = builder().location("elsewhere").build();
            cache.set("a", 1);
            prefixed.set("b", 2);
            elsewhere.set("c", 3);
            prefixed.clear();
            assertThat(cache.hasKey("a")).isFalse();
            assertThat(cache.size()).isZero();
            assertThat(elsewhere.get("c")).isEqualTo(3);
        }

        @Test
        void cachesSharingAStoreMustShareItsTicker() {
            builder().location("timed").build();
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> LocMemCache.builder().stores(LocMemCacheTest.this.stores)
                            .ticker(new FakeTicker()).location("timed").build())
                    .withMessageContaining("'timed'").withMessageContaining("ticker");
        }

        @Test
        void storeThatNoCacheRefersToIsReleased() throws InterruptedException {
            fillAndDrop("released");
            awaitCollected(() -> LocMemCacheTest.this.stores.size() == 0);
            assertThat(LocMemCacheTest.this.stores.size()).isZero();
            // The next cache of that location starts empty.
            assertThat(builder().location("released").build().get("key")).isNull();
        }

        @Test
        void storeThatACacheRefersToIsKept() throws InterruptedException {
            LocMemCache kept = builder().location("kept").build();
            kept.set("key", "value");
            fillAndDrop("dropped");
            awaitCollected(() -> LocMemCacheTest.this.stores.size() == 1);
            assertThat(builder().location("kept").build().get("key")).isEqualTo("value");
            Reference.reachabilityFence(kept);
        }

        /** Builds a cache in a frame of its own, so that nothing on the test's stack keeps it. */
        private void fillAndDrop(String location) {
            builder().location(location).build().set("key", "value");
        }

        /** Runs the collector until the condition holds, for at most 10 seconds. */
        private void awaitCollected(java.util.function.BooleanSupplier condition) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!condition.getAsBoolean() && System.nanoTime() - deadline < 0) {
                System.gc();
                Thread.sleep(10);
            }
            assertThat(condition.getAsBoolean()).as("collected within 10 seconds").isTrue();
        }
    }

    /** Store-by-value: Django pickles, so the cache holds a copy and an unpicklable value fails. */
    @Nested
    class StoreByValue {

        private LocMemCache byValue() {
            return builder().storeByValue(true).build();
        }

        @Test
        void storeByReferenceIsTheDefault() {
            LocMemCache cache = builder().build();
            List<String> list = new ArrayList<>(List.of("a"));
            cache.set("list", list);
            assertThat(cache.get("list")).isSameAs(list);
        }

        @Test
        void changingTheOriginalAfterSetDoesNotChangeTheCachedValue() {
            LocMemCache cache = byValue();
            List<String> list = new ArrayList<>(List.of("a"));
            cache.set("list", list);
            list.add("b");
            assertThat(cache.get("list")).isEqualTo(List.of("a"));
        }

        @Test
        void eachReadGetsItsOwnCopy() {
            LocMemCache cache = byValue();
            cache.set("list", new ArrayList<>(List.of("a")));
            @SuppressWarnings("unchecked")
            List<String> first = (List<String>) cache.get("list");
            first.add("changed");
            assertThat(cache.get("list")).isNotSameAs(first).isEqualTo(List.of("a"));
        }

        @Test
        void setOfANonSerializableValueFailsNamingKeyAndClassAndStoresNothing() {
            LocMemCache cache = byValue();
            assertThatIllegalArgumentException().isThrownBy(() -> cache.set("thing", new NotSerializable()))
                    .withMessageContaining("'thing'").withMessageContaining(NotSerializable.class.getName());
            assertThat(cache.hasKey("thing")).isFalse();
            assertThat(cache.size()).isZero();
        }

        // test_add_fail_on_pickleerror
        @Test
        void addOfANonSerializableValueFailsAndStoresNothing() {
            LocMemCache cache = byValue();
            assertThatIllegalArgumentException().isThrownBy(() -> cache.add("thing", new NotSerializable()))
                    .withMessageContaining("'thing'").withMessageContaining(NotSerializable.class.getName());
            assertThat(cache.hasKey("thing")).isFalse();
        }

        @Test
        void aValueHoldingSomethingNonSerializableFailsToo() {
            LocMemCache cache = byValue();
            List<Object> holder = new ArrayList<>(List.of(new NotSerializable()));
            assertThatIllegalArgumentException().isThrownBy(() -> cache.set("holder", holder))
                    .withMessageContaining("'holder'").withMessageContaining(ArrayList.class.getName());
            assertThat(cache.hasKey("holder")).isFalse();
        }

        @Test
        void setManyWithANonSerializableValueStoresNothingOfTheBatch() {
            LocMemCache cache = byValue();
            Map<String, Object> batch = new java.util.LinkedHashMap<>();
            batch.put("first", "fine");
            batch.put("bad", new NotSerializable());
            batch.put("last", "fine");
            assertThatIllegalArgumentException().isThrownBy(() -> cache.setMany(batch))
                    .withMessageContaining("'bad'");
            assertThat(present(cache, "first", "bad", "last")).isEmpty();
        }

        @Test
        void getOrSetOfANonSerializableValueFailsAndStoresNothing() {
            LocMemCache cache = byValue();
            assertThatIllegalArgumentException().isThrownBy(() -> cache.getOrSet("thing", NotSerializable::new))
                    .withMessageContaining("'thing'");
            assertThat(cache.hasKey("thing")).isFalse();
            assertThat(cache.getOrSet("thing", () -> "fine")).isEqualTo("fine");
        }

        @Test
        void immutableNumbersAreKeptAsTheyAreSoIncrWorks() {
            LocMemCache cache = byValue();
            cache.set("count", 41);
            assertThat(cache.incr("count")).isEqualTo(42);
            assertThat(cache.get("count")).isEqualTo(42);
        }

        @Test
        void incrOfANonIntegerStoredByValueNamesTheValuesClass() {
            LocMemCache cache = byValue();
            cache.set("list", new ArrayList<>(List.of(1)));
            assertThatIllegalArgumentException().isThrownBy(() -> cache.incr("list"))
                    .withMessageContaining("'list'").withMessageContaining(ArrayList.class.getName());
        }

        @Test
        void storedNullIsKept() {
            LocMemCache cache = byValue();
            cache.set("null", null);
            assertThat(cache.get("null", "default")).isNull();
        }
    }

    /** {@link LocMemCache#stats()}: this cache's calls, and its store's culls, expirations and size. */
    @Nested
    class Statistics {

        @Test
        void hitsMissesAndPutsCountThisCachesCalls() {
            LocMemCache cache = builder().build();
            cache.set("a", 1);
            assertThat(cache.add("b", 2)).isTrue();
            assertThat(cache.add("b", 3)).isFalse();
            cache.setMany(Map.of("c", 3, "d", 4));
            cache.get("a");
            cache.get("missing");
            cache.getMany(List.of("b", "nothing"));
            cache.getOrSet("loaded", () -> "value");
            cache.hasKey("a");
            cache.touch("a");
            assertThat(cache.stats()).isEqualTo(new CacheStats(2, 3, 5, 0, 0, 5));
        }

        @Test
        void evictionsAndExpirationsCountTheStoresRemovals() {
            LocMemCache cache = bounded(3, 3);
            cache.set("expiring", 1, Timeout.ofSeconds(1));
            LocMemCacheTest.this.ticker.advanceSeconds(2);
            assertThat(cache.get("expiring")).isNull();
            setAll(cache, "a", "b", "c", "d");
            CacheStats stats = cache.stats();
            assertThat(stats.expirations()).isEqualTo(1);
            assertThat(stats.evictions()).isEqualTo(1);
            assertThat(stats.size()).isEqualTo(3);
        }

        @Test
        void sizeCountsExpiredEntriesUntilTheyAreRemoved() {
            LocMemCache cache = builder().build();
            cache.set("gone", 1, Timeout.ofSeconds(0));
            assertThat(cache.stats().size()).isEqualTo(1);
            assertThat(cache.get("gone")).isNull();
            assertThat(cache.stats().size()).isZero();
            assertThat(cache.stats().expirations()).isEqualTo(1);
        }

        @Test
        void cachesSharingAStoreShareItsCountersButNotTheirCalls() {
            LocMemCache one = builder().location("shared").maxEntries(2).cullFrequency(0).build();
            LocMemCache other = builder().location("shared").maxEntries(2).cullFrequency(0).build();
            setAll(one, "a", "b");
            other.get("a");
            other.set("c", "c");
            assertThat(one.stats()).isEqualTo(new CacheStats(0, 0, 2, 2, 0, 1));
            assertThat(other.stats()).isEqualTo(new CacheStats(1, 0, 1, 2, 0, 1));
        }

        @Test
        void hitRateIsTheShareOfReadsThatHit() {
            assertThat(new CacheStats(0, 0, 0, 0, 0, 0).hitRate()).isEqualTo(1.0);
            assertThat(new CacheStats(3, 1, 0, 0, 0, 0).hitRate()).isEqualTo(0.75);
        }
    }

    /** incr/decr on Java's integer types. */
    @Nested
    class Incr {

        @Test
        void anIntegerStaysAnIntegerWhileItFits() {
            LocMemCache cache = builder().build();
            cache.set("n", 41);
            cache.incr("n");
            assertThat(cache.get("n")).isEqualTo(42);
        }

        @Test
        void anIntegerThatOutgrowsItsRangeBecomesALong() {
            LocMemCache cache = builder().build();
            cache.set("n", Integer.MAX_VALUE);
            assertThat(cache.incr("n")).isEqualTo(Integer.MAX_VALUE + 1L);
            assertThat(cache.get("n")).isEqualTo(Integer.MAX_VALUE + 1L);
        }

        @Test
        void aLongStaysALongAndABigIntegerABigInteger() {
            LocMemCache cache = builder().build();
            cache.set("long", 1L);
            cache.set("big", BigInteger.ONE);
            cache.incr("long");
            cache.incr("big");
            assertThat(cache.get("long")).isEqualTo(2L);
            assertThat(cache.get("big")).isEqualTo(BigInteger.TWO);
        }

        @Test
        void aShortOrAByteBecomesAnInteger() {
            LocMemCache cache = builder().build();
            cache.set("short", (short) 1);
            cache.set("byte", (byte) 1);
            cache.incr("short");
            cache.decr("byte");
            assertThat(cache.get("short")).isEqualTo(2);
            assertThat(cache.get("byte")).isEqualTo(0);
        }

        @Test
        void aBigIntegerBeyondALongFailsAndIsKept() {
            LocMemCache cache = builder().build();
            BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
            cache.set("big", max);
            assertThatThrownBy(() -> cache.incr("big")).isInstanceOf(ArithmeticException.class)
                    .hasMessageContaining("'big'");
            assertThat(cache.get("big")).isEqualTo(max);
        }

        @Test
        void aNonIntegerFailsNamingKeyAndClass() {
            LocMemCache cache = builder().build();
            cache.set("pi", 3.14);
            assertThatIllegalArgumentException().isThrownBy(() -> cache.incr("pi"))
                    .withMessage("Value of key 'pi' is not an integer: java.lang.Double");
            assertThat(cache.get("pi")).isEqualTo(3.14);
        }

        @Test
        void decrByLongMinValueFails() {
            LocMemCache cache = builder().build();
            cache.set("n", 0L);
            assertThatThrownBy(() -> cache.decr("n", Long.MIN_VALUE)).isInstanceOf(ArithmeticException.class);
            assertThat(cache.get("n")).isEqualTo(0L);
        }

        // LocMemCacheTests.test_incr_decr_timeout, to the nanosecond.
        @Test
        void incrKeepsTheExactDeadline() {
            LocMemCache cache = builder().build();
            cache.set("n", 1, Timeout.ofSeconds(10));
            LocMemCacheTest.this.ticker.advanceSeconds(9);
            assertThat(cache.incr("n")).isEqualTo(2);
            assertThat(cache.decr("n")).isEqualTo(1);
            LocMemCacheTest.this.ticker.advance(Duration.ofSeconds(1).minusNanos(1));
            assertThat(cache.hasKey("n")).isTrue();
            LocMemCacheTest.this.ticker.advanceNanos(1);
            assertThat(cache.hasKey("n")).isFalse();
        }

        @Test
        void incrOfAMissingKeyNamesTheKeyAsGiven() {
            LocMemCache cache = builder().keyPrefix("site").build();
            assertThatIllegalArgumentException().isThrownBy(() -> cache.incr("visits"))
                    .withMessage("Key 'visits' not found");
        }
    }

    /** Timeouts on the injected clock, to the nanosecond. */
    @Nested
    class Expiry {

        @Test
        void aValueExpiresExactlyAtItsDeadline() {
            LocMemCache cache = builder().build();
            cache.set("key", "value", Timeout.ofSeconds(5));
            LocMemCacheTest.this.ticker.advance(Duration.ofSeconds(5).minusNanos(1));
            assertThat(cache.get("key")).isEqualTo("value");
            LocMemCacheTest.this.ticker.advanceNanos(1);
            assertThat(cache.get("key")).isNull();
        }

        @Test
        void theDefaultTimeoutIs300Seconds() {
            LocMemCache cache = builder().build();
            cache.set("key", "value");
            LocMemCacheTest.this.ticker.advance(Duration.ofSeconds(300).minusNanos(1));
            assertThat(cache.hasKey("key")).isTrue();
            LocMemCacheTest.this.ticker.advanceNanos(1);
            assertThat(cache.hasKey("key")).isFalse();
        }

        @Test
        void aConfiguredDefaultTimeoutAppliesToSetAddTouchAndGetOrSet() {
            LocMemCache cache = builder().timeout(Timeout.ofSeconds(10)).build();
            cache.set("set", 1);
            cache.add("add", 1);
            cache.getOrSet("getOrSet", () -> 1);
            cache.set("touched", 1, Timeout.NEVER);
            cache.touch("touched");
            LocMemCacheTest.this.ticker.advanceSeconds(10);
            assertThat(present(cache, "set", "add", "getOrSet", "touched")).isEmpty();
        }

        @Test
        void aDefaultTimeoutOfNeverKeepsValuesForever() {
            LocMemCache cache = builder().timeout(Timeout.NEVER).build();
            cache.set("key", "value");
            LocMemCacheTest.this.ticker.advance(Duration.ofDays(365 * 10));
            assertThat(cache.get("key")).isEqualTo("value");
        }

        @Test
        void aTimeoutOfDefaultForTheBuilderKeepsDjangosDefault() {
            LocMemCache cache = builder().timeout(Timeout.DEFAULT).build();
            assertThat(cache.defaultTimeout()).isEqualTo(Timeout.ofSeconds(300));
        }

        @Test
        void touchOfAnExpiredKeyReturnsFalseAndDoesNotRevive() {
            LocMemCache cache = builder().build();
            cache.set("key", "value", Timeout.ofSeconds(1));
            LocMemCacheTest.this.ticker.advanceSeconds(1);
            assertThat(cache.touch("key", Timeout.NEVER)).isFalse();
            assertThat(cache.get("key")).isNull();
        }

        @Test
        void theDefaultTickerIsTheSystemClock() {
            long before = System.nanoTime();
            long read = Ticker.system().read();
            long after = System.nanoTime();
            // The coarse clock may lag System.nanoTime by about a tick (1 ms); allow far more.
            assertThat(read).isBetween(before - TimeUnit.SECONDS.toNanos(1), after);
            try (LocMemCache cache = LocMemCache.builder().location("system-clock-" + UUID.randomUUID()).build()) {
                cache.set("key", "value", Timeout.ofSeconds(60));
                assertThat(cache.get("key")).isEqualTo("value");
                assertThat(Ticker.system().read()).isBetween(before - TimeUnit.SECONDS.toNanos(1),
                        System.nanoTime());
            }
        }
    }

    /** The default clock's refreshing thread, which must not outlive the caches that use it. */
    @Nested
    class DefaultClock {

        @Test
        void itsThreadRunsOnlyWhileACacheUsesIt() throws InterruptedException {
            LocMemCache cache = LocMemCache.builder().stores(LocMemCacheTest.this.stores).build();
            Thread clock = Thread.getAllStackTraces().keySet().stream()
                    .filter((thread) -> thread.getName().equals("locmem-cache-clock") && thread.isAlive()).findFirst()
                    .orElse(null);
            assertThat(clock).as("the clock thread while a cache is open").isNotNull();
            assertThat(clock.isDaemon()).isTrue();
            cache.close();
            clock.join(TimeUnit.SECONDS.toMillis(10));
            assertThat(clock.isAlive()).as("the clock thread after the last cache closed").isFalse();
        }
    }

    /** Django's validate_key: a warning through System.Logger, never an error, only when storing, rate-limited. */
    @Nested
    class KeyWarningsLog {

        private KeyWarningCapture capture;

        private List<LogRecord> records;

        @BeforeEach
        void capture() {
            this.capture = KeyWarningCapture.start();
            this.records = this.capture.records();
        }

        @AfterEach
        void release() {
            this.capture.close();
        }

        @Test
        void storingAKeyWithSpacesWarns() {
            LocMemCache cache = builder().build();
            assertThatCode(() -> cache.set("key with spaces", 1)).doesNotThrowAnyException();
            assertThat(this.records).singleElement().satisfies((record) -> {
                assertThat(record.getLevel()).isEqualTo(Level.WARNING);
                assertThat(record.getMessage()).contains("':1:key with spaces'")
                        .contains("characters that will cause errors if used with memcached");
            });
        }

        @Test
        void storingAKeyWithAControlCharacterWarns() {
            builder().build().add("bell\u0007", 1);
            assertThat(this.records).hasSize(1);
        }

        // Keys are often user input: a raw line break would forge a line of the log.
        @Test
        void controlCharactersOfAWarnedKeyAreEscaped() {
            builder().build().set("user\nWARNING: forged", 1);
            assertThat(this.records).singleElement().satisfies((record) -> assertThat(record.getMessage())
                    .contains("':1:user\\u000aWARNING: forged'").doesNotContain("\n"));
        }

        @Test
        void storingAKeyLongerThan250CharactersWarns() {
            LocMemCache cache = builder().keyFunction((key, prefix, version) -> key).build();
            cache.set("a".repeat(250), 1);
            assertThat(this.records).isEmpty();
            cache.set("a".repeat(251), 1);
            assertThat(this.records).singleElement()
                    .satisfies((record) -> assertThat(record.getMessage()).contains("(longer than 250)"));
        }

        @Test
        void storingAGoodKeyDoesNotWarn() {
            builder().build().set("good_key-1:2", 1);
            assertThat(this.records).isEmpty();
        }

        @Test
        void readingOrDeletingABadKeyDoesNotWarn() {
            LocMemCache cache = builder().build();
            cache.get("bad key");
            cache.hasKey("bad key");
            cache.getMany(List.of("bad key"));
            cache.delete("bad key");
            cache.touch("bad key");
            assertThat(this.records).isEmpty();
        }

        @Test
        void warningsAreLimitedToOneAMinutePerBackend() {
            LocMemCache cache = builder().build();
            for (int i = 0; i < 5; i++) {
                cache.set("bad key " + i, i);
            }
            assertThat(this.records).hasSize(1);
            builder().build().set("another bad key", 1);
            assertThat(this.records).hasSize(2);
        }
    }

    /** {@code getOrSet} on one thread; its coordination across threads is in LocMemCacheConcurrencyTest. */
    @Nested
    class GetOrSet {

        @Test
        void aLoaderThatCallsGetOrSetForItsOwnKeyFails() {
            LocMemCache cache = builder().build();
            assertThatIllegalStateException().isThrownBy(() -> cache.getOrSet("key", () -> cache.getOrSet("key",
                    () -> "inner"))).withMessageContaining("'key'");
            assertThat(cache.hasKey("key")).isFalse();
        }

        @Test
        void aKeyIsLoadableAgainAfterItsLoaderFailed() {
            LocMemCache cache = builder().build();
            assertThatThrownBy(() -> cache.getOrSet("key", () -> {
                throw new IllegalStateException("down");
            })).hasMessage("down");
            assertThat(cache.getOrSet("key", () -> "value")).isEqualTo("value");
        }

        @Test
        void aLoaderMayCallGetOrSetForAnotherKey() {
            LocMemCache cache = builder().build();
            Object value = cache.getOrSet("outer", () -> "outer+" + cache.getOrSet("inner", () -> "inner"));
            assertThat(value).isEqualTo("outer+inner");
            assertThat(cache.get("inner")).isEqualTo("inner");
        }

        @Test
        void theLoaderRunsAgainOnceTheValueExpired() {
            LocMemCache cache = builder().build();
            AtomicInteger loads = new AtomicInteger();
            cache.getOrSet("key", loads::incrementAndGet, Timeout.ofSeconds(1));
            cache.getOrSet("key", loads::incrementAndGet, Timeout.ofSeconds(1));
            LocMemCacheTest.this.ticker.advanceSeconds(1);
            assertThat(cache.getOrSet("key", loads::incrementAndGet, Timeout.ofSeconds(1))).isEqualTo(2);
        }
    }

    /** Keys that are not strings, held by {@code equals()}: what Spring's {@code Cache} contract asks of a cache. */
    @Nested
    class KeysOfAnyType {

        @Test
        void anObjectWithTheIdentityEqualsOfObjectFindsOnlyItsOwnEntry() {
            LocMemCache cache = builder().build();
            Object key = new Object();
            cache.set(key, "value");
            assertThat(cache.get(key)).isEqualTo("value");
            assertThat(cache.get(new Object())).isNull();
        }

        @Test
        void aKeyThatIsNotSerializableFindsItsEntryByEquals() {
            LocMemCache cache = builder().build();
            cache.set(new Isbn("978-3"), "book");
            assertThat(cache.get(new Isbn("978-3"))).isEqualTo("book");
            assertThat(cache.get(new Isbn("978-4"))).isNull();
        }

        @Test
        void serializableKeysWithIdentityEqualsAndTheSameFieldsDoNotShareAnEntry() {
            LocMemCache cache = builder().build();
            cache.set(new IdentityKey("same"), "first");
            assertThat(cache.get(new IdentityKey("same"))).isNull();
        }

        @Test
        void keysOfAnyTypeAreKeptApartByVersion() {
            LocMemCache cache = builder().build();
            Isbn key = new Isbn("978-3");
            cache.set(key, "v1");
            assertThat(cache.incrVersion(key)).isEqualTo(2);
            assertThat(cache.get(key)).isNull();
            assertThat(cache.get(key, null, 2)).isEqualTo("v1");
        }

        @Test
        void keysOfAnyTypeWorkWithACustomKeyFunction() {
            LocMemCache cache = builder().keyFunction((key, prefix, version) -> "custom:" + key).build();
            Object key = new Object();
            cache.set(key, "value");
            cache.set(new IdentityKey("same"), "identity");
            assertThat(cache.get(key)).isEqualTo("value");
            assertThat(cache.get(new Object())).isNull();
            assertThat(cache.get(new IdentityKey("same"))).isNull();
        }

        @Test
        void storeByValueCopiesValuesOfKeysThatAreNotSerializable() {
            LocMemCache cache = builder().storeByValue(true).build();
            Object key = new Object();
            List<String> value = new ArrayList<>(List.of("a"));
            cache.set(key, value);
            value.add("b");
            assertThat(cache.get(key)).isEqualTo(List.of("a"));
        }

        @Test
        void getOrSetLoadsAKeyOfAnyTypeOnceAndKeepsIt() {
            LocMemCache cache = builder().build();
            AtomicInteger loads = new AtomicInteger();
            Isbn key = new Isbn("978-3");
            assertThat(cache.getOrSet(key, loads::incrementAndGet)).isEqualTo(1);
            assertThat(cache.getOrSet(new Isbn("978-3"), loads::incrementAndGet)).isEqualTo(1);
            assertThat(loads).hasValue(1);
        }

        @Test
        void incrOfAMissingKeyOfAnyTypeNamesTheKey() {
            LocMemCache cache = builder().build();
            assertThatIllegalArgumentException().isThrownBy(() -> cache.incr(new Isbn("978-3")))
                .withMessage("Key 'Isbn[978-3]' not found");
        }
    }

    /** Neither the object nor anything it holds can be serialized. */
    private static final class NotSerializable {
    }
}
