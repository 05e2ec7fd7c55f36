package dev.locmem.cache.spring;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.locmem.cache.CacheUnavailableException;
import dev.locmem.cache.testsupport.ReachableMapBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The two clears of a {@link CacheBackendCache} while its backend cannot be reached: {@code clear()} and
 * {@code invalidate()} fail open, as {@code @CacheEvict(allEntries = true)} needs; {@code clearOrFail()} says that
 * nothing was cleared. Both report the failure to the listener.
 */
class CacheBackendCacheClearTests {

    private final ReachableMapBackend backend = new ReachableMapBackend();

    private final List<String> failedOperations = new ArrayList<>();

    private CacheBackendCache cache;

    @BeforeEach
    void createCache() {
        this.cache = new CacheBackendCache("books", this.backend, true,
                (cache, operation, exception) -> this.failedOperations.add(operation));
        this.cache.put("key", "value");
    }

    @Test
    void clearFailsOpenWhileTheBackendIsDown() {
        this.backend.setReachable(false);

        this.cache.clear();

        assertThat(this.failedOperations).containsExactly("clear");
        assertThat(this.cache.isAvailable()).isFalse();
    }

    @Test
    void invalidateFailsOpenWhileTheBackendIsDown() {
        this.backend.setReachable(false);

        assertThat(this.cache.invalidate()).isFalse();

        assertThat(this.failedOperations).containsExactly("clear");
    }

    @Test
    void clearOrFailThrowsWhileTheBackendIsDown() {
        this.backend.setReachable(false);

        assertThatThrownBy(this.cache::clearOrFail).isInstanceOf(CacheUnavailableException.class);

        assertThat(this.failedOperations).containsExactly("clear");
        this.backend.setReachable(true);
        assertThat(this.cache.get("key")).isNotNull();
    }

    @Test
    void clearOrFailClearsWhileTheBackendAnswers() {
        this.cache.clearOrFail();

        assertThat(this.cache.get("key")).isNull();
        assertThat(this.failedOperations).isEmpty();
    }
}
