package dev.locmem.cache.locmem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Stamps of use: strictly growing within a thread, ordered by time (to ~1 ms) across threads, and not rewritten by a
 * read of an entry another thread used within {@link AccessStamps#SHARED_TICKS} ticks.
 */
class AccessStampsTest {

    /** One stamp tick of ticker time, about a millisecond. */
    private static final long TICK = 1L << 20;

    /**
     * Stamps of a stripe never go back, whatever time it saw before, and the stripes are shared by every test: each
     * test runs at a time of its own, later than any other test's clock.
     */
    private static final AtomicLong TIMES = new AtomicLong(1L << 60);

    private final long late = TIMES.addAndGet(1000 * TICK);

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
        AtomicLong other = new AtomicLong();
        onAnotherStripe((stripe) -> other.set(AccessStamps.next(this.late)));
        assertThat(AccessStamps.next(this.late + 4 * TICK)).isGreaterThan(other.get());
    }

    @Test
    void everyReadByTheThreadThatStampedAnEntryStampsItAgain() {
        Entry entry = entry();
        AccessStamps.write(entry, this.late);
        long first = entry.stamp;

        AccessStamps.read(entry, this.late);
        long second = entry.stamp;
        AccessStamps.read(entry, this.late);

        assertThat(second).isGreaterThan(first);
        assertThat(entry.stamp).isGreaterThan(second);
    }

    @Test
    void aReadByAnotherThreadLeavesARecentStampAndMarksTheEntryShared() throws InterruptedException {
        Entry entry = entry();
        AccessStamps.write(entry, this.late);
        long stamp = entry.stamp;

        onAnotherStripe((stripe) -> AccessStamps.read(entry, this.late + (AccessStamps.SHARED_TICKS - 1) * TICK));

        assertThat(entry.stamp).isEqualTo(stamp);
        assertThat(entry.stripe).isEqualTo(AccessStamps.SHARED);
    }

    @Test
    void theThreadThatStampedASharedEntryNoLongerStampsItOnRead() throws InterruptedException {
        Entry entry = entry();
        AccessStamps.write(entry, this.late);
        onAnotherStripe((stripe) -> AccessStamps.read(entry, this.late));
        long stamp = entry.stamp;

        AccessStamps.read(entry, this.late + TICK);

        assertThat(entry.stamp).isEqualTo(stamp);
    }

    @Test
    void aReadByAnotherThreadStampsAnEntryUsedLongerAgoThanTheSharedWindow() throws InterruptedException {
        Entry entry = entry();
        AccessStamps.write(entry, this.late);
        long stamp = entry.stamp;
        AtomicReference<Integer> reader = new AtomicReference<>();

        onAnotherStripe((stripe) -> {
            AccessStamps.read(entry, this.late + (AccessStamps.SHARED_TICKS + 1) * TICK);
            reader.set(stripe);
        });

        assertThat(entry.stamp).isGreaterThan(stamp);
        assertThat((int) entry.stripe).isEqualTo(reader.get());
    }

    @Test
    void aSharedEntryIsStampedAgainOnceItsStampAgesAndStaysShared() throws InterruptedException {
        Entry entry = entry();
        AccessStamps.write(entry, this.late);
        onAnotherStripe((stripe) -> AccessStamps.read(entry, this.late));
        long stamp = entry.stamp;

        AccessStamps.read(entry, this.late + (AccessStamps.SHARED_TICKS + 1) * TICK);
        long aged = entry.stamp;
        AccessStamps.read(entry, this.late + (AccessStamps.SHARED_TICKS + 2) * TICK);

        assertThat(aged).isGreaterThan(stamp);
        assertThat(entry.stamp).as("read again within the window").isEqualTo(aged);
        assertThat(entry.stripe).isEqualTo(AccessStamps.SHARED);
    }

    @Test
    void aWriteMakesASharedEntryOwnedAgain() throws InterruptedException {
        Entry entry = entry();
        AccessStamps.write(entry, this.late);
        onAnotherStripe((stripe) -> AccessStamps.read(entry, this.late));

        AccessStamps.write(entry, this.late + TICK);
        long written = entry.stamp;
        AccessStamps.read(entry, this.late + TICK);

        assertThat((int) entry.stripe).isEqualTo(ThreadStripe.current());
        assertThat(entry.stamp).isGreaterThan(written);
    }

    @Test
    void aWriteStampsEvenAnEntryAnotherThreadUsedJustNow() throws InterruptedException {
        Entry entry = entry();
        onAnotherStripe((stripe) -> AccessStamps.write(entry, this.late));
        long stamp = entry.stamp;

        // A tick later: within one tick, stamps of two stripes may be equal.
        AccessStamps.write(entry, this.late + TICK);

        assertThat(entry.stamp).isGreaterThan(stamp);
        assertThat((int) entry.stripe).isEqualTo(ThreadStripe.current());
    }

    private static Entry entry() {
        return new Entry(new KeySpace(""), "key", EntryTable.hash("key"), "value", Long.MAX_VALUE);
    }

    /**
     * Runs an action on a thread whose stripe differs from this thread's: threads of one stripe count as one, so a
     * thread that happens to share this one's stripe would not show the rules between threads.
     */
    private static void onAnotherStripe(Consumer<Integer> action) throws InterruptedException {
        int own = ThreadStripe.current();
        for (int attempt = 0; attempt < 1000; attempt++) {
            AtomicReference<Boolean> ran = new AtomicReference<>(false);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread thread = new Thread(() -> {
                int stripe = ThreadStripe.current();
                if (stripe != own) {
                    try {
                        action.accept(stripe);
                    }
                    catch (Throwable ex) {
                        failure.set(ex);
                    }
                    ran.set(true);
                }
            });
            thread.start();
            thread.join(10_000);
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            if (ran.get()) {
                return;
            }
        }
        throw new AssertionError("no thread of another stripe in 1000 attempts");
    }
}
