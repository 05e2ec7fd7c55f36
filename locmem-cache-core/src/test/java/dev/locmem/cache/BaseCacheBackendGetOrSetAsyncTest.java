package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generic {@link BaseCacheBackend#getOrSetAsync}, which Spring's {@code retrieve(key, loader)} goes through:
 * single-flight per key in the backend object, reading and storing once, counted by the backend. Run over a
 * map-backed backend that coordinates nothing itself, and over a local-memory one for its statistics.
 */
class BaseCacheBackendGetOrSetAsyncTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final ExecutorService pool = Executors.newCachedThreadPool();

    private final MapBackend backend = new MapBackend();

    @AfterEach
    void stopThreads() throws InterruptedException {
        this.pool.shutdownNow();
        assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).as("threads stopped").isTrue();
    }

    @Test
    void aHitAnswersTheStoredValueWithoutStartingTheLoader() {
        this.backend.set("key", "stored");
        CompletableFuture<Object> result = getOrSetAsync("key", () -> {
            throw new AssertionError("The loader must not run on a hit");
        });
        assertThat(result).isCompletedWithValue("stored");
        assertThat(this.backend.reads).hasValue(1);
    }

    @Test
    void aMissReadsOnceAndStoresTheLoadedValueOnce() {
        assertThat(getOrSetAsync("key", () -> CompletableFuture.completedFuture("loaded")))
                .isCompletedWithValue("loaded");
        assertThat(this.backend.reads).hasValue(1);
        assertThat(this.backend.writes).hasValue(1);
        assertThat(this.backend.get("key")).isEqualTo("loaded");
    }

    @Test
    void theLoadedValueIsStoredBeforeAnyCallerIsToldOfIt() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        AtomicReference<Object> storedWhenTold = new AtomicReference<>();
        getOrSetAsync("key", () -> slow).thenRun(() -> storedWhenTold.set(this.backend.get("key")));
        slow.complete("loaded");
        assertThat(storedWhenTold).hasValue("loaded");
    }

    @Test
    void callersThatComeWhileALoadRunsShareItWithoutReadingTheStore() {
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<Object> slow = new CompletableFuture<>();
        CompletableFuture<Object> first = getOrSetAsync("key", () -> {
            loads.incrementAndGet();
            return slow;
        });
        CompletableFuture<Object> second = getOrSetAsync("key", () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture("other");
        });
        slow.complete("loaded");
        assertThat(first).isCompletedWithValue("loaded");
        assertThat(second).isCompletedWithValue("loaded");
        assertThat(loads).hasValue(1);
        assertThat(this.backend.reads).hasValue(1);
        assertThat(this.backend.writes).hasValue(1);
    }

    @Test
    void manyThreadsOnFewKeysStartEachKeysLoaderOnce() {
        int threads = 16;
        int keys = 4;
        Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
        Map<String, CompletableFuture<Object>> slow = new ConcurrentHashMap<>();
        List<CompletableFuture<Object>> results = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        assertTimeoutPreemptively(BOUND, () -> {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<CompletableFuture<Object>>>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                calls.add(this.pool.submit(() -> {
                    go.await();
                    List<CompletableFuture<Object>> mine = new ArrayList<>();
                    int first = ThreadLocalRandom.current().nextInt(keys);
                    for (int i = 0; i < keys; i++) {
                        String key = "key" + ((first + i) % keys);
                        mine.add(getOrSetAsync(key, () -> {
                            loads.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
                            return slow.computeIfAbsent(key, (k) -> new CompletableFuture<>());
                        }).thenApply((value) -> key + "=" + value));
                    }
                    return mine;
                }));
            }
            go.countDown();
            for (Future<List<CompletableFuture<Object>>> call : calls) {
                results.addAll(call.get());
            }
            slow.forEach((key, future) -> future.complete("value of " + key));
            for (CompletableFuture<Object> result : results) {
                asked.add((String) result.get(10, TimeUnit.SECONDS));
            }
        });
        assertThat(loads).hasSize(keys).allSatisfy((key, count) -> assertThat(count).as(key).hasValue(1));
        assertThat(asked).hasSize(threads * keys)
                .allSatisfy((answer) -> assertThat(answer).matches("(key\\d)=value of \\1"));
    }

    @Test
    void aFailedLoadStoresNothingAndReachesEverySharer() {
        IllegalStateException failure = new IllegalStateException("boom");
        CompletableFuture<Object> slow = new CompletableFuture<>();
        CompletableFuture<Object> leader = getOrSetAsync("key", () -> slow);
        CompletableFuture<Object> sharer = getOrSetAsync("key", () -> CompletableFuture.completedFuture("not run"));
        slow.completeExceptionally(failure);
        assertThat(leader).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
        assertThat(sharer).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
        assertThat(this.backend.hasKey("key")).isFalse();
        assertThat(this.backend.writes).hasValue(0);
    }

    @Test
    void aLoaderThatThrowsFailsTheFutureInsteadOfThrowing() {
        IllegalStateException failure = new IllegalStateException("boom");
        CompletableFuture<Object> result = getOrSetAsync("key", () -> {
            throw failure;
        });
        assertThat(result).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
        assertThat(this.backend.hasKey("key")).isFalse();
    }

    @Test
    void aReadThatFailsFailsTheFutureWithoutStartingTheLoader() {
        this.backend.down = true;
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<Object> result = getOrSetAsync("key", () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture("loaded");
        });
        assertThat(result).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause()
                .isInstanceOf(CacheUnavailableException.class);
        assertThat(loads).hasValue(0);
    }

    @Test
    void theLoadIsForgottenOnceItCompletesSoTheNextCallerReadsTheStoredValue() {
        assertThat(getOrSetAsync("key", () -> CompletableFuture.completedFuture("first")))
                .isCompletedWithValue("first");
        assertThat(getOrSetAsync("key", () -> CompletableFuture.completedFuture("second")))
                .isCompletedWithValue("first");
        assertThat(this.backend.reads).hasValue(2);
    }

    @Test
    void theLoadedValueReplacesOneStoredWhileTheLoadRan() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        CompletableFuture<Object> result = getOrSetAsync("key", () -> slow);
        this.backend.set("key", "theirs");
        slow.complete("mine");
        assertThat(result).isCompletedWithValue("mine");
        assertThat(this.backend.get("key")).isEqualTo("mine");
    }

    @Test
    void aNullFromTheLoaderIsStoredAndAnswered() {
        assertThat(getOrSetAsync("key", () -> CompletableFuture.completedFuture(null))).isCompletedWithValue(null);
        assertThat(this.backend.hasKey("key")).isTrue();
    }

    @Test
    void aSynchronousGetOrSetOnTheThreadOfARunningAsynchronousLoadDoesNotWaitForIt() {
        CompletableFuture<Object> slow = new CompletableFuture<>();
        CompletableFuture<Object> async = getOrSetAsync("key", () -> slow);
        assertTimeoutPreemptively(BOUND, () -> assertThat(this.backend.getOrSet("key", () -> "sync")).isEqualTo("sync"));
        slow.complete("async");
        assertThat(async).isCompletedWithValue("async");
    }

    @Test
    void keysOfDifferentVersionsLoadApart() {
        CompletableFuture<Object> one = this.backend.getOrSetAsync("key", CompletableFuture::new, Timeout.DEFAULT, 1);
        CompletableFuture<Object> two = this.backend.getOrSetAsync("key",
                () -> CompletableFuture.completedFuture("v2"), Timeout.DEFAULT, 2);
        assertThat(one).isNotDone();
        assertThat(two).isCompletedWithValue("v2");
    }

    @Test
    void aMissOfALocalMemoryBackendCountsOneMissAndOnePut() {
        try (LocMemCache cache = LocMemCache.builder().stores(LocMemStores.create()).build()) {
            assertThat(cache.getOrSetAsync("key", () -> CompletableFuture.completedFuture("loaded"), Timeout.DEFAULT,
                    null)).isCompletedWithValue("loaded");
            CacheStats stats = cache.stats();
            assertThat(stats.misses()).isOne();
            assertThat(stats.hits()).isZero();
            assertThat(stats.puts()).isOne();
        }
    }

    @Test
    void aHitOfALocalMemoryBackendCountsOneHit() {
        try (LocMemCache cache = LocMemCache.builder().stores(LocMemStores.create()).build()) {
            cache.set("key", "stored");
            assertThat(cache.getOrSetAsync("key", () -> CompletableFuture.completedFuture("loaded"), Timeout.DEFAULT,
                    null)).isCompletedWithValue("stored");
            CacheStats stats = cache.stats();
            assertThat(stats.hits()).isOne();
            assertThat(stats.misses()).isZero();
            assertThat(stats.puts()).isOne();
        }
    }

    private CompletableFuture<Object> getOrSetAsync(Object key,
            Supplier<? extends CompletableFuture<?>> loader) {
        return this.backend.getOrSetAsync(key, loader, Timeout.DEFAULT, null);
    }

    /** A backend over a map, by made key, ignoring timeouts, that counts its reads and writes and can be down. */
    private static final class MapBackend extends BaseCacheBackend {

        private final Map<String, Box> data = new ConcurrentHashMap<>();

        final AtomicInteger reads = new AtomicInteger();

        final AtomicInteger writes = new AtomicInteger();

        volatile boolean down;

        MapBackend() {
            super(null, 1, null, DJANGO_DEFAULT_TIMEOUT);
        }

        @Override
        public Object get(Object key, Object defaultValue, Integer version) {
            check();
            this.reads.incrementAndGet();
            Box box = this.data.get(makeKey(key, version));
            return (box != null) ? box.value : defaultValue;
        }

        @Override
        public void set(Object key, Object value, Timeout timeout, Integer version) {
            check();
            this.writes.incrementAndGet();
            this.data.put(makeKey(key, version), new Box(value));
        }

        @Override
        public boolean add(Object key, Object value, Timeout timeout, Integer version) {
            check();
            return this.data.putIfAbsent(makeKey(key, version), new Box(value)) == null;
        }

        @Override
        public boolean touch(Object key, Timeout timeout, Integer version) {
            return hasKey(key, version);
        }

        @Override
        public boolean delete(Object key, Integer version) {
            return this.data.remove(makeKey(key, version)) != null;
        }

        @Override
        public boolean hasKey(Object key, Integer version) {
            return this.data.containsKey(makeKey(key, version));
        }

        @Override
        public long incr(Object key, long delta, Integer version) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void clear() {
            this.data.clear();
        }

        private void check() {
            if (this.down) {
                throw new CacheUnavailableException("map backend down", null);
            }
        }

        private record Box(Object value) {
        }
    }
}
