package dev.locmem.cache.provider;

import java.util.List;

import dev.locmem.cache.CacheBackend;
import dev.locmem.cache.CacheBackendOption;
import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheCreationContext;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;

/**
 * Provides backend {@code locmem}: a {@link LocMemCache} with options {@code max-entries}, {@code cull-frequency}
 * and {@code store-by-value}, declared with their rules by {@link LocMemCache#OPTION_DECLARATIONS}, which the default
 * {@link #validate} applies. A name without an alias gets a store of its own (location {@code <location>#<name>})
 * rather than a key prefix, so that it has its own bound and its own cull.
 */
public final class LocMemCacheProvider implements CacheBackendProvider {

    /** The backend's name. */
    public static final String NAME = "locmem";

    /** Creates the provider; {@link java.util.ServiceLoader} calls this. */
    public LocMemCacheProvider() {
    }

    @Override
    public String name() {
        return NAME;
    }

    /** {@link LocMemCache#OPTION_DECLARATIONS}, whose rules {@link #validate} applies. */
    @Override
    public List<CacheBackendOption> options() {
        return LocMemCache.OPTION_DECLARATIONS;
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
