package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The threshold of a cull: the k-th smallest stamp, by which the k least recently used entries are chosen. */
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
}
