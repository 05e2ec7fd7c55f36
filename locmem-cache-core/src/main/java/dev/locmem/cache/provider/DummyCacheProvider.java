package dev.locmem.cache.provider;

import java.util.List;
import java.util.TreeSet;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.DummyCache;
import dev.locmem.cache.InvalidCacheSettingException;
import dev.locmem.cache.LocMemCache;

/**
 * Provides backend {@code dummy}: a {@link DummyCache}, which keeps nothing. Like Django's {@code DummyCache}, it
 * accepts and ignores the local-memory options ({@link LocMemCache#OPTIONS}), so that an alias can switch between
 * {@code locmem} and {@code dummy} by its backend alone; any other option is refused.
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

    /** The locmem options, which this backend accepts and ignores. */
    @Override
    public List<CacheBackendOption> options() {
        return LocMemCacheProvider.OPTIONS;
    }

    /** Refuses any option but the locmem ones, saying that they are ignored; their values are not looked at. */
    @Override
    public void validate(CacheSettings settings) {
        for (String option : settings.options().keySet()) {
            if (!LocMemCache.OPTIONS.contains(option)) {
                throw InvalidCacheSettingException.accepting(InvalidCacheSettingException.option(option),
                        settings.options().get(option), "Unknown option '" + option + "' for the dummy backend, which "
                        + "accepts and ignores only the locmem options " + new TreeSet<>(LocMemCache.OPTIONS),
                        "options " + new TreeSet<>(LocMemCache.OPTIONS) + " for backends locmem and dummy");
            }
        }
    }

    @Override
    public CacheBackend create(CacheSettings settings) {
        validate(settings);
        return new DummyCache(settings);
    }
}
