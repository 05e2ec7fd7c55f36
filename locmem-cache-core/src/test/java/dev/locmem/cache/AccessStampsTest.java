package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Stamps of use: strictly growing within a thread, and ordered by time (to ~1 ms) across threads. */
class AccessStampsTest {

    @Test
    void withinAThreadEveryStampIsLargerThanTheOneBefore() {
        long previous = AccessStamps.next(1_000_000_000L);
        long[] times = { 1_000_000_000L, 1_000_000_000L, 999_000_000L, 0L, -5L, 1_000_000_001L };
        for (long now : times) {
            long stamp = AccessStamps.next(now);
            assertThat(stamp).as("stamp at %d", now).isGreaterThan(previous);
            previous = stamp;
        }
    }

    @Test
    void aThreadUsingAKeyMillisecondsLaterStampsItLaterThanAnotherThreadDid() throws InterruptedException {
        // Later than any clock of the other tests: stamps of a stripe never go back, whatever time it saw before.
        long now = 1L << 60;
        AtomicLong other = new AtomicLong();
        Thread thread = new Thread(() -> other.set(AccessStamps.next(now)));
        thread.start();
        thread.join(10_000);
        assertThat(AccessStamps.next(now + 4_000_000L)).isGreaterThan(other.get());
    }
}
