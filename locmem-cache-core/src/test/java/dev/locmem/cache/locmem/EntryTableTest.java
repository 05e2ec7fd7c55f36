package dev.locmem.cache.locmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link EntryTable}: one writer, lock-free readers. {@code "Aa"} and {@code "BB"} have the same
 * {@code String.hashCode()}, so keys made of them collide in every table size.
 */
class EntryTableTest {

    private final EntryTable table = new EntryTable();

    private static Entry entry(String key) {
        return new Entry(new KeySpace(""), key, EntryTable.hash(key), "value of " + key, Long.MAX_VALUE);
    }

    private Entry insert(String key) {
        Entry entry = entry(key);
        this.table.insert(entry);
        return entry;
    }

    @Test
    void getFindsAnEntryByAnEqualKey() {
        Entry entry = insert("user:1");

        assertThat(this.table.get(new String("user:1".toCharArray()))).isSameAs(entry);
        assertThat(this.table.size()).isEqualTo(1);
    }

    @Test
    void getReturnsNullForAKeyNeverInserted() {
        insert("user:1");

        assertThat(this.table.get("user:2")).isNull();
    }

    @Test
    void keysWithTheSameHashAreToldApart() {
        Entry aa = insert("AaAa");
        Entry bb = insert("BBBB");
        Entry mixed = insert("AaBB");

        assertThat(this.table.get("AaAa")).isSameAs(aa);
        assertThat(this.table.get("BBBB")).isSameAs(bb);
        assertThat(this.table.get("AaBB")).isSameAs(mixed);
        assertThat(this.table.get("BBAa")).isNull();
    }

    @Test
    void aKeyStoredPastARemovedOneIsStillFound() {
        Entry first = insert("AaAa");
        insert("BBBB");
        Entry third = insert("AaBB");

        assertThat(this.table.remove(first)).isTrue();

        assertThat(this.table.get("AaAa")).isNull();
        assertThat(this.table.get("AaBB")).isSameAs(third);
        assertThat(this.table.size()).isEqualTo(2);
    }

    @Test
    void aRemovedSlotIsReusedByTheNextInsert() {
        Entry first = insert("AaAa");
        insert("BBBB");
        this.table.remove(first);

        Entry again = insert("AaAa");

        assertThat(this.table.get("AaAa")).isSameAs(again);
        assertThat(this.table.get("BBBB")).isNotNull();
    }

    @Test
    void removeFindsTheVeryEntryNotAnEqualKey() {
        insert("user:1");

        assertThat(this.table.remove(entry("user:1"))).isFalse();
        assertThat(this.table.get("user:1")).isNotNull();
        assertThat(this.table.size()).isEqualTo(1);
    }

    @Test
    void growingKeepsEveryEntry() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            entries.add(insert("key:" + i));
        }

        for (Entry entry : entries) {
            assertThat(this.table.get(entry.key)).isSameAs(entry);
        }
        assertThat(this.table.size()).isEqualTo(50_000);
        assertThat(this.table.capacity()).isGreaterThanOrEqualTo(2 * 50_000);
    }

    @Test
    void entriesLeftAfterMostAreRemovedAreStillFound() {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            entries.add(insert("key:" + i));
        }
        for (Entry entry : entries.subList(10, entries.size())) {
            assertThat(this.table.remove(entry)).isTrue();
        }

        assertThat(this.table.size()).isEqualTo(10);
        entries.subList(0, 10).forEach((entry) -> assertThat(this.table.get(entry.key)).isSameAs(entry));
        entries.subList(10, entries.size()).forEach((entry) -> assertThat(this.table.get(entry.key)).isNull());
    }

    @Test
    void churnDoesNotGrowTheTable() {
        List<Entry> held = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            held.add(insert("key:" + i));
            if (held.size() > 8) {
                this.table.remove(held.remove(0));
            }
        }

        assertThat(this.table.size()).isEqualTo(8);
        assertThat(this.table.capacity()).isLessThanOrEqualTo(64);
        held.forEach((entry) -> assertThat(this.table.get(entry.key)).isSameAs(entry));
    }

    @Test
    void iterationVisitsEveryEntryOnceWhileEntriesAreRemoved() {
        for (int i = 0; i < 1000; i++) {
            insert("key:" + i);
        }
        Set<Object> seen = new HashSet<>();
        int removed = 0;

        for (Entry entry : this.table) {
            assertThat(seen.add(entry.key)).as("visited once: %s", entry.key).isTrue();
            if (seen.size() % 2 == 0) {
                this.table.remove(entry);
                removed++;
            }
        }

        assertThat(seen).hasSize(1000);
        assertThat(this.table.size()).isEqualTo(1000 - removed);
    }

    @Test
    void clearRemovesEveryEntry() {
        for (int i = 0; i < 100; i++) {
            insert("key:" + i);
        }

        this.table.clear();

        assertThat(this.table.isEmpty()).isTrue();
        assertThat(this.table.get("key:1")).isNull();
        assertThat(this.table.iterator().hasNext()).isFalse();
    }

    /**
     * Readers look up keys that stay in the table while the writer inserts and removes others, colliding ones
     * included, so that slots turn into tombstones and back and the table is rebuilt many times: a reader must never
     * miss a key that was there all along.
     */
    @Test
    void readersNeverMissAKeyThatStaysWhileTheWriterChurns() {
        int stableKeys = 64;
        List<String> stable = new ArrayList<>();
        for (int i = 0; i < stableKeys; i++) {
            String key = ((i % 2 == 0) ? "Aa" : "BB") + "stable:" + i;
            stable.add(key);
            insert(key);
        }
        int readers = 3;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        CountDownLatch started = new CountDownLatch(readers);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            try {
                List<Future<String>> results = new ArrayList<>();
                for (int r = 0; r < readers; r++) {
                    results.add(pool.submit(() -> {
                        started.countDown();
                        long count = 0;
                        do {
                            for (String key : stable) {
                                // An equal copy: the reader compares characters, as a real lookup does.
                                if (this.table.get(new String(key.toCharArray())) == null) {
                                    return "missed " + key + " after " + count + " reads";
                                }
                                count++;
                            }
                        }
                        while (writing.get());
                        reads.addAndGet(count);
                        return null;
                    }));
                }
                started.await();
                List<Entry> transients = new ArrayList<>();
                for (int i = 0; i < 300_000; i++) {
                    String prefix = (i % 3 == 0) ? "AaAa" : (i % 3 == 1) ? "BBBB" : "AaBB";
                    Entry entry = entry(prefix + "stable:" + (i % stableKeys) + ":" + i);
                    this.table.insert(entry);
                    transients.add(entry);
                    // Hold between 0 and 4,095 transient keys, so the table grows and shrinks over and over.
                    int hold = (i / 20_000) % 2 == 0 ? 4_095 : 0;
                    while (transients.size() > hold) {
                        this.table.remove(transients.remove(transients.size() / 2));
                    }
                }
                writing.set(false);
                for (Future<String> result : results) {
                    assertThat(result.get()).as("reader").isNull();
                }
            }
            finally {
                pool.shutdownNow();
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        });
        assertThat(reads.get()).as("reads made during the churn").isGreaterThan(0);
        stable.forEach((key) -> assertThat(this.table.get(key)).isNotNull());
    }
}
