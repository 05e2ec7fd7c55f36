package dev.locmem.cache.locmem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Counts of hits, misses and puts: exact whether a thread owns its stripe's cell or counts in the overflow, never
 * going back while threads count, and cells passing from an ended owner to a live thread of its stripe.
 */
class CallCountersTest {

    /** Enough counts that a check of the owner, made on about one count in TAKEOVER_ODDS, surely happens. */
    private static final int MANY = 100 * CallCounters.TAKEOVER_ODDS;

    private final CallCounters counters = new CallCounters();

    @Test
    void oneThreadsCountsAreExactAndKeptApart() {
        for (int i = 0; i < 5; i++) {
            this.counters.read(ThreadStripe.current(), true);
        }
        this.counters.read(ThreadStripe.current(), false);
        this.counters.read(ThreadStripe.current(), false);
        this.counters.put();

        assertThat(this.counters.hits()).isEqualTo(5);
        assertThat(this.counters.misses()).isEqualTo(2);
        assertThat(this.counters.puts()).isEqualTo(1);
    }

    @Test
    void aThreadWhoseStripeAnotherThreadOwnsStillCounts() throws InterruptedException {
        this.counters.read(ThreadStripe.current(), true);
        this.counters.put();

        // A second thread of this thread's stripe: the cell is this thread's, so that one counts in the overflow.
        Thread other = threadOfStripe(ThreadStripe.current(), () -> {
            this.counters.read(ThreadStripe.current(), true);
            this.counters.put();
            this.counters.put();
        });
        other.start();
        other.join(10_000);
        this.counters.read(ThreadStripe.current(), true);

        assertThat(this.counters.hits()).isEqualTo(3);
        assertThat(this.counters.puts()).isEqualTo(3);
    }

    @Test
    void theCellOfAnEndedOwnerPassesToAThreadOfItsStripe() throws InterruptedException {
        Thread first = threadOfStripe(0, () -> this.counters.read(0, true));
        first.start();
        first.join(10_000);
        assertThat(this.counters.ownerOf(0)).isSameAs(first);

        Thread second = countManyHitsOnStripeZero();

        assertThat(this.counters.ownerOf(0)).isSameAs(second);
        assertThat(this.counters.hits()).isEqualTo(1 + MANY);
    }

    @Test
    void theCellOfALiveOwnerStaysItsOwn() throws InterruptedException {
        CountDownLatch counted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread first = threadOfStripe(0, () -> {
            this.counters.read(0, true);
            counted.countDown();
            await(release);
        });
        first.start();
        try {
            assertThat(counted.await(10, TimeUnit.SECONDS)).as("first thread counted").isTrue();
            countManyHitsOnStripeZero();

            assertThat(this.counters.ownerOf(0)).isSameAs(first);
            assertThat(this.counters.hits()).isEqualTo(1 + MANY);
        }
        finally {
            release.countDown();
            first.join(10_000);
        }
    }

    @Test
    void moreThreadsThanStripesCountingTogetherLoseNoCount() throws Exception {
        // Four threads a stripe on average: many stripes have an owner and threads counting in the overflow.
        int threads = 4 * ThreadStripe.COUNT;
        int each = 20_000;
        runTogether(threads, () -> {
            int stripe = ThreadStripe.current();
            for (int i = 0; i < each; i++) {
                this.counters.read(stripe, true);
                if (i % 2 == 0) {
                    this.counters.read(ThreadStripe.current(), false);
                }
                if (i % 4 == 0) {
                    this.counters.put();
                }
            }
        });

        assertThat(this.counters.hits()).isEqualTo((long) threads * each);
        assertThat(this.counters.misses()).isEqualTo((long) threads * each / 2);
        assertThat(this.counters.puts()).isEqualTo((long) threads * each / 4);
    }

    @Test
    void aSumReadWhileThreadsCountNeverGoesBack() throws Exception {
        int threads = 2 * ThreadStripe.COUNT;
        int each = 50_000;
        CountDownLatch counting = new CountDownLatch(1);
        AtomicReference<String> wentBack = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            long last = 0;
            while (counting.getCount() > 0) {
                long now = this.counters.hits();
                if (now < last) {
                    wentBack.set(last + " then " + now);
                }
                last = now;
            }
        });
        reader.start();
        try {
            runTogether(threads, () -> {
                for (int i = 0; i < each; i++) {
                    this.counters.read(ThreadStripe.current(), true);
                }
            });
        }
        finally {
            counting.countDown();
            reader.join(10_000);
        }

        assertThat(reader.isAlive()).as("reader stopped").isFalse();
        assertThat(wentBack.get()).as("hits read going back").isNull();
        assertThat(this.counters.hits()).isEqualTo((long) threads * each);
    }

    /** Runs {@code task} on {@code threads} threads released together; fails if they are not done in 30 s. */
    private static void runTogether(int threads, Runnable task) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> started = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                    task.run();
                }
                catch (Throwable ex) {
                    failure.compareAndSet(null, ex);
                }
            });
            thread.start();
            started.add(thread);
        }
        go.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread thread : started) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertThat(thread.isAlive()).as("counting threads done within 30 s").isFalse();
        }
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** Counts {@link #MANY} hits on a new thread of stripe 0, which has ended on return. */
    private Thread countManyHitsOnStripeZero() throws InterruptedException {
        Thread thread = threadOfStripe(0, () -> {
            for (int i = 0; i < MANY; i++) {
                this.counters.read(0, true);
            }
        });
        thread.start();
        thread.join(10_000);
        assertThat(thread.isAlive()).as("counting thread done").isFalse();
        return thread;
    }

    /** A new thread, not started, of stripe {@code stripe} that will run {@code action}. */
    private static Thread threadOfStripe(int stripe, Runnable action) {
        for (int attempt = 0; attempt < 100_000; attempt++) {
            Thread thread = new Thread(action);
            if (ThreadStripe.of(thread) == stripe) {
                return thread;
            }
        }
        throw new AssertionError("no thread of stripe " + stripe + " in 100000 attempts");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
