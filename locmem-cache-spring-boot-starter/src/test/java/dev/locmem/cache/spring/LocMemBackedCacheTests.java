package dev.locmem.cache.spring;

import org.junit.jupiter.api.Test;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The Spring cache contract over a {@link LocMemCache}, plus what is particular to local memory. */
class LocMemBackedCacheTests extends AbstractCacheBackendCacheTests {

    @Override
    protected CacheBackend createBackend() {
        return LocMemCache.builder().stores(LocMemStores.create()).build();
    }

    @Test
    void statisticsAreTheLocalMemoryCaches() {
        LocMemCache backend = LocMemCache.builder().stores(LocMemStores.create()).build();
        CacheBackendCache cache = new CacheBackendCache("books", backend);
        cache.put("a", "1");
        cache.get("a");
        cache.get("b");
        assertThat(cache.hasStoreStatistics()).isTrue();
        assertThat(cache.stats()).isEqualTo(backend.stats());
        assertThat(cache.stats().hits()).isEqualTo(1);
        assertThat(cache.stats().misses()).isEqualTo(1);
        assertThat(cache.stats().puts()).isEqualTo(1);
        assertThat(cache.stats().size()).isEqualTo(1);
    }

    @Test
    void getWithLoaderCountsOneMissAndOnePutForALoad() {
        LocMemCache backend = LocMemCache.builder().stores(LocMemStores.create()).build();
        CacheBackendCache cache = new CacheBackendCache("books", backend);
        cache.get("a", () -> "loaded");
        cache.get("a", () -> "loaded");
        assertThat(cache.stats().misses()).isEqualTo(1);
        assertThat(cache.stats().hits()).isEqualTo(1);
        assertThat(cache.stats().puts()).isEqualTo(1);
    }

    @Test
    void invalidateTellsWhetherTheStoreHeldEntries() {
        CacheBackendCache cache = new CacheBackendCache("books",
                LocMemCache.builder().stores(LocMemStores.create()).build());
        assertThat(cache.invalidate()).isFalse();
        cache.put("a", "1");
        assertThat(cache.invalidate()).isTrue();
    }

    @Test
    void aZeroTimeoutCachesNothingAndNeverFails() {
        CacheBackendCache cache = new CacheBackendCache("books",
                LocMemCache.builder().stores(LocMemStores.create()).timeout(Timeout.ofSeconds(0)).build());
        cache.put("a", "1");
        assertThat(cache.get("a")).isNull();
        assertThat(cache.get("b", () -> "loaded")).isEqualTo("loaded");
        assertThat(cache.get("b")).isNull();
        assertThat(cache.putIfAbsent("c", "1")).isNull();
        assertThat(cache.retrieve("d", () -> java.util.concurrent.CompletableFuture.completedFuture("x")).join())
            .isEqualTo("x");
        assertThat(cache.get("d")).isNull();
    }

    @Test
    void stringKeysAreTheLowLevelApisKeys() {
        LocMemCache backend = LocMemCache.builder().stores(LocMemStores.create()).build();
        CacheBackendCache cache = new CacheBackendCache("books", backend);
        cache.put("isbn-1", "Dune");
        backend.set("isbn-2", "Emma");
        assertThat(backend.get("isbn-1")).isEqualTo("Dune");
        assertThat(cache.get("isbn-2", String.class)).isEqualTo("Emma");
    }
}
