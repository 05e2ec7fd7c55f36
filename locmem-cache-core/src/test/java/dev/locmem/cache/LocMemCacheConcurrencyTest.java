package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.locmem.cache.locmem.LocMemStore;
import dev.locmem.cache.locmem.StoreContents.EntryView;
import dev.locmem.cache.locmem.StoreContents;
import dev.locmem.cache.locmem.ThreadStripe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What {@link LocMemCache} promises under concurrency: atomic {@code incr} and {@code add}, an exact bound on entries,
 * one loader per key, and no lost writes. Each test starts its threads together, can fail, and is bounded in time.
 */
class LocMemCacheConcurrencyTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final FakeTicker ticker = new FakeTicker();

    private final LocMemStores stores = LocMemStores.create();

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        this.pool.shutdownNow();
        assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).as("threads stopped").isTrue();
    }

    private LocMemCache.Builder builder() {
        return LocMemCache.builder().stores(this.stores).ticker(this.ticker);
    }

    /** The store behind the caches of the default location, to check its invariants directly. */
    private LocMemStore store() {
        return this.stores.storeFor("", this.ticker);
    }

    /** A task of one thread; {@code index} tells the threads apart. */
    @FunctionalInterface
    private interface Task {

        void run(int index) throws Exception;
    }

    /**
     * Runs {@code task} on {@code threads} threads released together, and fails with the first exception any of them
     * threw, or when they are not done in time.
     */
    private void runTogether(int threads, Task task) throws Exception {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            int index = i;
            futures.add(this.pool.submit(() -> {
                ready.countDown();
                go.await();
                task.run(index);
                return null;
            }));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).as("threads started").isTrue();
        go.countDown();
        BoundedTasks.awaitAll(futures, BOUND);
    }

    /** Checks the store's own invariants: the count is the number of entries, and within the bound. */
    private void assertStoreConsistent(int maxEntries) {
        LocMemStore store = store();
        Map<String, EntryView> entries = StoreContents.entriesByMadeKey(store);
        assertThat(store.size()).isEqualTo(entries.size()).isLessThanOrEqualTo(maxEntries);
        entries.values().forEach((entry) -> assertThat(entry.alive()).as("entry %s alive", entry.key()).isTrue());
    }

    @Test
    void eightThreadsIncrementingOneKeyLoseNoIncrement() throws Exception {
        LocMemCache cache = builder().build();
        cache.set("counter", 0);
        int perThread = 20_000;
        Set<Long> results = ConcurrentHashMap.newKeySet();
        runTogether(8, (index) -> {
            for (int i = 0; i < perThread; i++) {
                // Each result is returned to one caller only: two equal results would mean a lost increment.
                assertThat(results.add(cache.incr("counter"))).isTrue();
            }
        });
        assertThat(cache.get("counter")).isEqualTo(8 * perThread);
        assertThat(results).hasSize(8 * perThread);
    }

    @Test
    void incrementsAndDecrementsOfManyThreadsCancelOut() throws Exception {
        LocMemCache cache = builder().build();
        cache.set("balance", 1_000L);
        runTogether(16, (index) -> {
            for (int i = 0; i < 5_000; i++) {
                if (index % 2 == 0) {
                    cache.incr("balance", 3);
                }
                else {
                    cache.decr("balance", 3);
                }
            }
        });
        assertThat(cache.get("balance")).isEqualTo(1_000L);
    }

    @Test
    void ofThreadsAddingOneKeyExactlyOneStores() throws Exception {
        int keys = 2_000;
        // Room for every key: a culled key could be added again.
        LocMemCache cache = builder().maxEntries(keys).build();
        AtomicInteger[] added = new AtomicInteger[keys];
        for (int i = 0; i < keys; i++) {
            added[i] = new AtomicInteger();
        }
        runTogether(8, (index) -> {
            for (int i = 0; i < keys; i++) {
                if (cache.add("key" + i, index)) {
                    added[i].incrementAndGet();
                }
            }
        });
        for (int i = 0; i < keys; i++) {
            assertThat(added[i]).as("adds that stored key%d", i).hasValue(1);
        }
    }

    @ParameterizedTest(name = "cull-frequency {0}")
    @ValueSource(ints = { 0, 1, 3, 100 })
    void manyThreadsSettingDistinctKeysNeverOverfillTheStore(int cullFrequency) throws Exception {
        int maxEntries = 50;
        LocMemCache cache = builder().maxEntries(maxEntries).cullFrequency(cullFrequency).build();
        AtomicInteger largest = new AtomicInteger();
        AtomicInteger writersLeft = new AtomicInteger(16);
        runTogether(17, (index) -> {
            if (index == 16) {
                // The watcher: samples the size while the writers run.
                while (writersLeft.get() > 0) {
                    largest.accumulateAndGet(cache.size(), Math::max);
                }
                return;
            }
            try {
                for (int i = 0; i < 3_000; i++) {
                    cache.set("t" + index + "-" + i, i);
                    int size = cache.size();
                    largest.accumulateAndGet(size, Math::max);
                    assertThat(size).isLessThanOrEqualTo(maxEntries);
                }
            }
            finally {
                writersLeft.decrementAndGet();
            }
        });
        assertThat(largest.get()).isBetween(1, maxEntries);
        assertStoreConsistent(maxEntries);
    }

    @ParameterizedTest(name = "cull-frequency {0}")
    @ValueSource(ints = { 0, 1 })
    void insertsIntoAStoreThatEmptiesAsItCullsCountEveryEntryOnceAsEvictedExpiredOrHeld(int cullFrequency)
            throws Exception {
        int maxEntries = 300;
        int writers = 8;
        int keysEach = 5_000;
        LocMemCache cache = builder().maxEntries(maxEntries).cullFrequency(cullFrequency).build();
        runTogether(writers, (index) -> {
            for (int i = 0; i < keysEach; i++) {
                // Some values expire at once: a cull finds them expired, or a read removes them first.
                Timeout timeout = (i % 7 == 0) ? Timeout.ofSeconds(0) : Timeout.NEVER;
                cache.set("t" + index + "-" + i, i, timeout);
                // Read back at once: the value set, or nothing if a cull took it; never another's.
                assertThat(cache.get("t" + index + "-" + i)).isIn(null, i);
                if (i % 11 == 0) {
                    cache.touch("t" + index + "-" + (i - 11));
                }
                assertThat(cache.size()).isLessThanOrEqualTo(maxEntries);
            }
        });
        CacheStats stats = cache.stats();
        assertThat(stats.evictions() + stats.expirations() + stats.size())
                .as("every key inserted: evicted, expired or held")
                .isEqualTo((long) writers * keysEach);
        assertThat(stats.evictions()).isPositive();
        assertStoreConsistent(maxEntries);
    }

    // Half the threads use a second cache of the same store: loads are coordinated per store, not per cache.
    @Test
    void eightThreadsCallingGetOrSetOnOneKeyRunTheLoaderOnce() throws Exception {
        LocMemCache cache = builder().build();
        LocMemCache twin = builder().build();
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        Object loaded = new Object();
        List<Object> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(BOUND, () -> {
            Future<?> all = this.pool.submit(() -> {
                runTogether(8, (index) -> {
                    threads.add(Thread.currentThread());
                    results.add(((index % 2 == 0) ? cache : twin).getOrSet("key", () -> {
                        loads.incrementAndGet();
                        await(release);
                        return loaded;
                    }));
                });
                return null;
            });
            // Release the loader only once every caller waits: the loader on the latch, the others on its load.
            awaitAllWaiting(threads, 8);
            release.countDown();
            all.get();
        });
        assertThat(loads).hasValue(1);
        assertThat(results).hasSize(8).allSatisfy((result) -> assertThat(result).isSameAs(loaded));
        assertThat(cache.get("key")).isSameAs(loaded);
    }

    // Counting happens once, in the cache: each caller's read counts, the loader's add is the one put, and the reads
    // that the load makes for itself (before loading, and after adding) count nothing.
    @Test
    void getOrSetCountsOneReadPerCallerAndOnePutPerLoad() throws Exception {
        LocMemCache cache = builder().build();
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(BOUND, () -> {
            Future<?> all = this.pool.submit(() -> {
                runTogether(8, (index) -> {
                    threads.add(Thread.currentThread());
                    cache.getOrSet("key", () -> {
                        await(release);
                        return "loaded";
                    });
                });
                return null;
            });
            awaitAllWaiting(threads, 8);
            release.countDown();
            all.get();
        });
        assertThat(cache.getOrSet("key", () -> "not loaded")).isEqualTo("loaded");
        CacheStats stats = cache.stats();
        assertThat(stats.misses()).isEqualTo(8);
        assertThat(stats.hits()).isEqualTo(1);
        assertThat(stats.puts()).isEqualTo(1);
    }

    @Test
    void aThrowingLoaderReachesEveryWaiterAndStoresNothing() throws Exception {
        LocMemCache cache = builder().build();
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        IllegalStateException failure = new IllegalStateException("backend down");
        List<Throwable> thrown = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(BOUND, () -> {
            Future<?> all = this.pool.submit(() -> {
                runTogether(8, (index) -> {
                    threads.add(Thread.currentThread());
                    try {
                        cache.getOrSet("key", () -> {
                            loads.incrementAndGet();
                            await(release);
                            throw failure;
                        });
                    }
                    catch (RuntimeException ex) {
                        thrown.add(ex);
                    }
                });
                return null;
            });
            awaitAllWaiting(threads, 8);
            release.countDown();
            all.get();
        });
        assertThat(loads).hasValue(1);
        assertThat(thrown).hasSize(8).allSatisfy((ex) -> assertThat(ex).isSameAs(failure));
        assertThat(cache.hasKey("key")).isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released in time");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Waits until {@code count} threads have registered and all of them are blocked. */
    private static void awaitAllWaiting(List<Thread> threads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - deadline < 0) {
            if (threads.size() == count && threads.stream().allMatch(
                    (thread) -> thread.getState() == Thread.State.WAITING
                            || thread.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.sleep(1);
        }
        fail("the callers did not all wait within 10 seconds: " + threads.stream().map(Thread::getState).toList());
    }

    @Test
    void getSetDeleteAndClearFromManyThreadsKeepEveryInvariant() throws Exception {
        int maxEntries = 40;
        LocMemCache cache = builder().maxEntries(maxEntries).cullFrequency(4).build();
        LocMemCache other = builder().keyPrefix("other").maxEntries(maxEntries).cullFrequency(4).build();
        AtomicLong clears = new AtomicLong();
        AtomicLong unique = new AtomicLong();
        runTogether(12, (index) -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            LocMemCache mine = (index % 2 == 0) ? cache : other;
            for (int i = 0; i < 20_000; i++) {
                String shared = "shared" + random.nextInt(60);
                switch (random.nextInt(10)) {
                    case 0, 1 -> mine.get(shared);
                    case 2 -> mine.set(shared, i, random.nextBoolean() ? Timeout.NEVER : Timeout.ofSeconds(0));
                    case 3 -> mine.delete(shared);
                    case 4 -> mine.add(shared, i);
                    case 5 -> mine.hasKey(shared);
                    case 6 -> mine.touch(shared);
                    case 7 -> {
                        if (random.nextInt(50) == 0) {
                            // Counted before it starts, so that a reader that lost its value to it can tell.
                            clears.incrementAndGet();
                            mine.clear();
                        }
                    }
                    default -> {
                        // A key only this thread writes: reading it back gives this value, unless a clear or a cull
                        // removed it meanwhile.
                        String own = "own" + index + "-" + random.nextInt(5);
                        long clearsBefore = clears.get();
                        long evictionsBefore = mine.stats().evictions();
                        Long value = unique.incrementAndGet();
                        mine.set(own, value, Timeout.NEVER);
                        Object read = mine.get(own);
                        if (read == null) {
                            assertThat(removedSince(mine, clears, clearsBefore, evictionsBefore))
                                    .as("%s vanished without a clear or a cull", own).isTrue();
                        }
                        else {
                            assertThat(read).as(own).isEqualTo(value);
                        }
                    }
                }
                assertThat(mine.size()).isLessThanOrEqualTo(maxEntries);
            }
        });
        assertStoreConsistent(maxEntries);
    }

    /**
     * Whether a clear started or a cull removed entries since the counts given. A cull counts its evictions just after
     * removing them, so a reader may see the removal first: it waits a little for the count.
     */
    private static boolean removedSince(LocMemCache cache, AtomicLong clears, long clearsBefore, long evictionsBefore) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
        do {
            if (clears.get() > clearsBefore || cache.stats().evictions() > evictionsBefore) {
                return true;
            }
            Thread.onSpinWait();
        }
        while (System.nanoTime() - deadline < 0);
        return false;
    }

    // A reader that finds a value expired removes it; it must not remove the value a writer put in its place meanwhile.
    @Test
    void aReaderRemovingAnExpiredValueNeverRemovesTheValueThatReplacedIt() throws Exception {
        LocMemCache cache = builder().build();
        AtomicInteger writersLeft = new AtomicInteger(2);
        runTogether(6, (index) -> {
            if (index >= 2) {
                while (writersLeft.get() > 0) {
                    cache.hasKey("w" + (index % 2));
                }
                return;
            }
            try {
                String key = "w" + index;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                for (int i = 0; System.nanoTime() - deadline < 0; i++) {
                    cache.set(key, "expired", Timeout.ofSeconds(0));
                    cache.set(key, i, Timeout.NEVER);
                    // Nobody deletes, clears or culls this key: the value just set must be there.
                    assertThat(cache.get(key)).as("%s after set %d", key, i).isEqualTo(i);
                }
            }
            finally {
                writersLeft.decrementAndGet();
            }
        });
        assertStoreConsistent(LocMemCache.DEFAULT_MAX_ENTRIES);
    }

    @Test
    void touchAndIncrRacingADeleteNeverReviveTheKey() throws Exception {
        LocMemCache cache = builder().build();
        AtomicInteger rounds = new AtomicInteger();
        runTogether(3, (index) -> {
            for (int i = 0; i < 20_000; i++) {
                switch (index) {
                    case 0 -> {
                        cache.set("key", 1, Timeout.NEVER);
                        cache.delete("key");
                        rounds.incrementAndGet();
                    }
                    case 1 -> cache.touch("key", Timeout.NEVER);
                    default -> {
                        try {
                            cache.incr("key");
                        }
                        catch (IllegalArgumentException missing) {
                            // Deleted meanwhile: expected.
                        }
                    }
                }
            }
        });
        assertThat(rounds).hasValue(20_000);
        assertThat(cache.hasKey("key")).isFalse();
        assertStoreConsistent(LocMemCache.DEFAULT_MAX_ENTRIES);
    }

    @Test
    void getOrSetOfManyThreadsOnManyKeysLoadsEachKeyOnce() throws Exception {
        LocMemCache cache = builder().build();
        int keys = 200;
        AtomicInteger[] loads = new AtomicInteger[keys];
        for (int i = 0; i < keys; i++) {
            loads[i] = new AtomicInteger();
        }
        runTogether(8, (index) -> {
            for (int i = 0; i < keys; i++) {
                int key = i;
                Object value = cache.getOrSet("key" + key, () -> {
                    loads[key].incrementAndGet();
                    return "value" + key;
                }, Timeout.NEVER);
                assertThat(value).isEqualTo("value" + key);
            }
        });
        for (int i = 0; i < keys; i++) {
            assertThat(loads[i]).as("loads of key%d", i).hasValue(1);
        }
    }

    @Test
    void hitsMissesAndPutsOfManyThreadsAreCountedExactly() throws Exception {
        LocMemCache cache = builder().maxEntries(1_000).build();
        for (int key = 0; key < 100; key++) {
            cache.set("key" + key, key);
        }
        // More threads than stripes, so that some count in their own stripe's cell and some in the shared adders.
        int threads = 2 * ThreadStripe.COUNT;
        int rounds = 2_000;
        runTogether(threads, (index) -> {
            for (int i = 0; i < rounds; i++) {
                assertThat(cache.get("key" + (i % 100))).isEqualTo(i % 100);
                assertThat(cache.get("absent" + index)).isNull();
                cache.set("key" + (i % 100), i % 100);
            }
        });
        CacheStats stats = cache.stats();
        assertThat(stats.hits()).isEqualTo((long) threads * rounds);
        assertThat(stats.misses()).isEqualTo((long) threads * rounds);
        assertThat(stats.puts()).isEqualTo(100L + (long) threads * rounds);
    }
}
