package dev.locmem.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a value lives in the cache: Django's {@code timeout} argument.
 *
 * <p>{@link #DEFAULT} means the cache's own default (300 seconds unless configured), {@link #NEVER} is Django's
 * {@code None}, and a zero or negative timeout expires at once: the value is not kept.
 */
public final class Timeout {

    /** The cache's default timeout (Django's {@code DEFAULT_TIMEOUT}). */
    public static final Timeout DEFAULT = new Timeout(Kind.DEFAULT, 0);

    /** Never expires (Django's {@code None}). */
    public static final Timeout NEVER = new Timeout(Kind.NEVER, 0);

    private static final Timeout EXPIRED = new Timeout(Kind.FINITE, 0);

    private enum Kind { DEFAULT, NEVER, FINITE }

    private final Kind kind;

    private final long nanos;

    private Timeout(Kind kind, long nanos) {
        this.kind = kind;
        this.nanos = nanos;
    }

    /**
     * A timeout of whole seconds.
     * @param seconds how long; zero or negative expires at once
     * @return the timeout
     */
    public static Timeout ofSeconds(long seconds) {
        return of(Duration.ofSeconds(seconds));
    }

    /**
     * A timeout of any duration.
     * @param duration how long; zero or negative expires at once
     * @return the timeout
     */
    public static Timeout of(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isZero() || duration.isNegative()) {
            return EXPIRED;
        }
        long nanos;
        try {
            nanos = duration.toNanos();
        }
        catch (ArithmeticException tooLong) {
            // Longer than 292 years: for a cache, that is never.
            return NEVER;
        }
        return new Timeout(Kind.FINITE, nanos);
    }

    /**
     * Tells whether this is {@link #DEFAULT}.
     * @return {@code true} for the cache's default
     */
    public boolean isDefault() {
        return this.kind == Kind.DEFAULT;
    }

    /**
     * Tells whether this is {@link #NEVER}.
     * @return {@code true} when values never expire
     */
    public boolean isNever() {
        return this.kind == Kind.NEVER;
    }

    /**
     * Tells whether a value with this timeout expires at once (zero or negative).
     * @return {@code true} when nothing is kept
     */
    public boolean isExpired() {
        return this.kind == Kind.FINITE && this.nanos == 0;
    }

    /**
     * Returns the length of a finite timeout.
     * @return the duration; {@link Duration#ZERO} for one that expires at once
     * @throws IllegalStateException for {@link #DEFAULT} and {@link #NEVER}
     */
    public Duration toDuration() {
        if (this.kind != Kind.FINITE) {
            throw new IllegalStateException("Timeout." + this.kind + " has no fixed duration");
        }
        return Duration.ofNanos(this.nanos);
    }

    /**
     * Returns this timeout, or {@code defaultTimeout} when this is {@link #DEFAULT}.
     * @param defaultTimeout the cache's default, which must not itself be {@link #DEFAULT}
     * @return a timeout that is never {@link #DEFAULT}
     */
    public Timeout orDefault(Timeout defaultTimeout) {
        return isDefault() ? defaultTimeout : this;
    }

    /**
     * The deadline of a value stored at {@code now} with this timeout, on the scale of {@code now}.
     * {@link #NEVER} gives {@link Long#MAX_VALUE}; an expired timeout gives {@code now}, which is already past.
     * @param now a {@link Ticker}'s time now
     * @return the ticker time at which the value expires
     */
    public long deadlineFrom(long now) {
        if (this.kind == Kind.NEVER) {
            return Long.MAX_VALUE;
        }
        if (this.kind == Kind.DEFAULT) {
            throw new IllegalStateException("Timeout.DEFAULT must be resolved before it is applied");
        }
        long deadline = now + this.nanos;
        // Saturate: a deadline past the end of the clock never comes.
        return (deadline < now) ? Long.MAX_VALUE : deadline;
    }

    @Override
    public boolean equals(Object other) {
        return (this == other) || (other instanceof Timeout that && this.kind == that.kind && this.nanos == that.nanos);
    }

    @Override
    public int hashCode() {
        return Objects.hash(this.kind, this.nanos);
    }

    @Override
    public String toString() {
        return switch (this.kind) {
            case DEFAULT -> "Timeout.DEFAULT";
            case NEVER -> "Timeout.NEVER";
            case FINITE -> "Timeout[" + Duration.ofNanos(this.nanos) + "]";
        };
    }
}
