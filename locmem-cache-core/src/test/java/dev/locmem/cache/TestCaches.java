package dev.locmem.cache;

/** Builds local-memory caches for tests: isolated stores and a fake clock unless a test asks otherwise. */
final class TestCaches {

    private TestCaches() {
    }

    /** What {@link LocMemCache#fromSettings} builds, on the given clock (which it has no setting for). */
    static LocMemCache fromSettings(CacheSettings settings, LocMemStores stores, Ticker ticker, boolean storeByValue) {
        return LocMemCache.builder().aliasSettings(settings).stores(stores).ticker(ticker)
                .location(settings.location())
                .maxEntries(settings.intOption(CacheSettings.MAX_ENTRIES, LocMemCache.DEFAULT_MAX_ENTRIES))
                .cullFrequency(settings.intOption(CacheSettings.CULL_FREQUENCY, LocMemCache.DEFAULT_CULL_FREQUENCY))
                .storeByValue(storeByValue)
                .build();
    }
}
