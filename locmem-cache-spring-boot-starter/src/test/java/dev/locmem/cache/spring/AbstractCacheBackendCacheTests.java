package dev.locmem.cache.spring;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cache.Cache;
import org.springframework.cache.Cache.ValueRetrievalException;
import org.springframework.cache.Cache.ValueWrapper;
import org.springframework.cache.interceptor.SimpleKey;

import dev.locmem.cache.CacheBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Spring Framework 7's {@link Cache} contract, for a {@link CacheBackendCache} over the backend a subclass gives:
 * every method, with null values allowed and not, as Spring's own cache tests check its caches.
 */
abstract class AbstractCacheBackendCacheTests {

    private static final String NAME = "books";

    private final List<CacheBackend> backends = new ArrayList<>();

    /** A new, empty backend for one test. */
    protected abstract CacheBackend createBackend();

    @AfterEach
    void closeBackends() {
        this.backends.forEach(CacheBackend::close);
    }

    private CacheBackendCache cache(boolean allowNullValues) {
        CacheBackend backend = createBackend();
        this.backends.add(backend);
        return new CacheBackendCache(NAME, backend, allowNullValues, CacheUnavailableListener.NONE);
    }

    private CacheBackendCache cache() {
        return cache(true);
    }

    // Identity.

    @Test
    void nameIsTheGivenName() {
        assertThat(cache().getName()).isEqualTo(NAME);
    }

    @Test
    void nativeCacheIsTheBackend() {
        CacheBackend backend = createBackend();
        this.backends.add(backend);
        assertThat(new CacheBackendCache(NAME, backend).getNativeCache()).isSameAs(backend);
    }

    // get, put.

    @Test
    void getOfAMissingKeyIsNull() {
        assertThat(cache().get("missing")).isNull();
    }

    @Test
    void getReturnsWhatPutStored() {
        CacheBackendCache cache = cache();
        cache.put("key", "value");
        assertThat(cache.get("key")).extracting(ValueWrapper::get).isEqualTo("value");
    }

    @Test
    void putReplacesAnEarlierValue() {
        CacheBackendCache cache = cache();
        cache.put("key", "first");
        cache.put("key", "second");
        assertThat(cache.get("key", String.class)).isEqualTo("second");
    }

    @Test
    void getWithTypeReturnsTheValue() {
        CacheBackendCache cache = cache();
        cache.put("key", 42L);
        assertThat(cache.get("key", Long.class)).isEqualTo(42L);
    }

    @Test
    void getWithTypeOfAMissingKeyIsNull() {
        assertThat(cache().get("missing", String.class)).isNull();
    }

    @Test
    void getWithTypeFailsWhenTheValueIsOfAnotherType() {
        CacheBackendCache cache = cache();
        cache.put("key", 42L);
        assertThatIllegalStateException().isThrownBy(() -> cache.get("key", String.class))
            .withMessageContaining("not of required type");
    }

    // putIfAbsent.

    @Test
    void putIfAbsentStoresIntoAnAbsentKeyAndReturnsNull() {
        CacheBackendCache cache = cache();
        assertThat(cache.putIfAbsent("key", "value")).isNull();
        assertThat(cache.get("key", String.class)).isEqualTo("value");
    }

    @Test
    void putIfAbsentKeepsThePresentValueAndReturnsIt() {
        CacheBackendCache cache = cache();
        cache.put("key", "first");
        assertThat(cache.putIfAbsent("key", "second")).extracting(ValueWrapper::get).isEqualTo("first");
        assertThat(cache.get("key", String.class)).isEqualTo("first");
    }

