package dev.locmem.cache.provider;

import java.util.List;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheCreationContext;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.InvalidCacheSettingException;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;

/**
 * Provides backend {@code locmem}: a {@link LocMemCache} with options {@code max-entries}, {@code cull-frequency}
 * and {@code store-by-value}. It owns their rules: {@link #validate} checks the options' values, and a name without
 * an alias gets a store of its own (location {@code <location>#<name>}) rather than a key prefix, so that it has its
 * own bound and its own cull.
 */
public final class LocMemCacheProvider implements CacheBackendProvider {

    /** The backend's name. */
    public static final String NAME = "locmem";

    /** What {@code max-entries} accepts, for the messages that refuse a value. */
    public static final String MAX_ENTRIES_ACCEPTED = "a whole number of 1 or more (default 300)";

    /** What {@code cull-frequency} accepts, for the messages that refuse a value. */
    public static final String CULL_FREQUENCY_ACCEPTED = "0 (a cull clears the whole store) or a whole number N of "
            + "1 or more (a cull removes 1/N of the entries; default 3)";

    /** The options of the locmem backend, which {@code dummy} accepts and ignores too. */
    static final List<CacheBackendOption> OPTIONS = List.of(
            new CacheBackendOption(CacheSettings.MAX_ENTRIES, Integer.class, LocMemCache.DEFAULT_MAX_ENTRIES,
                    "Most entries the store holds: storing a new key into a full store first culls it. At least 1. "
                            + "Cache names without an alias get a store of their own with this bound."),
            new CacheBackendOption(CacheSettings.CULL_FREQUENCY, Integer.class, LocMemCache.DEFAULT_CULL_FREQUENCY,
                    "Share of the store a cull removes: 1/cull-frequency of the entries, expired and least recently "
                            + "used first; 0 clears the whole store."),
            new CacheBackendOption(LocMemCache.STORE_BY_VALUE, Boolean.class, false,
                    "Whether values are stored as serialized copies, as Django's pickling does, so that changing an "
                            + "object after caching it does not change the cached value."));

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public LocMemCacheProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<CacheBackendOption> options() {
        return OPTIONS;
    }

    /**
     * {@inheritDoc}
     * <p>Here, once, for every reader of settings: max-entries at least 1, cull-frequency at least 0.
     */
    @Override
    public void validate(CacheSettings settings) {
        CacheBackendProvider.super.validate(settings);
        int maxEntries = settings.intOption(CacheSettings.MAX_ENTRIES, LocMemCache.DEFAULT_MAX_ENTRIES);
        if (maxEntries < 1) {
            throw InvalidCacheSettingException.accepting(InvalidCacheSettingException.option(CacheSettings.MAX_ENTRIES),
                    maxEntries, "max-entries must be at least 1, but was " + maxEntries
                            + ": a store must be allowed at least one entry", MAX_ENTRIES_ACCEPTED);
        }
        int cullFrequency = settings.intOption(CacheSettings.CULL_FREQUENCY, LocMemCache.DEFAULT_CULL_FREQUENCY);
        if (cullFrequency < 0) {
            throw InvalidCacheSettingException.accepting(
                    InvalidCacheSettingException.option(CacheSettings.CULL_FREQUENCY), cullFrequency,
                    "cull-frequency must be 0 or more, but was " + cullFrequency
                            + ": a cull cannot remove a negative share of the store", CULL_FREQUENCY_ACCEPTED);
        }
    }

    /** A store of its own, at location {@code <location>#<name>}: its own entries, bound and cull. */
    @Override
    public CacheSettings namespace(CacheSettings aliasSettings, String name) {
        return aliasSettings.toBuilder().location(aliasSettings.location() + NAMESPACE_SEPARATOR + name).build();
    }

    /** A cache whose store is looked up process-wide, as Django's are. */
    @Override
    public CacheBackend create(CacheSettings settings) {
        return LocMemCache.fromSettings(settings, LocMemStores.processWide());
    }

    /** A cache whose store is looked up among the owner's stores, apart from every other owner's. */
    @Override
    public CacheBackend create(CacheSettings settings, CacheCreationContext context) {
        return LocMemCache.fromSettings(settings, context.resource(LocMemStores.class, LocMemStores::create));
    }
}
