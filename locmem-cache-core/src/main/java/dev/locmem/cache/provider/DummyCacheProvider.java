package dev.locmem.cache.provider;

import java.util.List;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.DummyCache;
import dev.locmem.cache.LocMemCache;

/**
 * Provides backend {@code dummy}: a {@link DummyCache}, which keeps nothing. Like Django's {@code DummyCache}, it
 * accepts and ignores the local-memory options ({@link LocMemCache#OPTION_DECLARATIONS}), so that an alias can switch
 * between {@code locmem} and {@code dummy} by its backend alone; any other option is refused, and so is a value that
 * locmem would refuse, so that switching back cannot fail.
 */
public final class DummyCacheProvider implements CacheBackendProvider {

    /** The backend's name. */
    public static final String NAME = "dummy";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public DummyCacheProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The locmem options ({@link LocMemCache#OPTION_DECLARATIONS}), which this backend accepts and ignores. */
    @Override
    public List<CacheBackendOption> options() {
        return LocMemCache.OPTION_DECLARATIONS;
    }

    /** Refuses any option but the locmem ones, saying that both backends take them, and a value locmem refuses. */
    @Override
    public void validate(CacheSettings settings) {
        CacheBackendProvider.validateOptions(NAME, "backends locmem and dummy", options(), settings);
    }

    @Override
    public CacheBackend create(CacheSettings settings) {
        validate(settings);
        return new DummyCache(settings);
    }
}