    @Test
    void putIfAbsentLetsExactlyOneOfManyConcurrentCallersStore() throws Exception {
        CacheBackendCache cache = cache();
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<ValueWrapper>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                String value = "value-" + i;
                results.add(executor.submit(() -> {
                    start.await();
                    return cache.putIfAbsent("key", value);
                }));
            }
            start.countDown();
            Object stored = null;
            int winners = 0;
            List<Object> seen = new ArrayList<>();
            for (Future<ValueWrapper> result : results) {
                ValueWrapper previous = result.get(10, TimeUnit.SECONDS);
                if (previous == null) {
                    winners++;
                }
                else {
                    seen.add(previous.get());
                }
            }
            stored = cache.get("key", String.class);
            assertThat(winners).isEqualTo(1);
            assertThat(seen).hasSize(threads - 1).containsOnly(stored);
        }
        finally {
            executor.shutdownNow();
        }
    }

    // evict, evictIfPresent, clear, invalidate.

    @Test
    void evictRemovesTheKey() {
        CacheBackendCache cache = cache();
        cache.put("key", "value");
        cache.evict("key");
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void evictOfAMissingKeyDoesNothing() {
        CacheBackendCache cache = cache();
        cache.put("other", "value");
        cache.evict("missing");
        assertThat(cache.get("other", String.class)).isEqualTo("value");
    }

    @Test
    void evictIfPresentTellsWhetherItRemovedSomething() {
        CacheBackendCache cache = cache();
        cache.put("key", "value");
        assertThat(cache.evictIfPresent("key")).isTrue();
        assertThat(cache.evictIfPresent("key")).isFalse();
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void clearRemovesEveryKey() {
        CacheBackendCache cache = cache();
        cache.put("a", "1");
        cache.put("b", "2");
        cache.clear();
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b")).isNull();
    }

    @Test
    void invalidateRemovesEveryKey() {
        CacheBackendCache cache = cache();
        cache.put("a", "1");
        cache.invalidate();
        assertThat(cache.get("a")).isNull();
    }

    // get(key, Callable).

    @Test
    void getWithLoaderLoadsAMissingKeyAndStoresIt() {
        CacheBackendCache cache = cache();
        assertThat(cache.get("key", () -> "loaded")).isEqualTo("loaded");
        assertThat(cache.get("key", String.class)).isEqualTo("loaded");
    }

    @Test
    void getWithLoaderDoesNotCallTheLoaderForAPresentKey() {
        CacheBackendCache cache = cache();
        cache.put("key", "cached");
        assertThat(cache.<String>get("key", () -> {
            throw new AssertionError("The loader must not run on a hit");
        })).isEqualTo("cached");
    }

    @Test
    void getWithLoaderWrapsTheLoadersExceptionAndStoresNothing() {
        CacheBackendCache cache = cache();
        Callable<String> failing = () -> {
            throw new java.io.IOException("database down");
        };
        assertThatExceptionOfType(ValueRetrievalException.class).isThrownBy(() -> cache.get("key", failing))
            .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("key"))
            .havingCause()
            .isInstanceOf(java.io.IOException.class)
            .withMessage("database down");
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void getWithLoaderRunsTheLoaderOnceForManyConcurrentCallers() {
        CacheBackendCache cache = cache();
        int threads = 32;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                List<Future<String>> results = new ArrayList<>();
                for (int i = 0; i < threads; i++) {
                    results.add(executor.submit(() -> {
                        start.await();
                        return cache.get("key", () -> {
                            loads.incrementAndGet();
                            Thread.sleep(100);
                            return "loaded";
                        });
                    }));
                }
                start.countDown();
                for (Future<String> result : results) {
                    assertThat(result.get()).isEqualTo("loaded");
                }
            });
            assertThat(loads).hasValue(1);
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void getWithLoaderGivesTheLoadersFailureToEveryConcurrentCaller() throws Exception {
        CacheBackendCache cache = cache();
        int threads = 8;
        AtomicInteger loads = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Throwable>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    try {
                        cache.get("key", () -> {
                            loads.incrementAndGet();
                            Thread.sleep(100);
                            throw new IllegalStateException("boom");
                        });
                        return null;
                    }
                    catch (ValueRetrievalException ex) {
                        return ex.getCause();
                    }
                }));
            }
            start.countDown();
            for (Future<Throwable> result : results) {
                assertThat(result.get(20, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("boom");
            }
            // Callers that came after a failed load may load again; those that waited for it did not.
            assertThat(loads.get()).isBetween(1, threads);
            assertThat(cache.get("key")).isNull();
        }
        finally {
            executor.shutdownNow();
        }
    }

    @Test
    void getWithLoaderFailsWhenTheLoaderAsksForItsOwnKey() {
        CacheBackendCache cache = cache();
        assertThatExceptionOfType(RuntimeException.class)
            .isThrownBy(() -> cache.get("key", () -> cache.get("key", () -> "inner")));
    }

    // retrieve(key).

    @Test
    void retrieveOfAMissingKeyIsNull() {
        assertThat(cache().retrieve("missing")).isNull();
    }

    @Test
    void retrieveOfAPresentKeyCompletesWithAValueWrapperWhenNullsAreAllowed() {
        CacheBackendCache cache = cache(true);
        cache.put("key", "value");
        assertThat(cache.retrieve("key").join()).isInstanceOf(ValueWrapper.class)
            .extracting((wrapper) -> ((ValueWrapper) wrapper).get())
            .isEqualTo("value");
    }

    @Test
    void retrieveOfAPresentKeyCompletesWithTheBareValueWhenNullsAreNotAllowed() {
        CacheBackendCache cache = cache(false);
        cache.put("key", "value");
        assertThat(cache.retrieve("key").join()).isEqualTo("value");
    }

    // retrieve(key, Supplier<CompletableFuture>).

    @Test
    void retrieveWithLoaderLoadsAMissingKeyAndStoresIt() {
        CacheBackendCache cache = cache();
        assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture("loaded")).join())
            .isEqualTo("loaded");
        assertThat(cache.get("key", String.class)).isEqualTo("loaded");
    }

    @Test
    void retrieveWithLoaderDoesNotCallTheLoaderForAPresentKey() {
        CacheBackendCache cache = cache();
        cache.put("key", "cached");
        assertThat(cache.<String>retrieve("key", () -> {
            throw new AssertionError("The loader must not run on a hit");
        }).join()).isEqualTo("cached");
    }

    @Test
    void retrieveWithLoaderSharesALoadThatIsRunning() {
        CacheBackendCache cache = cache();
        AtomicInteger loads = new AtomicInteger();
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> first = cache.retrieve("key", () -> {
            loads.incrementAndGet();
            return slow;
        });
        CompletableFuture<String> second = cache.retrieve("key", () -> {
            loads.incrementAndGet();
            return CompletableFuture.completedFuture("other");
        });
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        slow.complete("loaded");
        assertThat(first.join()).isEqualTo("loaded");
        assertThat(second.join()).isEqualTo("loaded");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aSynchronousLoadOnTheThreadOfARunningAsynchronousLoadRunsAtOnce() {
        CacheBackendCache cache = cache();
        CompletableFuture<String> slow = new CompletableFuture<>();
        CompletableFuture<String> async = cache.retrieve("key", () -> slow);
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(cache.get("key", () -> "sync")).isEqualTo("sync"));
        slow.complete("async");
        assertThat(async.join()).isEqualTo("async");
    }

    @Test
    void retrieveWithLoaderStoresNothingWhenTheLoadFails() {
        CacheBackendCache cache = cache();
        CompletableFuture<String> result = cache.retrieve("key",
                () -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
        assertThat(result).isCompletedExceptionally();
        assertThat(cache.get("key")).isNull();
        assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture("later")).join()).isEqualTo("later");
    }

    // Null values.

    @Test
    void aNullValueIsCachedWhenNullsAreAllowed() {
        CacheBackendCache cache = cache(true);
        cache.put("key", null);
        ValueWrapper wrapper = cache.get("key");
        assertThat(wrapper).isNotNull();
        assertThat(wrapper.get()).isNull();
        assertThat(cache.get("key", String.class)).isNull();
    }

    @Test
    void aLoadedNullIsCachedWhenNullsAreAllowed() {
        CacheBackendCache cache = cache(true);
        AtomicInteger loads = new AtomicInteger();
        Callable<String> loader = () -> {
            loads.incrementAndGet();
            return null;
        };
        assertThat(cache.get("key", loader)).isNull();
        assertThat(cache.get("key", loader)).isNull();
        assertThat(loads).hasValue(1);
    }

    @Test
    void retrieveOfACachedNullCompletesWithAWrapperOfNull() {
        CacheBackendCache cache = cache(true);
        cache.put("key", null);
        Object retrieved = cache.retrieve("key").join();
        assertThat(retrieved).isInstanceOf(ValueWrapper.class);
        assertThat(((ValueWrapper) retrieved).get()).isNull();
    }

    @Test
    void putIfAbsentOfNullStoresANullValueWhenNullsAreAllowed() {
        CacheBackendCache cache = cache(true);
        assertThat(cache.putIfAbsent("key", null)).isNull();
        assertThat(cache.putIfAbsent("key", "value")).isNotNull().extracting(ValueWrapper::get).isNull();
    }

    @Test
    void putOfNullFailsWhenNullsAreNotAllowed() {
        CacheBackendCache cache = cache(false);
        assertThatIllegalArgumentException().isThrownBy(() -> cache.put("key", null))
            .withMessageContaining("null");
    }

    @Test
    void aLoaderReturningNullFailsWhenNullsAreNotAllowed() {
        CacheBackendCache cache = cache(false);
        assertThatExceptionOfType(ValueRetrievalException.class).isThrownBy(() -> cache.get("key", () -> null))
            .havingCause()
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void retrieveWithLoaderCachesNoNullWhenNullsAreNotAllowed() {
        CacheBackendCache cache = cache(false);
        assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture(null)).join()).isNull();
        assertThat(cache.get("key")).isNull();
    }

    @Test
    void retrieveWithLoaderCachesANullWhenNullsAreAllowed() {
        CacheBackendCache cache = cache(true);
        assertThat(cache.retrieve("key", () -> CompletableFuture.completedFuture(null)).join()).isNull();
        assertThat(cache.get("key")).isNotNull().extracting(ValueWrapper::get).isNull();
    }

    // Keys.

    record Isbn(String value) {
    }

    record Edition(Object isbn, int number) {
    }

    enum Format {
        ONE, TWO
    }

    @Test
    void keysThatAreNotEqualNeverShareAnEntry() {
        CacheBackendCache cache = cache();
        List<Object> keys = List.of("1", 1, 1L, (short) 1, (byte) 1, 1.0d, 1.0f, '1', true,
                new BigDecimal("1"), new BigDecimal("1.0"), java.math.BigInteger.ONE, new SimpleKey(1L),
                new SimpleKey("1"), new SimpleKey(1L, "1"), new SimpleKey("1", 1L), SimpleKey.EMPTY,
                new Isbn("1"), new Edition("1", 1), new Edition(1L, 1), new Edition(null, 1), Format.ONE,
                "§L:1", "§", "", List.of(1L), List.of("1"), java.util.UUID.nameUUIDFromBytes(new byte[] { 1 }));
        assertThat(new HashSet<>(keys)).as("the keys are pairwise not equal").hasSize(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            cache.put(keys.get(i), i);
        }
        for (int i = 0; i < keys.size(); i++) {
            assertThat(cache.get(keys.get(i), Integer.class)).as("value of key %s (%s)", keys.get(i),
                    keys.get(i).getClass().getSimpleName()).isEqualTo(i);
        }
    }

    @Test
    void equalKeysShareAnEntry() {
        CacheBackendCache cache = cache();
        cache.put(new SimpleKey("isbn", 7L), "by simple key");
        cache.put(new Edition(new Isbn("x"), 2), "by record");
        cache.put(new BigDecimal("2.50"), "by decimal");
        assertThat(cache.get(new SimpleKey("isbn", 7L), String.class)).isEqualTo("by simple key");
        assertThat(cache.get(new Edition(new Isbn("x"), 2), String.class)).isEqualTo("by record");
        assertThat(cache.get(new BigDecimal("2.50"), String.class)).isEqualTo("by decimal");
    }

    @Test
    void concurrentPutsAndGetsOfManyKeysKeepEachKeysValue() throws Exception {
        CacheBackendCache cache = cache();
        ExecutorService executor = Executors.newFixedThreadPool(8);
        Set<String> mismatches = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(executor.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        String key = thread + ":" + i;
                        cache.put(key, key);
                        String read = cache.get(key, String.class);
                        if (read != null && !read.equals(key)) {
                            mismatches.add(key + "=" + read);
                        }
                    }
                }));
            }
            for (Future<?> task : tasks) {
                task.get(20, TimeUnit.SECONDS);
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(mismatches).isEmpty();
    }
}
