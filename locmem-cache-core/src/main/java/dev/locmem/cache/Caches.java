package dev.locmem.cache;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The configured caches by alias: Django's {@code caches}. {@code caches.get("default").incr("visits")} is Django's
 * {@code caches["default"].incr("visits")}.
 *
 * <p>Every backend is created when the {@code Caches} is, so a bad alias fails at once. Local-memory aliases with
 * the same location share one store. {@link #of(Map)} looks stores up process-wide, as Django does;
 * {@link #of(Map, LocMemStores)} keeps them in the given {@link LocMemStores}, apart from every other owner's, and
 * {@link #of(Map, CacheCreationContext, Collection)} keeps whatever each backend shares in the owner's
 * {@link CacheCreationContext}.
 *
 * <p>Each alias's provider first {@linkplain CacheBackendProvider#validate validates} its settings, then creates its
 * backend; a refusal is an {@link InvalidCacheSettingException} that names the alias and, when the backend said
 * which, the setting.
 */
public final class Caches implements AutoCloseable {

    /** The alias that Django (and Spring cache names without an alias of their own) fall back to. */
    public static final String DEFAULT_ALIAS = "default";

    private final Map<String, CacheBackend> backends;

    private Caches(Map<String, CacheBackend> backends) {
        this.backends = backends;
    }

    /**
     * Creates the backend of every alias, with local-memory stores shared process-wide.
     * @param settingsByAlias the settings by alias
     * @return the caches
     * @throws IllegalArgumentException naming the alias whose settings are wrong
     */
    public static Caches of(Map<String, CacheSettings> settingsByAlias) {
        return of(settingsByAlias, LocMemStores.processWide());
    }

    /**
     * Creates the backend of every alias, with local-memory stores kept in {@code stores}.
     * @param settingsByAlias the settings by alias
     * @param stores where local-memory stores are looked up by location
     * @return the caches
     * @throws IllegalArgumentException naming the alias whose settings are wrong
     */
    public static Caches of(Map<String, CacheSettings> settingsByAlias, LocMemStores stores) {
        return of(settingsByAlias, stores, List.of());
    }

    /**
     * Creates the backend of every alias, with local-memory stores kept in {@code stores}, preferring the given
     * providers to those that {@link java.util.ServiceLoader} finds under the same name. This is how an owner hands a
     * backend what only it has, such as an application's Redis connection.
     * @param settingsByAlias the settings by alias
     * @param stores where local-memory stores are looked up by location
     * @param providers providers that take precedence, by {@linkplain CacheBackendProvider#name() name}
     * @return the caches
     * @throws IllegalArgumentException naming the alias whose settings are wrong
     */
    public static Caches of(Map<String, CacheSettings> settingsByAlias, LocMemStores stores,
            Collection<? extends CacheBackendProvider> providers) {
        Objects.requireNonNull(stores, "stores");
        return of(settingsByAlias, CacheCreationContext.create().with(LocMemStores.class, stores), providers);
    }

    /**
     * Creates the backend of every alias, keeping what backends share in {@code context}, preferring the given
     * providers to those that {@link java.util.ServiceLoader} finds under the same name.
     * @param settingsByAlias the settings by alias
     * @param context the owner's context, handed to every provider
     * @param providers providers that take precedence, by {@linkplain CacheBackendProvider#name() name}
     * @return the caches
     * @throws InvalidCacheSettingException naming the alias whose settings are wrong, and the setting when its
     *     backend named it
     */
    public static Caches of(Map<String, CacheSettings> settingsByAlias, CacheCreationContext context,
            Collection<? extends CacheBackendProvider> providers) {
        Objects.requireNonNull(settingsByAlias, "settingsByAlias");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(providers, "providers");
        Map<String, CacheBackend> backends = new LinkedHashMap<>();
        try {
            settingsByAlias.forEach((alias, settings) -> {
                try {
                    CacheBackendProvider provider = CacheBackendProviders.find(settings.backend(), providers);
                    provider.validate(settings);
                    backends.put(alias, provider.create(settings, context));
                }
                catch (IllegalArgumentException ex) {
                    throw InvalidCacheSettingException.inAlias(alias, ex);
                }
            });
        }
        catch (RuntimeException ex) {
            backends.values().forEach(CacheBackend::close);
            throw ex;
        }
        return new Caches(Collections.unmodifiableMap(backends));
    }

    /**
     * Returns the backend of an alias.
     * @param alias the alias
     * @return the backend
     * @throws IllegalArgumentException when there is no such alias, naming the ones there are
     */
    public CacheBackend get(String alias) {
        CacheBackend backend = this.backends.get(alias);
        if (backend == null) {
            throw new IllegalArgumentException("The cache alias '" + alias + "' is not configured; configured aliases: "
                    + this.backends.keySet());
        }
        return backend;
    }

    /**
     * Returns the configured aliases, in configuration order.
     * @return an unmodifiable set
     */
    public Set<String> aliases() {
        return this.backends.keySet();
    }

    /** Closes every backend. */
    @Override
    public void close() {
        this.backends.values().forEach(CacheBackend::close);
    }

    @Override
    public String toString() {
        return "Caches" + this.backends;
    }
}
