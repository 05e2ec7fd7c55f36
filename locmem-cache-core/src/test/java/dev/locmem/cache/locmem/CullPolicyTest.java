package dev.locmem.cache.locmem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A cull's decisions: when it is due, how many entries go, and which (by the threshold, the k-th smallest stamp, the k
 * least recently used).
 */
class CullPolicyTest {

    @Test
    void thresholdIsTheCountThSmallestStamp() {
        Random random = new Random(3);
        for (int round = 0; round < 500; round++) {
            int length = 1 + random.nextInt(60);
            long[] stamps = new long[length];
            for (int i = 0; i < length; i++) {
                // Few distinct values, so that equal stamps (threads sharing a stripe) come up often.
                stamps[i] = (round % 2 == 0) ? random.nextInt(8) : random.nextLong();
            }
            long[] sorted = stamps.clone();
            Arrays.sort(sorted);
            for (int count = 1; count <= length; count++) {
                long[] work = stamps.clone();
                assertThat(CullPolicy.threshold(work, length, count)).as("round %d, count %d of %s", round, count,
                        Arrays.toString(stamps)).isEqualTo(sorted[count - 1]);
            }
        }
    }

    @Test
    void onlyTheFirstLengthStampsAreCandidates() {
        long[] stamps = { 5, 3, 9, -100, -200 };
        assertThat(CullPolicy.threshold(stamps, 3, 1)).isEqualTo(3);
        assertThat(CullPolicy.threshold(stamps, 3, 3)).isEqualTo(9);
    }

    @Test
    void dueWhenTheStoreHoldsMaxEntriesAndRemovesAShareOfAtLeastOne() {
        CullPolicy policy = new CullPolicy(10, 3);
        assertThat(policy.isDue(9)).isFalse();
        assertThat(policy.isDue(10)).isTrue();
        assertThat(policy.clearsAll()).isFalse();
        assertThat(policy.victims(10)).isEqualTo(3);
        assertThat(new CullPolicy(2, 5).victims(2)).isEqualTo(1);
        assertThat(new CullPolicy(10, 0).clearsAll()).isTrue();
    }

    @Test
    void refusesWhatTheBuilderRefuses() {
        assertThatIllegalArgumentException().isThrownBy(() -> new CullPolicy(0, 3));
        assertThatIllegalArgumentException().isThrownBy(() -> new CullPolicy(1, -1));
    }

    @Test
    void choosesTheLeastRecentlyUsedAndJustEnoughOfThoseStampedAtTheThreshold() {
        KeySpace space = new KeySpace("");
        long[] stamps = { 7, 2, 5, 2, 9, 5, 1 };
        List<Entry> live = new ArrayList<>();
        for (int i = 0; i < stamps.length; i++) {
            Entry entry = new Entry(space, "k" + i, EntryTable.hash("k" + i), i, Long.MAX_VALUE);
            entry.stamp = stamps[i];
            live.add(entry);
        }
        assertThat(CullPolicy.leastRecentlyUsed(live, 3)).extracting((entry) -> entry.key)
                .containsExactlyInAnyOrder("k6", "k1", "k3");
        assertThat(CullPolicy.leastRecentlyUsed(live, 4)).extracting((entry) -> entry.key).hasSize(4)
                .contains("k6", "k1", "k3").containsAnyOf("k2", "k5");
    }
}
