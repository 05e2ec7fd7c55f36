package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The generic {@link BaseCacheBackend#getOrSet}, which every backend without one of its own inherits: single-flight
 * per key in the process, with Django's semantics of get_or_set. Run over a map-backed backend that coordinates
 * nothing itself.
 */
class BaseCacheBackendGetOrSetTest {

    private static final Duration BOUND = Duration.ofSeconds(30);

    private final ExecutorService pool = Executors.newCachedThreadPool();

    private final MapBackend backend = new MapBackend();

    @AfterEach
    void stopThreads() throws InterruptedException {
        this.pool.shutdownNow();
        assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).as("threads stopped").isTrue();
    }

    @Test
    void manyThreadsOnFewKeysRunEachKeysLoaderOnce() {
        int threads = 16;
        int keys = 4;
        Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();
        List<String> wrong = new CopyOnWriteArrayList<>();
        assertTimeoutPreemptively(BOUND, () -> {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(this.pool.submit(() -> {
                    go.await();
                    int first = ThreadLocalRandom.current().nextInt(keys);
                    for (int i = 0; i < keys; i++) {
                        String key = "key" + ((first + i) % keys);
                        Object result = this.backend.getOrSet(key, () -> {
                            loads.computeIfAbsent(key, (k) -> new AtomicInteger()).incrementAndGet();
                            sleep(20);
                            return "value of " + key;
                        });
                        if (!("value of " + key).equals(result)) {
                            wrong.add(key + " -> " + result);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(loads).hasSize(keys).allSatisfy((key, count) -> assertThat(count).as(key).hasValue(1));
    }

    @Test
    void aThrowingLoaderReachesTheCallersWaitingForItAndStoresNothing() {
        IllegalStateException failure = new IllegalStateException("backend down");
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        assertTimeoutPreemptively(BOUND, () -> {
            Future<Object> leader = this.pool.submit(() -> this.backend.getOrSet("key", () -> {
                loads.incrementAndGet();
                loading.countDown();
                await(release);
                throw failure;
            }));
            assertThat(loading.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Thread> waiting = new AtomicReference<>();
            Future<Object> waiter = this.pool.submit(() -> {
                waiting.set(Thread.currentThread());
                return this.backend.getOrSet("key", () -> {
                    loads.incrementAndGet();
                    return "not run";
                });
            });
            // Nothing else parks the waiter's thread than the leader's load.
            awaitWaiting(waiting);
            release.countDown();
            assertThat(leader).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause()
                    .isSameAs(failure);
            assertThat(waiter).failsWithin(BOUND).withThrowableOfType(Exception.class).havingCause()
                    .isSameAs(failure);
        });
        assertThat(loads).hasValue(1);
        assertThat(this.backend.hasKey("key")).isFalse();
    }

    @Test
    void aMissThatAddsTheLoadedValueReadsTheStoreOnce() {
        MapBackend backend = new MapBackend();

        assertThat(backend.getOrSet("k", () -> "loaded")).isEqualTo("loaded");

        assertThat(backend.reads).hasValue(1);
        assertThat(backend.get("k")).isEqualTo("loaded");
    }

    @Test
    void aValueAddedByAnotherCallerDuringTheLoadWins() {
        MapBackend backend = new MapBackend();

        Object answer = backend.getOrSet("k", () -> {
            backend.set("k", "theirs");
            return "mine";
        });

        assertThat(answer).isEqualTo("theirs");
        assertThat(backend.get("k")).isEqualTo("theirs");
    }

    @Test
    void aStoredValueWinsAndIsNotLoaded() {
        this.backend.set("key", "stored");
        assertThat(this.backend.getOrSet("key", () -> "loaded")).isEqualTo("stored");
    }

    @Test
    void aNullFromTheLoaderIsStoredAndReturned() {
        assertThat(this.backend.getOrSet("key", () -> null)).isNull();
        assertThat(this.backend.hasKey("key")).isTrue();
        assertThat(this.backend.getOrSet("key", () -> "loaded")).isNull();
    }

    @Test
    void aLoaderCallingGetOrSetForItsOwnKeyFailsInsteadOfWaitingForItself() {
        assertTimeoutPreemptively(BOUND, () -> assertThatIllegalStateException()
                .isThrownBy(() -> this.backend.getOrSet("key", () -> this.backend.getOrSet("key", () -> "inner")))
                .withMessageContaining("key"));
        assertThat(this.backend.hasKey("key")).isFalse();
        // The failed load is over: the next caller loads.
        assertThat(this.backend.getOrSet("key", () -> "after")).isEqualTo("after");
    }

    private static void awaitWaiting(AtomicReference<Thread> thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() - deadline < 0) {
            Thread waiting = thread.get();
            if (waiting != null && waiting.getState() == Thread.State.WAITING) {
                return;
            }
            Thread.sleep(1);
        }
        fail("the second caller did not wait within 10 seconds");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
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

    /** A backend over a map, by made key, ignoring timeouts: only the generic algorithms of the base are at work. */
    private static final class MapBackend extends BaseCacheBackend {

        private final Map<String, Box> data = new ConcurrentHashMap<>();

        /** The reads of the store, each a round trip for a remote backend. */
        final AtomicInteger reads = new AtomicInteger();

        MapBackend() {
            super(null, 1, null, DJANGO_DEFAULT_TIMEOUT);
        }

        @Override
        public Object get(Object key, Object defaultValue, Integer version) {
            this.reads.incrementAndGet();
            Box box = this.data.get(makeKey(key, version));
            return (box != null) ? box.value : defaultValue;
        }

        @Override
        public void set(Object key, Object value, Timeout timeout, Integer version) {
            this.data.put(makeKey(key, version), new Box(value));
        }

        @Override
        public boolean add(Object key, Object value, Timeout timeout, Integer version) {
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

        private record Box(Object value) {
        }
    }
}
