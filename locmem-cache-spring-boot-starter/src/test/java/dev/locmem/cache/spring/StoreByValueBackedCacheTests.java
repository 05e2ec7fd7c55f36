package dev.locmem.cache.spring;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;

/** The Spring cache contract over a {@link LocMemCache} that stores serialized copies of values. */
class StoreByValueBackedCacheTests extends AbstractCacheBackendCacheTests {

    @Override
    protected CacheBackend createBackend() {
        return LocMemCache.builder().stores(LocMemStores.create()).storeByValue(true).build();
    }
}
