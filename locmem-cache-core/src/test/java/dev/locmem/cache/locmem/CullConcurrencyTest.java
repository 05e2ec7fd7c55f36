package dev.locmem.cache.locmem;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.locmem.cache.BoundedTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Culls running beside concurrent inserts, deletes, overwrites and reads, on a store whose culls are prepared ahead
 * and on one that culls in the set: the count never exceeds max-entries, at any moment a watcher samples it or a
 * writer reads it after its own insert, and at the end it is exactly what was added, less what was deleted and culled.
 */
class CullConcurrencyTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static final int MAX_ENTRIES = 4_000;

    private static final int WRITERS = 4;

    private static final int INSERTS = 25_000;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopThreads() throws InterruptedException {
        this.pool.shutdownNow();
        assertThat(this.pool.awaitTermination(10, TimeUnit.SECONDS)).as("threads stopped").isTrue();
    }

    @ParameterizedTest(name = "prepared from {0} entries, cull-frequency {1}")
    @CsvSource({ "1000, 3", "1000, 10", "2147483647, 3" })
    void theCountStaysWithinTheBoundWhileCullsRunBesideInserts(int preparedFrom, int cullFrequency) throws Exception {
        AtomicLong nanos = new AtomicLong(1_234_567_890_123L);
        LocMemStore store = new LocMemStore("culls", nanos::get, preparedFrom);
        KeySpace space = store.pinnedSpace(":1:");
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, cullFrequency);
        LongAdder added = new LongAdder();
        LongAdder deleted = new LongAdder();
        AtomicInteger largest = new AtomicInteger();
        AtomicInteger writersLeft = new AtomicInteger(WRITERS);
        List<Future<?>> futures = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            futures.add(this.pool.submit(() -> {
                go.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                try {
                    for (int i = 0; i < INSERTS; i++) {
                        String key = "w" + writer + "-" + i;
                        if (store.add(space, key, key, Long.MAX_VALUE, nanos.get(), policy)) {
                            added.increment();
                        }
                        int size = store.size();
                        largest.accumulateAndGet(size, Math::max);
                        assertThat(size).as("count after an insert").isLessThanOrEqualTo(MAX_ENTRIES);
                        String recent = "w" + writer + "-" + random.nextInt(i + 1);
                        switch (random.nextInt(8)) {
                            case 0 -> {
                                if (store.delete(space, recent, nanos.get())) {
                                    deleted.increment();
                                }
                            }
                            case 1 -> store.overwrite(space, recent, recent, Long.MAX_VALUE, nanos.get(), policy);
                            default -> {
                                Object value = store.read(space, recent, ThreadStripe.current());
                                assertThat(value == LocMemStore.ABSENT || value.equals(recent)).as("value of %s",
                                        recent).isTrue();
                            }
                        }
                        if (i % 1_000 == 0) {
                            nanos.addAndGet(1_000_000);
                        }
                    }
                }
                finally {
                    writersLeft.decrementAndGet();
                }
                return null;
            }));
        }
        futures.add(this.pool.submit(() -> {
            go.await();
            // The watcher: samples the count while the writers run.
            while (writersLeft.get() > 0) {
                int size = store.size();
                largest.accumulateAndGet(size, Math::max);
                assertThat(size).as("count seen by the watcher").isLessThanOrEqualTo(MAX_ENTRIES);
            }
            return null;
        }));
        go.countDown();
        BoundedTasks.awaitAll(futures, BOUND);
        assertThat(largest.get()).isBetween(MAX_ENTRIES - policy.victims(MAX_ENTRIES), MAX_ENTRIES);
        assertThat(store.size()).isEqualTo(store.entriesByMadeKey().size())
                .isEqualTo(added.sum() - deleted.sum() - store.evictions() - store.expirations());
        store.entriesByMadeKey().values().forEach((entry) -> assertThat(entry.isAlive()).isTrue());
        if (preparedFrom <= MAX_ENTRIES) {
            assertThat(store.preparedCulls()).isPositive();
        }
        else {
            assertThat(store.preparedCulls()).isZero();
        }
        assertThat(store.preparedCulls() + store.exactCulls()).isGreaterThan(10);
    }

    @Test
    void theCountStaysExactWhileReadersUseTheVictimsOfPendingCulls() throws Exception {
        int readers = 3;
        int inserts = 60_000;
        AtomicLong nanos = new AtomicLong(1_234_567_890_123L);
        LocMemStore store = new LocMemStore("rescues", nanos::get, 1000);
        KeySpace space = store.pinnedSpace(":1:");
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, 3);
        AtomicInteger inserted = new AtomicInteger();
        AtomicInteger writersLeft = new AtomicInteger(1);
        List<Future<?>> futures = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        futures.add(this.pool.submit(() -> {
            go.await();
            try {
                for (int i = 0; i < inserts; i++) {
                    String key = "k" + i;
                    store.insert(space, key, key, Long.MAX_VALUE, nanos.get(), policy);
                    inserted.set(i + 1);
                    // The only thread that changes the set of keys: what it reads after its own insert is exact.
                    int size = store.size();
                    assertThat(size).as("count after insert %d", i).isLessThanOrEqualTo(MAX_ENTRIES)
                            .isEqualTo(i + 1 - store.evictions());
                    if (i % 1_000 == 0) {
                        nanos.addAndGet(1_000_000);
                    }
                }
            }
            finally {
                writersLeft.decrementAndGet();
            }
            return null;
        }));
        for (int r = 0; r < readers; r++) {
            futures.add(this.pool.submit(() -> {
                go.await();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (writersLeft.get() > 0) {
                    // The oldest keys still in the store: the next cull's victims, once it is prepared.
                    int newest = inserted.get();
                    int oldest = Math.max(0, newest - MAX_ENTRIES);
                    int i = oldest + random.nextInt(Math.max(1, (newest - oldest) / 3));
                    String key = "k" + i;
                    Object value = (random.nextInt(4) == 0)
                            ? store.update(space, key, (current) -> current)
                            : store.read(space, key, ThreadStripe.current());
                    assertThat(value == null || value == LocMemStore.ABSENT || value.equals(key))
                            .as("value of %s", key).isTrue();
                    int size = store.size();
                    assertThat(size).as("count seen by a reader").isLessThanOrEqualTo(MAX_ENTRIES);
                }
                return null;
            }));
        }
        go.countDown();
        BoundedTasks.awaitAll(futures, BOUND);
        assertThat(store.size()).isEqualTo(store.entriesByMadeKey().size())
                .isEqualTo(inserts - store.evictions() - store.expirations());
        store.entriesByMadeKey().values().forEach((entry) -> {
            assertThat(entry.isAlive()).isTrue();
            assertThat(entry.value).isEqualTo(entry.key);
        });
        assertThat(store.preparedCulls()).isGreaterThan(10);
        assertThat(store.exactCulls()).isZero();
        assertThat(store.savedVictims()).as("victims saved by the readers").isPositive();
    }
}
