package dev.locmem.cache;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Caches#of(Map, LocMemStores, java.util.Collection)}: how an owner hands backends what only it has. */
class CachesProviderPrecedenceTest {

    @Test
    void aGivenProviderTakesPrecedenceOverTheServiceLoaderOneOfTheSameName() {
        DummyCache handed = new DummyCache();
        CacheBackendProvider locmem = new NamedProvider("locmem", handed);
        try (Caches caches = Caches.of(Map.of("default", CacheSettings.builder().build()), LocMemStores.create(),
                List.of(locmem))) {
            assertThat(caches.get("default")).isSameAs(handed);
        }
    }

    @Test
    void aGivenProviderAddsABackendNameThatServiceLoaderDoesNotKnow() {
        DummyCache handed = new DummyCache();
        CacheBackendProvider custom = new NamedProvider("custom", handed);
        try (Caches caches = Caches.of(Map.of("default", CacheSettings.builder().backend("custom").build()),
                LocMemStores.create(), List.of(custom))) {
            assertThat(caches.get("default")).isSameAs(handed);
        }
    }

    @Test
    void backendsTheGivenProvidersDoNotNameStillComeFromServiceLoader() {
        CacheBackendProvider custom = new NamedProvider("custom", new DummyCache());
        try (Caches caches = Caches.of(Map.of("default", CacheSettings.builder().build()), LocMemStores.create(),
                List.of(custom))) {
            assertThat(caches.get("default")).isInstanceOf(LocMemCache.class);
        }
    }

    private record NamedProvider(String name, CacheBackend backend) implements CacheBackendProvider {

        @Override
        public CacheBackend create(CacheSettings settings) {
            return this.backend;
        }
    }
}
