package dev.locmem.cache.spring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.Caches;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.testsupport.ReachableMapBackend;
import dev.locmem.cache.testsupport.ReachableMapBackendProvider;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link LocMemCacheManager} on its own, without Spring Boot: names, namespaces and listeners. */
class LocMemCacheManagerTests {

    private final LocMemStores stores = LocMemStores.create();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : this.toClose) {
            closeable.close();
        }
    }

    private LocMemCacheManager manager(Map<String, CacheSettings> settings, boolean servesNamesWithoutAlias) {
        Caches caches = Caches.of(settings, this.stores);
        this.toClose.add(caches);
        LocMemCacheManager.Builder builder = LocMemCacheManager.builder(caches);
        if (servesNamesWithoutAlias) {
            builder.namesWithoutAlias(settings.get("default"), this.stores);
        }
        LocMemCacheManager manager = builder.build();
        this.toClose.add(manager);
        return manager;
    }

    private static Map<String, CacheSettings> aliases(String... names) {
        Map<String, CacheSettings> settings = new LinkedHashMap<>();
        for (String name : names) {
            settings.put(name, CacheSettings.builder().location(name.equals("default") ? "main" : name).build());
        }
        return settings;
    }

    @Test
    void eachAliasIsACacheOverThatAliasesBackend() {
        Map<String, CacheSettings> settings = aliases("default", "sessions");
        Caches caches = Caches.of(settings, this.stores);
        this.toClose.add(caches);
        LocMemCacheManager manager = LocMemCacheManager.builder(caches).build();
        assertThat(manager.getCacheNames()).containsExactly("default", "sessions");
        assertThat(manager.getCache("sessions").getNativeCache()).isSameAs(caches.get("sessions"));
    }

    @Test
    void aNameWithoutAnAliasIsNullWhenTheManagerServesNone() {
        assertThat(manager(aliases("default"), false).getCache("books")).isNull();
    }

    @Test
    void aNameWithoutAnAliasIsCreatedOnceInAStoreOfItsOwn() {
        LocMemCacheManager manager = manager(aliases("default"), true);
        CacheBackendCache books = manager.getCache("books");
        assertThat(manager.getCache("books")).isSameAs(books);
        assertThat(((LocMemCache) books.getNativeCache()).location()).isEqualTo("main#books");
        assertThat(manager.getCacheNames()).containsExactly("default", "books");
    }

    @Test
    void concurrentFirstUsesOfANameCreateOneCache() throws Exception {
        LocMemCacheManager manager = manager(aliases("default"), true);
        java.util.concurrent.atomic.AtomicInteger created = new java.util.concurrent.atomic.AtomicInteger();
        manager.addCacheCreationListener((cache) -> created.incrementAndGet());
        java.util.concurrent.ExecutorService executor = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<CacheBackendCache>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return manager.getCache("books");
                }));
            }
            start.countDown();
            CacheBackendCache first = results.get(0).get(10, java.util.concurrent.TimeUnit.SECONDS);
            for (java.util.concurrent.Future<CacheBackendCache> result : results) {
                assertThat(result.get(10, java.util.concurrent.TimeUnit.SECONDS)).isSameAs(first);
            }
        }
        finally {
            executor.shutdownNow();
        }
        assertThat(created).hasValue(1);
    }

    @Test
    void aNamespaceHasItsOwnMaxEntries() {
        Map<String, CacheSettings> settings = Map.of("default",
                CacheSettings.builder().option("max-entries", 2).option("cull-frequency", 0).build());
        LocMemCacheManager manager = manager(settings, true);
        CacheBackendCache books = manager.getCache("books");
        CacheBackendCache defaults = manager.getCache("default");
        defaults.put("d1", "1");
        defaults.put("d2", "2");
        books.put("b1", "1");
        books.put("b2", "2");
        books.put("b3", "3");
        assertThat(defaults.get("d1")).as("culling books leaves the default store alone").isNotNull();
        assertThat(defaults.get("d2")).isNotNull();
        assertThat(books.get("b3")).isNotNull();
    }

    @Test
    void aNamespaceOfAnotherBackendExtendsTheKeyPrefix() {
        CacheSettings remote = CacheSettings.builder().backend(ReachableMapBackendProvider.class.getName())
            .keyPrefix("shop").build();
        assertThat(LocMemCacheManager.namespaceSettings(remote, "books").keyPrefix()).isEqualTo("shop#books");
        assertThat(LocMemCacheManager.namespaceSettings(remote, "books").location()).isEmpty();
        LocMemCacheManager manager = manager(Map.of("default", remote), true);
        assertThat(((ReachableMapBackend) manager.getCache("books").getNativeCache()).keyPrefix())
            .isEqualTo("shop#books");
    }

    @Test
    void creationListenersAreToldOfEachNewCacheOnce() {
        LocMemCacheManager manager = manager(aliases("default"), true);
        List<String> created = new ArrayList<>();
        manager.addCacheCreationListener((cache) -> created.add(cache.getName()));
        manager.getCache("default");
        manager.getCache("books");
        manager.getCache("books");
        manager.getCache("authors");
        assertThat(created).containsExactly("books", "authors");
    }

    @Test
    void unavailableListenersHearOfEveryCachesFailures() {
        CacheSettings remote = CacheSettings.builder().backend(ReachableMapBackendProvider.class.getName()).build();
        LocMemCacheManager manager = manager(Map.of("default", remote), true);
        List<String> failures = new ArrayList<>();
        manager.addCacheUnavailableListener((cache, operation, exception) -> failures.add(cache.getName() + ":"
                + operation));
        CacheBackendCache books = manager.getCache("books");
        ((ReachableMapBackend) books.getNativeCache()).setReachable(false);
        books.get("k");
        assertThat(failures).containsExactly("books:get");
    }

    @Test
    void nullValuesFollowTheDefaultAliasForNamesWithoutAnAlias() {
        Map<String, CacheSettings> settings = aliases("default", "sessions");
        Caches caches = Caches.of(settings, this.stores);
        this.toClose.add(caches);
        LocMemCacheManager manager = LocMemCacheManager.builder(caches).allowNullValues("default", false)
            .namesWithoutAlias(settings.get("default"), this.stores).build();
        this.toClose.add(manager);
        assertThat(manager.getCache("default").isAllowNullValues()).isFalse();
        assertThat(manager.getCache("sessions").isAllowNullValues()).isTrue();
        assertThat(manager.getCache("books").isAllowNullValues()).isFalse();
    }
}
