package dev.locmem.cache.locmem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uses of a prepared cull's victims between the preparation's scan and the cull, in one thread, against the same
 * operations on a store that culls exactly, in the set, as Django does: a get, set or incr of a victim saves it as the
 * exact cull's LRU order would, as long as the preparation's spares can replace the victims saved; beyond them the
 * cull still happens in the set, prepared, and takes as many entries as the exact one.
 */
class PreparedCullRescueTest {

    private static final int MAX_ENTRIES = 3_000;

    private static final CullPolicy POLICY = new CullPolicy(MAX_ENTRIES, 3);

    /** The cull's victims: the oldest keys, {@code k0} to {@code k999}, since keys are inserted in order. */
    private static final int VICTIMS = POLICY.victims(MAX_ENTRIES);

    private static final int STRIPE = ThreadStripe.current();

    private final AtomicLong nanos = new AtomicLong(1_234_567_890_123L);

    private final LocMemStore prepared = new LocMemStore("prepared", this.nanos::get, 1_000);

    private final LocMemStore exact = new LocMemStore("exact", this.nanos::get, Integer.MAX_VALUE);

    private final KeySpace preparedSpace = this.prepared.pinnedSpace(":1:");

    private final KeySpace exactSpace = this.exact.pinnedSpace(":1:");

    /** Both stores one insert short of full, the next cull prepared: its victims marked, its spares ordered. */
    @BeforeEach
    void fillUpToTheStretchBeforeTheCull() {
        for (int i = 0; i < MAX_ENTRIES - 1; i++) {
            setBoth("k" + i);
        }
        assertThat(this.prepared.preparationPhase()).isEqualTo(CullPreparation.Phase.PREPARED);
    }

    private long now() {
        return this.nanos.get();
    }

    private void setBoth(String key) {
        setBoth(key, Long.MAX_VALUE);
    }

    private void setBoth(String key, long deadline) {
        set(this.prepared, this.preparedSpace, key, deadline);
        set(this.exact, this.exactSpace, key, deadline);
    }

    private void set(LocMemStore store, KeySpace space, String key, long deadline) {
        if (!store.overwrite(space, key, key, deadline, now(), POLICY)) {
            store.insert(space, key, key, deadline, now(), POLICY);
        }
    }

    private void getBoth(String key) {
        assertThat(this.prepared.read(this.preparedSpace, key, STRIPE)).as("get %s", key).isEqualTo(key);
        assertThat(this.exact.read(this.exactSpace, key, STRIPE)).as("get %s", key).isEqualTo(key);
    }

    /** The last insert before the store is full, then the set that culls. */
    private void insertThroughTheCull() {
        setBoth("k" + (MAX_ENTRIES - 1));
        setBoth("k" + MAX_ENTRIES);
        assertThat(this.prepared.preparedCulls()).isEqualTo(1);
        assertThat(this.prepared.exactCulls()).isZero();
        assertThat(this.exact.exactCulls()).isEqualTo(1);
    }

    private static Set<String> keys(LocMemStore store) {
        Set<String> keys = new HashSet<>();
        store.entriesByMadeKey().values().forEach((entry) -> keys.add((String) entry.key));
        return keys;
    }

    private void assertSameContentsAndCounts() {
        assertThat(keys(this.prepared)).isEqualTo(keys(this.exact));
        assertThat(this.prepared.size()).isEqualTo(this.exact.size())
                .isEqualTo(this.prepared.entriesByMadeKey().size()).isLessThanOrEqualTo(MAX_ENTRIES);
        assertThat(this.prepared.evictions()).isEqualTo(this.exact.evictions());
    }

    @Test
    void getsOfVictimsBeforeTheCullSaveThemAsInTheExactCull() {
        for (int i = 0; i < 50; i++) {
            getBoth("k" + (i * 7));
        }
        insertThroughTheCull();
        assertThat(this.prepared.savedVictims()).isEqualTo(50);
        for (int i = 0; i < 50; i++) {
            assertThat(this.prepared.read(this.preparedSpace, "k" + (i * 7), STRIPE)).isEqualTo("k" + (i * 7));
        }
        assertSameContentsAndCounts();
    }

    @Test
    void theInsertsBeforeTheCullSaveTheNotedVictimsAFewAtATimeAndTheCullTheRest() {
        for (int i = 0; i < 50; i++) {
            getBoth("k" + (i * 7));
        }
        assertThat(this.prepared.savedAheadOfTheCull()).isZero();

        setBoth("k" + (MAX_ENTRIES - 1));
        assertThat(this.prepared.savedAheadOfTheCull()).isEqualTo(CullPreparation.SAVES_PER_STEP);

        setBoth("k" + MAX_ENTRIES);
        assertThat(this.prepared.preparedCulls()).isEqualTo(1);
        assertThat(this.prepared.savedVictims()).isEqualTo(50);
        assertSameContentsAndCounts();
    }

    @Test
    void setsOfVictimsBeforeTheCullSaveThemAsInTheExactCull() {
        for (int i = 0; i < 50; i++) {
            setBoth("k" + (i * 11));
        }
        insertThroughTheCull();
        assertThat(keys(this.prepared)).contains("k0", "k11", "k539");
        assertSameContentsAndCounts();
    }

    @Test
    void incrementsOfVictimsBeforeTheCullSaveThemAsInTheExactCull() {
        for (int i = 0; i < 50; i++) {
            assertThat(this.prepared.update(this.preparedSpace, "k" + (i * 13), (value) -> value)).isNotNull();
            assertThat(this.exact.update(this.exactSpace, "k" + (i * 13), (value) -> value)).isNotNull();
        }
        insertThroughTheCull();
        assertThat(keys(this.prepared)).contains("k0", "k13", "k637");
        assertSameContentsAndCounts();
    }

