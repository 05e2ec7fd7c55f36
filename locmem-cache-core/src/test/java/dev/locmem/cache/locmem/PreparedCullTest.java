package dev.locmem.cache.locmem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The culls of large stores, prepared ahead of the set that culls ({@link CullPreparation}), against the same
 * operations on a store that culls exactly, in the set: when a cull happens and how many entries it takes are the
 * same, every victim is absent to the very next read, and where no use falls between the preparation's scan and the
 * cull, the same entries go.
 */
class PreparedCullTest {

    private static final int MAX_ENTRIES = 3_000;

    private final AtomicLong nanos = new AtomicLong(1_234_567_890_123L);

    /** Prepares every cull of a store of {@code MAX_ENTRIES}. */
    private final LocMemStore prepared = new LocMemStore("prepared", this.nanos::get, 1_000);

    /** Culls exactly, in the set, as Django does. */
    private final LocMemStore exact = new LocMemStore("exact", this.nanos::get, Integer.MAX_VALUE);

    private final KeySpace preparedSpace = this.prepared.pinnedSpace(":1:");

    private final KeySpace exactSpace = this.exact.pinnedSpace(":1:");

    private static final int STRIPE = ThreadStripe.current();

    private long now() {
        return this.nanos.get();
    }

    private void setBoth(String key, CullPolicy policy) {
        setBoth(key, Long.MAX_VALUE, policy);
    }

    private void setBoth(String key, long deadline, CullPolicy policy) {
        set(this.prepared, this.preparedSpace, key, deadline, policy);
        set(this.exact, this.exactSpace, key, deadline, policy);
    }

    private void set(LocMemStore store, KeySpace space, String key, long deadline, CullPolicy policy) {
        if (!store.overwrite(space, key, key, deadline, now(), policy)) {
            store.insert(space, key, key, deadline, now(), policy);
        }
    }

    private Set<String> keys(LocMemStore store) {
        Set<String> keys = new HashSet<>();
        store.entriesByMadeKey().values().forEach((entry) -> keys.add((String) entry.key));
        return keys;
    }

