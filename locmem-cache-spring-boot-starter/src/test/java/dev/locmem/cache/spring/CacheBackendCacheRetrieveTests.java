package dev.locmem.cache.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.locmem.cache.CacheStats;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.testsupport.ReachableMapBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@link CacheBackendCache#retrieve(Object, java.util.function.Supplier)} goes through the backend's single flight
 * ({@code getOrSetAsync}): one load per key at a time across every adapter of the backend, counted once, by the
 * backend.
 */
class CacheBackendCacheRetrieveTests {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final LocMemCache backend = LocMemCache.builder().stores(LocMemStores.create()).build();

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void close() throws InterruptedException {
        this.pool.shutdownNow();
        assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).as("threads stopped").isTrue();
        this.backend.close();
    }

    private CacheBackendCache cache(boolean allowNullValues) {
        return new CacheBackendCache("books", this.backend, allowNullValues, CacheUnavailableListener.NONE);
    }

    @Test
    void aMissIsCountedAsOneMissAndOnePut() {
        CacheBackendCache cache = cache(true);
        assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture("loaded")).join())
            .isEqualTo("loaded");
        CacheStats stats = cache.stats();
        assertThat(stats.misses()).isOne();
        assertThat(stats.hits()).isZero();
        assertThat(stats.puts()).isOne();
    }

    @Test
    void aHitIsCountedAsOneHit() {
        CacheBackendCache cache = cache(true);
        cache.put("key", "cached");
        assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture("loaded")).join())
            .isEqualTo("cached");
        CacheStats stats = cache.stats();
        assertThat(stats.hits()).isOne();
        assertThat(stats.misses()).isZero();
    }

    @Test
    void aNullThatIsNotCachedIsCountedAsOneMissAndNoPut() {
        CacheBackendCache cache = cache(false);
        assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture(null)).join()).isNull();
        CacheStats stats = cache.stats();
        assertThat(stats.misses()).isOne();
        assertThat(stats.puts()).isZero();
    }

    @Test
    void aNullThatIsNotCachedReachesEverySharerAsNull() {
        CacheBackendCache cache = cache(false);
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> first = cache.retrieve("key", () -> slow);
        CompletableFuture<String> second = cache.retrieve("key", () -> CompletableFuture.completedFuture("other"));
        slow.complete(null);
        assertThat(first.join()).isNull();
        assertThat(second.join()).isNull();
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void aFailedLoadReachesEverySharerAndStoresNothing() {
        CacheBackendCache cache = cache(true);
        IllegalStateException failure = new IllegalStateException("boom");
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> first = cache.retrieve("key", () -> slow);
        CompletableFuture<String> second = cache.retrieve("key", () -> CompletableFuture.completedFuture("other"));
        slow.completeExceptionally(failure);
        assertThat(first).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
        assertThat(second).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void aLoaderThatThrowsFailsTheFutureInsteadOfThrowing() {
        CacheBackendCache cache = cache(true);
        IllegalStateException failure = new IllegalStateException("boom");
        CompletableFuture<String> result = cache.retrieve("key", () -> {
            throw failure;
        });
        assertThat(result).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause().isSameAs(failure);
    }

    @Test
    void adaptersOfOneBackendShareARunningLoad() {
        CacheBackendCache one = cache(true);
        CacheBackendCache other = cache(true);
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> first = one.retrieve("key", () -> {
            loads.incrementAndGet();
            return slow;
        });
        CompletableFuture<String> second = other.retrieve("key", () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture("other");
        });
        slow.complete("loaded");
        assertThat(first.join()).isEqualTo("loaded");
        assertThat(second.join()).isEqualTo("loaded");
        assertThat(loads).hasValue(1);
    }

    @Test
    void manyThreadsRetrievingOneKeyStartItsLoaderOnce() {
        CacheBackendCache cache = cache(true);
        int threads = 16;
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<String> slow = new CompletableFuture<>();
        List<CompletableFuture<String>> results = new ArrayList<>();
        assertTimeoutPreemptively(BOUND, () -> {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CompletableFuture<String>>> calls = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                calls.add(this.pool.submit(() -> {
                    go.await();
                    return cache.retrieve("key", () -> {
                        loads.incrementAndGet();
                        return slow;
                    });
                }));
            }
            go.countDown();
            for (Future<CompletableFuture<String>> call : calls) {
                results.add(call.get());
            }
            slow.complete("loaded");
            for (CompletableFuture<String> result : results) {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo("loaded");
            }
        });
        assertThat(results).hasSize(threads);
        assertThat(loads).hasValue(1);
    }

    @Test
    void theLoadIsForgottenOnceItCompletesSoTheNextRetrieveIsAHit() {
        CacheBackendCache cache = cache(true);
        cache.retrieve("key", () -> CompletableFuture.completedFuture("first")).join();
        assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture("second")).join())
            .isEqualTo("first");
        assertThat(cache.stats().hits()).isOne();
    }

    @Test
    void aStoreThatFailsAfterTheLoadAnswersTheLoadedValueWithoutLoadingAgain() {
        ReachableMapBackend remote = new ReachableMapBackend();
        List<String> failed = new ArrayList<>();
        CacheBackendCache cache = new CacheBackendCache("books", remote, true,
                (failing, operation, exception) -> failed.add(operation));
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> result = cache.retrieve("key", () -> {
            loads.incrementAndGet();
            return slow;
        });
        remote.setReachable(false);
        slow.complete("loaded");
        assertThat(result.join()).isEqualTo("loaded");
        assertThat(loads).hasValue(1);
        assertThat(failed).containsExactly("put");
    }

    @Test
    void aReadThatFailsLoadsAsIfThereWereNoCache() {
        ReachableMapBackend remote = new ReachableMapBackend();
        remote.setReachable(false);
        List<String> failed = new ArrayList<>();
        CacheBackendCache cache = new CacheBackendCache("books", remote, true,
                (failing, operation, exception) -> failed.add(operation));
        assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture("loaded")).join())
            .isEqualTo("loaded");
        assertThat(failed).containsExactly("get");
        assertThat(cache.isAvailable()).isFalse();
    }

    @Test
    void underStoreByValueTheCachedValueIsACopyOfTheLoadedOne() {
        try (LocMemCache byValue = LocMemCache.builder().stores(LocMemStores.create()).storeByValue(true).build()) {
            CacheBackendCache cache = new CacheBackendCache("books", byValue);
            ArrayList<String> loaded = new ArrayList<>(List.of("a"));
            assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture(loaded)).join())
                .isSameAs(loaded);
            loaded.add("changed after the load");
            assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture(List.of())).join())
                .isEqualTo(List.of("a"));
        }
    }
}
