package dev.locmem.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Django's timeout argument: DEFAULT, None (NEVER), zero or negative (expired at once), or a length. */
class TimeoutTest {

    @Test
    void defaultIsOnlyDefault() {
        assertThat(Timeout.DEFAULT.isDefault()).isTrue();
        assertThat(Timeout.DEFAULT.isNever()).isFalse();
        assertThat(Timeout.DEFAULT.isExpired()).isFalse();
    }

    @Test
    void neverIsOnlyNever() {
        assertThat(Timeout.NEVER.isNever()).isTrue();
        assertThat(Timeout.NEVER.isDefault()).isFalse();
        assertThat(Timeout.NEVER.isExpired()).isFalse();
    }

    @Test
    void zeroOrNegativeExpiresAtOnce() {
        assertThat(Timeout.ofSeconds(0).isExpired()).isTrue();
        assertThat(Timeout.ofSeconds(-5).isExpired()).isTrue();
        assertThat(Timeout.of(Duration.ofNanos(-1)).isExpired()).isTrue();
        assertThat(Timeout.ofSeconds(-5)).isEqualTo(Timeout.ofSeconds(0));
        assertThat(Timeout.ofSeconds(0).toDuration()).isZero();
    }

    @Test
    void aPositiveLengthIsKeptToTheNanosecond() {
        Timeout timeout = Timeout.of(Duration.ofMillis(1500).plusNanos(7));
        assertThat(timeout.isExpired()).isFalse();
        assertThat(timeout.toDuration()).isEqualTo(Duration.ofMillis(1500).plusNanos(7));
        assertThat(Timeout.ofSeconds(300).toDuration()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aLengthBeyondWhatNanosecondsHoldIsNever() {
        assertThat(Timeout.ofSeconds(Long.MAX_VALUE)).isSameAs(Timeout.NEVER);
        assertThat(Timeout.of(Duration.ofDays(365L * 1000))).isSameAs(Timeout.NEVER);
    }

    @Test
    void defaultAndNeverHaveNoDuration() {
        assertThatIllegalStateException().isThrownBy(Timeout.DEFAULT::toDuration).withMessageContaining("DEFAULT");
        assertThatIllegalStateException().isThrownBy(Timeout.NEVER::toDuration).withMessageContaining("NEVER");
    }

    @Test
    void orDefaultReplacesOnlyDefault() {
        Timeout fallback = Timeout.ofSeconds(10);
        assertThat(Timeout.DEFAULT.orDefault(fallback)).isSameAs(fallback);
        assertThat(Timeout.NEVER.orDefault(fallback)).isSameAs(Timeout.NEVER);
        assertThat(Timeout.ofSeconds(3).orDefault(fallback)).isEqualTo(Timeout.ofSeconds(3));
    }

    @Test
    void equalLengthsAreEqual() {
        assertThat(Timeout.ofSeconds(5)).isEqualTo(Timeout.of(Duration.ofSeconds(5)))
                .hasSameHashCodeAs(Timeout.of(Duration.ofMillis(5000)));
        assertThat(Timeout.ofSeconds(5)).isNotEqualTo(Timeout.ofSeconds(6)).isNotEqualTo(Timeout.NEVER);
        assertThat(Timeout.DEFAULT).isNotEqualTo(Timeout.NEVER).isNotEqualTo(Timeout.ofSeconds(0));
    }

    @Test
    void toStringSaysWhatItIs() {
        assertThat(Timeout.DEFAULT).hasToString("Timeout.DEFAULT");
        assertThat(Timeout.NEVER).hasToString("Timeout.NEVER");
        assertThat(Timeout.ofSeconds(90)).hasToString("Timeout[PT1M30S]");
    }

    @Test
    void nullDurationIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> Timeout.of(null)).withMessage("duration");
    }

    @Test
    void deadlineIsNowPlusTheLength() {
        assertThat(Timeout.ofSeconds(2).deadlineFrom(1_000)).isEqualTo(2_000_001_000L);
        assertThat(Timeout.ofSeconds(0).deadlineFrom(1_000)).isEqualTo(1_000);
        assertThat(Timeout.ofSeconds(2).deadlineFrom(-5_000_000_000L)).isEqualTo(-3_000_000_000L);
    }

    @Test
    void deadlineOfNeverIsTheEndOfTime() {
        assertThat(Timeout.NEVER.deadlineFrom(42)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void deadlinePastTheEndOfTheClockSaturates() {
        assertThat(Timeout.ofSeconds(10).deadlineFrom(Long.MAX_VALUE - 5)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void defaultMustBeResolvedBeforeADeadline() {
        assertThatIllegalStateException().isThrownBy(() -> Timeout.DEFAULT.deadlineFrom(0));
    }
}