    @ParameterizedTest(name = "cull-frequency {0}")
    @ValueSource(ints = { 1, 2, 3, 10, 100 })
    void insertsAloneCullTheSameEntriesAsTheExactCull(int cullFrequency) {
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, cullFrequency);
        for (int i = 0; i < 5 * MAX_ENTRIES; i++) {
            int before = this.prepared.size();
            setBoth("k" + i, policy);
            assertThat(this.prepared.size()).as("size after set %d", i).isEqualTo(this.exact.size())
                    .isLessThanOrEqualTo(MAX_ENTRIES);
            if (this.prepared.size() <= before) {
                assertThat(keys(this.prepared)).as("contents after the cull of set %d", i)
                        .isEqualTo(keys(this.exact));
            }
        }
        assertThat(this.prepared.evictions()).isEqualTo(this.exact.evictions()).isPositive();
        if (cullFrequency == 1) {
            // A cull takes every entry, those inserted after any scan too: nothing to prepare.
            assertThat(this.prepared.preparedCulls()).isZero();
        }
        else {
            assertThat(this.prepared.exactCulls()).isZero();
            assertThat(this.prepared.preparedCulls()).isEqualTo(this.exact.exactCulls()).isPositive();
        }
    }

    @Test
    void readsBeforeThePreparationSaveTheirEntriesAsInTheExactCull() {
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, 3);
        Random random = new Random(42);
        int next = 0;
        for (int round = 0; round < 6; round++) {
            // Fill up to a third of the way to the next cull, then read some old keys: long before any preparation.
            while (this.prepared.size() < MAX_ENTRIES - MAX_ENTRIES / 3 + MAX_ENTRIES / 9) {
                setBoth("k" + next++, policy);
            }
            for (int r = 0; r < 200; r++) {
                String key = "k" + random.nextInt(next);
                assertThat(this.prepared.read(this.preparedSpace, key, STRIPE) != LocMemStore.ABSENT)
                        .isEqualTo(this.exact.read(this.exactSpace, key, STRIPE) != LocMemStore.ABSENT);
            }
            // Then insert past the cull.
            int before;
            do {
                before = this.prepared.size();
                setBoth("k" + next++, policy);
            }
            while (this.prepared.size() > before);
            assertThat(keys(this.prepared)).as("contents after cull %d", round).isEqualTo(keys(this.exact));
        }
        assertThat(this.prepared.exactCulls()).isZero();
    }

    @Test
    void theSetAfterACullAndEveryReadSeeTheVictimsGone() {
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, 3);
        for (int i = 0; i < MAX_ENTRIES; i++) {
            setBoth("k" + i, policy);
        }
        setBoth("k" + MAX_ENTRIES, policy);
        int victims = policy.victims(MAX_ENTRIES);
        assertThat(this.prepared.size()).isEqualTo(MAX_ENTRIES - victims + 1);
        assertThat(this.prepared.preparedCulls()).isEqualTo(1);
        for (int i = 0; i < victims; i++) {
            String key = "k" + i;
            assertThat(this.prepared.read(this.preparedSpace, key, STRIPE)).isSameAs(LocMemStore.ABSENT);
            assertThat(this.prepared.peek(this.preparedSpace, key)).isSameAs(LocMemStore.ABSENT);
            assertThat(this.prepared.contains(this.preparedSpace, key)).isFalse();
            assertThat(this.prepared.update(this.preparedSpace, key, (value) -> value)).isNull();
            assertThat(this.prepared.delete(this.preparedSpace, key, now())).isFalse();
        }
        for (int i = victims; i <= MAX_ENTRIES; i++) {
            assertThat(this.prepared.read(this.preparedSpace, "k" + i, STRIPE)).isEqualTo("k" + i);
        }
        // A victim stored again is there, once, and counted once.
        assertThat(this.prepared.add(this.preparedSpace, "k0", "again", Long.MAX_VALUE, now(), policy)).isTrue();
        assertThat(this.prepared.read(this.preparedSpace, "k0", STRIPE)).isEqualTo("again");
        assertThat(this.prepared.size()).isEqualTo(MAX_ENTRIES - victims + 2)
                .isEqualTo(this.prepared.entriesByMadeKey().size());
    }

    @Test
    void victimsDeletedBeforeTheCullAreReplacedSoTheCullTakesAsManyAsTheExactOne() {
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, 3);
        for (int i = 0; i < MAX_ENTRIES - 1; i++) {
            setBoth("k" + i, policy);
        }
        // The preparation is done by now (it starts well ahead); delete some of the oldest, which it chose.
        for (int i = 0; i < 150; i += 3) {
            assertThat(this.prepared.delete(this.preparedSpace, "k" + i, now())).isTrue();
            assertThat(this.exact.delete(this.exactSpace, "k" + i, now())).isTrue();
        }
        int next = MAX_ENTRIES - 1;
        while (this.prepared.size() < MAX_ENTRIES) {
            setBoth("k" + next++, policy);
        }
        setBoth("k" + next, policy);
        assertThat(this.prepared.size()).isEqualTo(this.exact.size()).isEqualTo(this.prepared.entriesByMadeKey().size());
        assertThat(this.prepared.evictions()).isEqualTo(this.exact.evictions());
        assertThat(keys(this.prepared)).isEqualTo(keys(this.exact));
        assertThat(this.prepared.preparedCulls()).isEqualTo(1);
        assertThat(this.prepared.exactCulls()).isZero();
    }

    @Test
    void expiredEntriesGoFirstAndCountAsExpirations() {
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, 3);
        long soon = now() + 1_000_000_000L;
        for (int i = 0; i < MAX_ENTRIES; i++) {
            setBoth("k" + i, (i % 2 == 0) ? soon : Long.MAX_VALUE, policy);
            if (i == MAX_ENTRIES / 2) {
                // Half of the even keys, the oldest ones, expire before the preparation starts.
                this.nanos.addAndGet(2_000_000_000L);
                soon = Long.MAX_VALUE;
            }
        }
        setBoth("new", policy);
        assertThat(this.prepared.size()).isEqualTo(this.exact.size());
        assertThat(keys(this.prepared)).isEqualTo(keys(this.exact));
        assertThat(this.prepared.expirations()).isEqualTo(this.exact.expirations()).isPositive();
        assertThat(this.prepared.evictions()).isEqualTo(this.exact.evictions());
        assertThat(this.prepared.preparedCulls()).isEqualTo(1);
    }

    @Test
    void cullFrequencyZeroStillClearsEverything() {
        CullPolicy policy = new CullPolicy(MAX_ENTRIES, 0);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i <= MAX_ENTRIES; i++) {
            keys.add("k" + i);
            setBoth("k" + i, policy);
        }
        assertThat(this.prepared.size()).isEqualTo(1).isEqualTo(this.exact.size());
        assertThat(keys(this.prepared)).containsExactly(keys.get(MAX_ENTRIES));
    }
}
