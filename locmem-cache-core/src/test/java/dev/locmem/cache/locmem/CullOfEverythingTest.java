package dev.locmem.cache.locmem;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Culls that take every entry (cull-frequency 0 or 1): the store empties in the set that culls without visiting its
 * entries, counts them afterwards ({@link ClearedEntries}), and fills again in the table it had, once counted.
 */
class CullOfEverythingTest {

    private static final int MAX_ENTRIES = 5_000;

    private final AtomicLong nanos = new AtomicLong(1_234_567_890_123L);

    private final LocMemStore store = new LocMemStore("everything", this.nanos::get, Integer.MAX_VALUE);

    private final KeySpace space = this.store.pinnedSpace(":1:");

    private int inserted;

    /** Inserts new keys until the store has culled once more, and up to the full store after that cull. */
    private void fillThroughACull(CullPolicy policy) {
        int culls = 0;
        while (culls == 0 || this.store.size() < MAX_ENTRIES) {
            int before = this.store.size();
            insert(policy);
            if (this.store.size() < before) {
                culls++;
            }
        }
    }

    private void insert(CullPolicy policy) {
        String key = "k" + this.inserted++;
        this.store.insert(this.space, key, key, Long.MAX_VALUE, this.nanos.get(), policy);
    }

    @ParameterizedTest(name = "cull-frequency {0}")
    @ValueSource(ints = { 0, 1 })
    void theRefillGoesOnInTheTableTheCullEmptiedOnceItIsCounted(int cullFrequency) {
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, cullFrequency);
        fillThroughACull(policy);
        int capacity = this.space.entries.capacity();
        insert(policy);
        assertThat(this.space.entries.capacity()).as("just after the cull").isLessThan(capacity);
        // The emptied table is counted 256 slots an insert: 64 inserts for the 16384 slots of 5000 entries.
        for (int i = 0; i < capacity / 256; i++) {
            insert(policy);
        }
        assertThat(this.store.size()).isLessThan(MAX_ENTRIES / 10);
        assertThat(this.space.entries.capacity()).as("once counted").isEqualTo(capacity);
        fillThroughACull(policy);
        assertThat(this.space.entries.capacity()).isEqualTo(capacity);
        assertThat(this.store.size()).isEqualTo(MAX_ENTRIES);
    }

    @ParameterizedTest(name = "cull-frequency {0}")
    @ValueSource(ints = { 0, 1 })
    void everyEntryACullTookIsCountedOnceWhetherTheInsertsOrAReaderOfTheCountsFinish(int cullFrequency) {
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, cullFrequency);
        fillThroughACull(policy);
        fillThroughACull(policy);
        assertThat(this.store.evictions() + this.store.expirations() + this.store.size()).isEqualTo(this.inserted);
        assertThat(this.store.evictions()).isEqualTo(2L * MAX_ENTRIES);
    }

    @ParameterizedTest(name = "cull-frequency {0}")
    @ValueSource(ints = { 0, 1 })
    void theEntriesACullTookAreNotAliveAndNotInTheTable(int cullFrequency) {
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, cullFrequency);
        fillThroughACull(policy);
        assertThat(this.store.entriesByMadeKey()).hasSize(MAX_ENTRIES);
        Entry first = this.space.entries.get("k" + (this.inserted - 1));
        assertThat(first.isAlive()).isTrue();
        this.store.insert(this.space, "one more", "one more", Long.MAX_VALUE, this.nanos.get(), policy);
        assertThat(first.isAlive()).as("an entry the cull took").isFalse();
        assertThat(this.space.entries.get("k" + (this.inserted - 1))).isNull();
        assertThat(this.store.entriesByMadeKey()).containsOnlyKeys(":1:one more");
    }
}
