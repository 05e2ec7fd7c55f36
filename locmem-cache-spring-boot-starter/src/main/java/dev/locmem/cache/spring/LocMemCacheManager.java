package dev.locmem.cache.spring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.cache.CacheManager;

import dev.locmem.cache.CacheBackendProvider;
import dev.locmem.cache.CacheBackendProviders;
import dev.locmem.cache.CacheCreationContext;
import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Caches;
import dev.locmem.cache.LocMemStores;

/**
 * A Spring {@link CacheManager} over the aliases of a {@link Caches}: Django's {@code CACHES} behind
 * {@code @Cacheable}. Usable without Spring Boot.
 *
 * <p><b>Names.</b> Each alias is a cache of that name, backed by the alias's own backend (the very object that
 * {@code caches.get(alias)} returns, so the low-level API and {@code @Cacheable} share entries and statistics). A name
 * with no alias, such as {@code @Cacheable("books")}, is served with the settings of the {@code default} alias in a
 * namespace of its own, created on first use:
 * <ul>
 * <li>for a local-memory {@code default}, its own store, at location {@code <default's location>#<name>}: its
 * entries never meet another name's, its {@code clear()} clears that name only, and it has its own
 * {@code max-entries} (the default alias's value) and its own cull;</li>
 * <li>for any other backend, the default alias's key prefix extended with {@code #<name>}, so entries never meet,
 * and {@code clear()} is the backend's clear of its own key prefix (the {@code redis} backend's clears only the keys
 * of {@code <prefix>#<name>:<version>:}, never another name's or the default alias's).</li>
 * </ul>
 * So what shares {@code max-entries} with what: aliases with the same {@code location} share one store and so one
 * bound (each alias's {@code max-entries} applies when it inserts, as in Django); every name without an alias has
 * a store, and a bound, to itself. A name with no alias is served only when the manager was given settings for such
 * names ({@link Builder#namesWithoutAlias}); otherwise {@link #getCache} returns {@code null} for it, as Spring's
 * static cache managers do.
 *
 * <p>{@link #getCacheNames()} lists the aliases and every name created since, so Spring Boot's caches endpoint shows
 * them all. {@link #close()} releases the namespaces this manager created; the aliases belong to the {@link Caches}.
 */
public final class LocMemCacheManager implements CacheManager, AutoCloseable {

    /** Separates a namespace's name from the default alias's location or key prefix. */
    public static final String NAMESPACE_SEPARATOR = CacheBackendProvider.NAMESPACE_SEPARATOR;

    private final Map<String, CacheBackendCache> cachesByName = new ConcurrentHashMap<>();

    /** The names in the order they appeared; replaced, never changed, so readers need no lock. */
    private volatile Set<String> names;

    private final CacheSettings namespaceTemplate;

    private final CacheCreationContext context;

    private final List<CacheBackendProvider> providers;

    private final boolean namespaceAllowsNullValues;

    private final List<Caches> namespaceOwners = new ArrayList<>();

    private final List<CacheCreationListener> creationListeners = new CopyOnWriteArrayList<>();

    private final List<CacheUnavailableListener> unavailableListeners = new CopyOnWriteArrayList<>();

    private final Object creationLock = new Object();

    private LocMemCacheManager(Builder builder) {
        Set<String> aliasNames = new LinkedHashSet<>();
        for (String alias : builder.caches.aliases()) {
            boolean allowNulls = builder.allowNullValuesByAlias.getOrDefault(alias, builder.allowNullValues);
            this.cachesByName.put(alias, new CacheBackendCache(alias, builder.caches.get(alias), allowNulls,
                    this::cacheUnavailable));
            aliasNames.add(alias);
        }
        this.names = Collections.unmodifiableSet(aliasNames);
        this.namespaceTemplate = builder.namespaceTemplate;
        this.context = builder.context;
        this.providers = List.copyOf(builder.providers);
        this.namespaceAllowsNullValues = builder.allowNullValuesByAlias.getOrDefault(Caches.DEFAULT_ALIAS,
                builder.allowNullValues);
    }

    /**
     * Starts a manager over the aliases of {@code caches}.
     * @param caches the aliases' backends; the manager does not close them
     * @return a new builder
     */
    public static Builder builder(Caches caches) {
        return new Builder(caches);
    }

    /**
     * Returns the cache of a name: the alias of that name, or the namespace of a name without an alias, created on
     * first use.
     * @param name the cache's name
     * @return the cache, or {@code null} for a name without an alias when this manager serves none
     */
    @Override
    public CacheBackendCache getCache(String name) {
        CacheBackendCache cache = this.cachesByName.get(name);
        if (cache != null || this.namespaceTemplate == null) {
            return cache;
        }
        synchronized (this.creationLock) {
            cache = this.cachesByName.get(name);
            if (cache == null) {
                cache = createNamespace(name);
                this.cachesByName.put(name, cache);
                Set<String> grown = new LinkedHashSet<>(this.names);
                grown.add(name);
                this.names = Collections.unmodifiableSet(grown);
                for (CacheCreationListener listener : this.creationListeners) {
                    listener.cacheCreated(cache);
                }
            }
            return cache;
        }
    }