    @Test
    void peeksAndHasKeysOfVictimsAreNoUsesAndSaveNothing() {
        for (int i = 0; i < 50; i++) {
            String key = "k" + i;
            assertThat(this.prepared.peek(this.preparedSpace, key)).isEqualTo(key);
            assertThat(this.prepared.contains(this.preparedSpace, key)).isTrue();
            assertThat(this.exact.peek(this.exactSpace, key)).isEqualTo(key);
            assertThat(this.exact.contains(this.exactSpace, key)).isTrue();
        }
        insertThroughTheCull();
        assertThat(keys(this.prepared)).doesNotContain("k0", "k49");
        assertSameContentsAndCounts();
    }

    @Test
    void victimsDeletedBeforeTheCullAreReplacedAndUsedOnesSavedAsInTheExactCull() {
        for (int i = 0; i < 30; i++) {
            assertThat(this.prepared.delete(this.preparedSpace, "k" + (i * 5 + 1), now())).isTrue();
            assertThat(this.exact.delete(this.exactSpace, "k" + (i * 5 + 1), now())).isTrue();
        }
        for (int i = 0; i < 40; i++) {
            getBoth("k" + (i * 5));
        }
        // Back to one short of full.
        for (int i = 0; i < 30; i++) {
            setBoth("n" + i);
        }
        insertThroughTheCull();
        assertSameContentsAndCounts();
    }

    @Test
    void getsOfMoreVictimsThanSparesSaveTheFirstOnesAndTheCullStaysPreparedAndExactInCount() {
        List<String> used = new ArrayList<>();
        for (int i = 0; i < VICTIMS / 2; i++) {
            String key = "k" + (2 * i);
            used.add(key);
            getBoth(key);
        }
        insertThroughTheCull();
        Set<String> kept = keys(this.prepared);
        int saved = (int) used.stream().filter(kept::contains).count();
        assertThat(saved).isPositive().isLessThan(used.size()).isEqualTo(this.prepared.savedVictims());
        // The first uses are the ones saved: each in exchange for a spare, until they run out.
        assertThat(used.subList(0, saved)).allMatch(kept::contains);
        assertThat(used.subList(saved, used.size())).noneMatch(kept::contains);
        assertThat(keys(this.exact)).containsAll(used);
        assertThat(this.prepared.size()).isEqualTo(this.exact.size())
                .isEqualTo(this.prepared.entriesByMadeKey().size()).isLessThanOrEqualTo(MAX_ENTRIES);
        assertThat(this.prepared.evictions()).isEqualTo(this.exact.evictions()).isEqualTo(VICTIMS);
        for (String key : used.subList(saved, used.size())) {
            assertThat(this.prepared.read(this.preparedSpace, key, STRIPE)).isSameAs(LocMemStore.ABSENT);
        }
    }

    @Test
    void aVictimSavedOnceIsNotedOnceHoweverOftenItIsUsed() {
        for (int r = 0; r < 500; r++) {
            getBoth("k0");
        }
        for (int i = 1; i < 50; i++) {
            getBoth("k" + i);
        }
        insertThroughTheCull();
        assertThat(keys(this.prepared)).contains("k0", "k49");
        assertSameContentsAndCounts();
    }

    @Test
    void victimsSavedInOneCullAreCulledLaterInTheirOrderOfUse() {
        for (int i = 0; i < 50; i++) {
            getBoth("k" + i);
        }
        insertThroughTheCull();
        int next = MAX_ENTRIES + 1;
        for (int cull = 0; cull < 3; cull++) {
            long culls = this.prepared.preparedCulls();
            while (this.prepared.preparedCulls() == culls) {
                setBoth("k" + next++);
            }
            assertSameContentsAndCounts();
        }
        assertThat(this.prepared.exactCulls()).isZero();
    }

    @Test
    void usedSparesAreNotCulledInThePlaceOfSavedVictims() {
        // The spares are the next oldest keys after the victims: k1000 on.
        for (int i = 0; i < 20; i++) {
            getBoth("k" + (VICTIMS + i));
        }
        for (int i = 0; i < 40; i++) {
            getBoth("k" + (i * 3));
        }
        insertThroughTheCull();
        assertThat(keys(this.prepared)).contains("k1000", "k1019", "k0", "k117");
        assertSameContentsAndCounts();
    }

    @Test
    void aSetOfAVictimFoundExpiredByTheScanSavesItAndItCountsAsNoExpiration() {
        insertThroughTheCull();
        // Ten keys expire before the next preparation's scan; then five of them are set again, for good, before the
        // next cull.
        for (int i = 0; i < 10; i++) {
            setBoth("k" + (VICTIMS + i), now() + 1_000_000_000L);
        }
        this.nanos.addAndGet(2_000_000_000L);
        int next = MAX_ENTRIES + 1;
        while (this.prepared.size() < MAX_ENTRIES - 1) {
            setBoth("k" + next++);
        }
        assertThat(this.prepared.preparationPhase()).isEqualTo(CullPreparation.Phase.PREPARED);
        for (int i = 0; i < 5; i++) {
            setBoth("k" + (VICTIMS + i));
        }
        setBoth("k" + next++);
        setBoth("k" + next);
        assertThat(this.prepared.preparedCulls()).isEqualTo(2);
        assertThat(this.prepared.exactCulls()).isZero();
        assertThat(keys(this.prepared)).contains("k1000", "k1004").doesNotContain("k1005", "k1009");
        assertSameContentsAndCounts();
        assertThat(this.prepared.expirations()).isEqualTo(this.exact.expirations()).isEqualTo(5);
    }
}
