package dev.locmem.cache.locmem;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep of {@link EntryTable}'s tombstones: under the churn of culls (a third of the entries removed, as many new
 * ones inserted, again and again) every stored key stays findable, no removed one is found, and the table is not
 * rebuilt once it has grown to its size. Keys made of {@code "Aa"} and {@code "BB"} share their hash, so runs of
 * colliding entries, which tombstones are needed in, come up too.
 */
class EntryTableSweepTest {

    private final EntryTable table = new EntryTable();

    private static Entry entry(String key) {
        return new Entry(new KeySpace(""), key, EntryTable.hash(key), key, Long.MAX_VALUE);
    }

    private static String key(Random random, int i) {
        // One key in eight collides with others of its kind.
        return (i % 8 == 0) ? ((random.nextBoolean() ? "Aa" : "BB") + (random.nextBoolean() ? "Aa" : "BB") + "-"
                + (i % 64)) + "-" + i : "key-" + i;
    }

    @Test
    void cullChurnKeepsEveryKeyFindableWithoutRebuildingTheTable() {
        Random random = new Random(16);
        List<Entry> stored = new ArrayList<>();
        int next = 0;
        for (; next < 30_000; next++) {
            Entry entry = entry(key(random, next));
            this.table.insert(entry);
            stored.add(entry);
        }
        int rebuildsWhenFull = this.table.rebuilds();
        for (int round = 0; round < 40; round++) {
            List<Entry> removed = new ArrayList<>();
            for (int n = 0; n < 10_000; n++) {
                Entry victim = stored.remove(random.nextInt(stored.size()));
                assertThat(this.table.remove(victim)).isTrue();
                removed.add(victim);
            }
            for (int n = 0; n < 10_000; n++, next++) {
                Entry entry = entry(key(random, next));
                this.table.insert(entry);
                stored.add(entry);
            }
            for (Entry entry : stored) {
                assertThat(this.table.get(entry.key)).as("round %d, %s", round, entry.key).isSameAs(entry);
            }
            for (Entry entry : removed) {
                assertThat(this.table.get(entry.key)).as("round %d, removed %s", round, entry.key).isNull();
            }
            assertThat(this.table.size()).isEqualTo(stored.size());
        }
        assertThat(this.table.rebuilds()).as("rebuilds under churn").isEqualTo(rebuildsWhenFull);
    }
}
