package dev.locmem.cache.spring;

import org.junit.jupiter.api.Test;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.testsupport.ReachableMapBackend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Spring cache contract over a backend that is not a local-memory cache (as Redis's is not): the adapter
 * coordinates loads and counts statistics itself.
 */
class RemoteBackedCacheTests extends AbstractCacheBackendCacheTests {

    @Override
    protected CacheBackend createBackend() {
        return new ReachableMapBackend();
    }

    @Test
    void aKeyWithoutATextFormIsRefusedByABackendThatStoresText() {
        CacheBackendCache cache = new CacheBackendCache("books", new ReachableMapBackend());
        Object key = new Object();
        assertThatIllegalArgumentException().isThrownBy(() -> cache.put(key, "value"))
            .withMessageContaining("java.lang.Object")
            .withMessageContaining("key expression");
    }

    @Test
    void hitsMissesAndPutsAreTheBackendsOwnCounts() {
        CacheBackendCache cache = new CacheBackendCache("books", new ReachableMapBackend());
        cache.put("a", "1");
        cache.get("a");
        cache.get("b");
        cache.get("c", () -> "loaded");
        cache.get("c", () -> "loaded");
        assertThat(cache.hasStoreStatistics()).isFalse();
        assertThat(cache.stats().hits()).isEqualTo(2);
        assertThat(cache.stats().misses()).isEqualTo(2);
        assertThat(cache.stats().puts()).isEqualTo(2);
    }
}