    private CacheBackendCache createNamespace(String name) {
        CacheSettings settings = CacheBackendProviders.find(this.namespaceTemplate.backend(), this.providers)
            .namespace(this.namespaceTemplate, name);
        Caches owner = Caches.of(Map.of(name, settings), this.context, this.providers);
        this.namespaceOwners.add(owner);
        return new CacheBackendCache(name, owner.get(name), this.namespaceAllowsNullValues, this::cacheUnavailable);
    }

    /**
     * The settings of the namespace of a name without an alias, as the template's backend namespaces it
     * ({@link CacheBackendProvider#namespace}): a store of its own for local memory, a key prefix of its own for the
     * others.
     * @param template the default alias's settings
     * @param name the cache's name
     * @return the namespace's settings
     */
    public static CacheSettings namespaceSettings(CacheSettings template, String name) {
        Objects.requireNonNull(name, "name");
        return CacheBackendProviders.find(template.backend(), List.of()).namespace(template, name);
    }

    /**
     * Returns the names of the aliases and of every namespace created so far, in that order.
     * @return an unmodifiable snapshot
     */
    @Override
    public Collection<String> getCacheNames() {
        return this.names;
    }

    /**
     * Adds a listener told of every cache created from now on for a name without an alias.
     * @param listener the listener
     */
    public void addCacheCreationListener(CacheCreationListener listener) {
        this.creationListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Adds a listener told of every operation of this manager's caches that failed open.
     * @param listener the listener
     */
    public void addCacheUnavailableListener(CacheUnavailableListener listener) {
        this.unavailableListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void cacheUnavailable(CacheBackendCache cache, String operation,
            dev.locmem.cache.CacheUnavailableException exception) {
        for (CacheUnavailableListener listener : this.unavailableListeners) {
            listener.cacheUnavailable(cache, operation, exception);
        }
    }

    /** Releases the backends of the namespaces this manager created; their stores go with them. */
    @Override
    public void close() {
        synchronized (this.creationLock) {
            this.namespaceOwners.forEach(Caches::close);
            this.namespaceOwners.clear();
        }
    }

    @Override
    public String toString() {
        return "LocMemCacheManager" + this.names;
    }

    /** Builds a {@link LocMemCacheManager}. */
    public static final class Builder {

        private final Caches caches;

        private CacheSettings namespaceTemplate;

        private CacheCreationContext context = CacheCreationContext.create().with(LocMemStores.class,
                LocMemStores.processWide());

        private List<CacheBackendProvider> providers = List.of();

        private boolean allowNullValues = true;

        private final Map<String, Boolean> allowNullValuesByAlias = new HashMap<>();

        private Builder(Caches caches) {
            this.caches = Objects.requireNonNull(caches, "caches");
        }

        /**
         * Serves names without an alias, each in a namespace of its own made from the given settings.
         * @param defaultSettings the settings of the {@code default} alias
         * @param stores where the namespaces' local-memory stores are kept: the same as the {@link Caches}' so that
         *     an application's stores stay apart from every other's
         * @return this builder
         */
        public Builder namesWithoutAlias(CacheSettings defaultSettings, LocMemStores stores) {
            return namesWithoutAlias(defaultSettings,
                    CacheCreationContext.create().with(LocMemStores.class, Objects.requireNonNull(stores, "stores")));
        }

        /**
         * Serves names without an alias, each in a namespace of its own made from the given settings.
         * @param defaultSettings the settings of the {@code default} alias
         * @param context what the namespaces' backends keep per owner: the same as the {@link Caches}' so that an
         *     application's stores stay apart from every other's
         * @return this builder
         */
        public Builder namesWithoutAlias(CacheSettings defaultSettings, CacheCreationContext context) {
            this.namespaceTemplate = Objects.requireNonNull(defaultSettings, "defaultSettings");
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * Sets the backend providers that namespaces are created with, preferred to those found through
         * {@link java.util.ServiceLoader}: the same that created the {@link Caches}, so that a namespace of a backend
         * that needs the application's resources (its Redis connection) gets them too.
         * @param providers the providers
         * @return this builder
         */
        public Builder providers(Collection<? extends CacheBackendProvider> providers) {
            this.providers = List.copyOf(providers);
            return this;
        }

        /**
         * Sets whether caches store {@code null} values, unless set for their alias; default {@code true}.
         * @param allowNullValues whether null values are cached
         * @return this builder
         */
        public Builder allowNullValues(boolean allowNullValues) {
            this.allowNullValues = allowNullValues;
            return this;
        }

        /**
         * Sets whether one alias's cache stores {@code null} values. The {@code default} alias's setting also applies
         * to names without an alias.
         * @param alias the alias
         * @param allowNullValues whether null values are cached
         * @return this builder
         */
        public Builder allowNullValues(String alias, boolean allowNullValues) {
            this.allowNullValuesByAlias.put(Objects.requireNonNull(alias, "alias"), allowNullValues);
            return this;
        }

        /**
         * Builds the manager, with a cache for every alias.
         * @return the manager
         */
        public LocMemCacheManager build() {
            return new LocMemCacheManager(this);
        }
    }
}
