package dev.locmem.cache;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when a test says so, so that expiry is tested without sleeping. Thread-safe. */
final class FakeTicker implements Ticker {

    // Far from zero, and not a multiple of a second, so that nothing relies on the ticker's origin.
    private final AtomicLong nanos = new AtomicLong(1_234_567_890_123L);

    @Override
    public long read() {
        return this.nanos.get();
    }

    void advance(Duration duration) {
        this.nanos.addAndGet(duration.toNanos());
    }

    void advanceNanos(long nanos) {
        this.nanos.addAndGet(nanos);
    }

    void advanceSeconds(long seconds) {
        advance(Duration.ofSeconds(seconds));
    }
}
