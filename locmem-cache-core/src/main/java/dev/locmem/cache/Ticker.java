package dev.locmem.cache;

/**
 * The source of time for expiry, in nanoseconds on an arbitrary but fixed origin (like {@link System#nanoTime()}).
 * Tests inject their own so that expiry can be tested without sleeping.
 */
@FunctionalInterface
public interface Ticker {

    /**
     * Reads the time.
     * @return nanoseconds since a fixed origin
     */
    long read();

    /**
     * The ticker that caches use by default: a clock that a background daemon thread refreshes about every
     * millisecond, so that a read costs one memory load instead of a call to {@link System#nanoTime()}. Expiry is
     * therefore accurate to about a millisecond. The thread runs only while caches that use this ticker are open;
     * without it, reads fall back to {@link System#nanoTime()}.
     * @return the shared coarse ticker
     */
    static Ticker system() {
        return CoarseTicker.INSTANCE;
    }
}
