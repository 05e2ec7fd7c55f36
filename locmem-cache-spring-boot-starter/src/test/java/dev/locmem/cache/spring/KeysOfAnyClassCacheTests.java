package dev.locmem.cache.spring;

import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.locmem.cache.KeyFunction;
import dev.locmem.cache.LocMemCache;
import dev.locmem.cache.LocMemStores;
import dev.locmem.cache.contract.TestKeys.IdentityKey;
import dev.locmem.cache.contract.TestKeys.Isbn;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's {@code Cache} contract for keys of any class, as {@code ConcurrentMapCache} keeps it: by
 * {@code equals()} and {@code hashCode()}, over the local-memory backend storing by reference and by value.
 */
class KeysOfAnyClassCacheTests {

    static Stream<Arguments> backends() {
        Function<LocMemCache.Builder, LocMemCache.Builder> byReference = (builder) -> builder;
        Function<LocMemCache.Builder, LocMemCache.Builder> byValue = (builder) -> builder.storeByValue(true);
        return Stream.of(Arguments.of("by reference", byReference), Arguments.of("by value", byValue));
    }

    private static CacheBackendCache cache(Function<LocMemCache.Builder, LocMemCache.Builder> storage) {
        return cache(storage, null);
    }

    private static CacheBackendCache cache(Function<LocMemCache.Builder, LocMemCache.Builder> storage,
            KeyFunction keyFunction) {
        LocMemCache.Builder builder = LocMemCache.builder().stores(LocMemStores.create());
        if (keyFunction != null) {
            builder.keyFunction(keyFunction);
        }
        return new CacheBackendCache("books", storage.apply(builder).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aPlainObjectIsAKeyEqualOnlyToItself(String storage, Function<LocMemCache.Builder, LocMemCache.Builder> kind) {
        CacheBackendCache cache = cache(kind);
        Object key = new Object();
        cache.put(key, "value");
        assertThat(cache.get(key, String.class)).isEqualTo("value");
        assertThat(cache.get(new Object())).isNull();
        assertThat(cache.evictIfPresent(key)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aKeyThatIsNotSerializableIsFoundByAnEqualKey(String storage,
            Function<LocMemCache.Builder, LocMemCache.Builder> kind) {
        CacheBackendCache cache = cache(kind);
        cache.put(new Isbn("978-3"), "book");
        assertThat(cache.get(new Isbn("978-3"), String.class)).isEqualTo("book");
        assertThat(cache.get(new Isbn("978-4"))).isNull();
        assertThat(cache.get(new Isbn("978-5"), () -> "loaded")).isEqualTo("loaded");
        assertThat(cache.get(new Isbn("978-5"), String.class)).isEqualTo("loaded");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void serializableKeysWithIdentityEqualsAndTheSameFieldsDoNotShareAnEntry(String storage,
            Function<LocMemCache.Builder, LocMemCache.Builder> kind) {
        CacheBackendCache cache = cache(kind);
        IdentityKey first = new IdentityKey("same");
        cache.put(first, "first");
        assertThat(cache.get(new IdentityKey("same"))).isNull();
        assertThat(cache.get(first, String.class)).isEqualTo("first");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void keysThatDifferOnlyInCaseStayApartUnderAKeyFunctionThatFoldsCase(String storage,
            Function<LocMemCache.Builder, LocMemCache.Builder> kind) {
        CacheBackendCache cache = cache(kind, (key, prefix, version) -> (prefix + ":" + version + ":" + key)
            .toLowerCase());
        cache.put("Title", "upper");
        cache.put("title", "lower");
        assertThat(cache.get("Title", String.class)).isEqualTo("upper");
        assertThat(cache.get("title", String.class)).isEqualTo("lower");
    }
}
