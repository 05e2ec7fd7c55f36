package dev.locmem.benchmarks;

import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.spring.CacheBackendCache;

/**
 * Our Spring cache: the starter's {@link CacheBackendCache} (what {@code LocMemCacheManager} hands to
 * {@code @Cacheable}) over a LocMemCache configured as the {@code locmem} candidate, read through Spring's
 * {@code Cache} interface like the other {@code spring-*} candidates.
 */
final class SpringLocMem {

    private SpringLocMem() {
    }

    static boolean available() {
        return true;
    }

    static BenchCache create(int bound) {
        LocMemCache backend = LocMemCache.builder().stores(LocMemStores.create()).maxEntries(bound).build();
        return Candidates.spring(new CacheBackendCache("bench", backend));
    }
}
