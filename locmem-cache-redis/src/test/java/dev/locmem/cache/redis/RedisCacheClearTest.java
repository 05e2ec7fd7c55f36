package dev.locmem.cache.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.locmem.cache.KeyFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link RedisCache#clear()} removes this cache's keys and nothing else, by {@code SCAN} in batches.
 */
class RedisCacheClearTest extends RedisTestCaches {

    @Test
    void clearRemovesEveryVersionOfThisCachesKeys() {
        RedisCache app = cache((builder) -> builder.keyPrefix("app"));
        app.set("a", 1);
        app.set("b", "two", null, 2);
        app.clear();
        assertThat(raw().keys("*")).isEmpty();
    }

    @Test
    void clearLeavesKeysOfAnotherCacheWhosePrefixStartsWithThisOne() {
        RedisCache app = cache((builder) -> builder.keyPrefix("app"));
        RedisCache admin = cache((builder) -> builder.keyPrefix("app:admin"));
        app.set("a", 1);
        admin.set("a", 1);
        app.clear();
        assertThat(raw().keys("*")).containsExactly("app:admin:1:a");
    }

    @Test
    void clearLeavesKeysThatNoCacheMade() {
        raw().set("session:abc", "1");
        raw().set("app", "1");
        raw().set("app:x:y", "1");
        RedisCache app = cache((builder) -> builder.keyPrefix("app"));
        app.set("a", 1);
        app.clear();
        assertThat(raw().keys("*")).containsExactlyInAnyOrder("session:abc", "app", "app:x:y");
    }

    @Test
    void clearWithAnEmptyPrefixRemovesOnlyKeysOfCachesWithoutAPrefix() {
        raw().set("session:abc", "1");
        RedisCache unprefixed = cache();
        RedisCache app = cache((builder) -> builder.keyPrefix("app"));
        unprefixed.set("a", 1);
        unprefixed.set("b", 1, null, 7);
        app.set("a", 1);
        unprefixed.clear();
        assertThat(raw().keys("*")).containsExactlyInAnyOrder("session:abc", "app:1:a");
    }

    @Test
    void clearTreatsGlobCharactersOfThePrefixLiterally() {
        RedisCache star = cache((builder) -> builder.keyPrefix("a*"));
        RedisCache other = cache((builder) -> builder.keyPrefix("ab"));
        star.set("k", 1);
        other.set("k", 1);
        star.clear();
        assertThat(raw().keys("*")).containsExactly("ab:1:k");
    }

    @Test
    void clearRemovesManyMoreKeysThanOneScanBatch() {
        RedisCache cache = cache((builder) -> builder.keyPrefix("app").scanCount(10));
        cache.setMany(numbered(250));
        raw().set("foreign", "1");
        cache.clear();
        assertThat(raw().keys("*")).containsExactly("foreign");
    }

    @Test
    void clearRemovesMoreKeysThanTheDefaultBatch() {
        RedisCache cache = cache((builder) -> builder.keyPrefix("app"));
        cache.setMany(numbered(RedisCache.DEFAULT_SCAN_COUNT * 2 + 500));
        cache.clear();
        assertThat(raw().dbsize()).isZero();
    }

    @Test
    void clearWithACustomKeyFunctionRemovesTheKeysItMakesAtTheCachesVersion() {
        KeyFunction slashes = (key, prefix, version) -> "myapp/" + version + "/" + key;
        raw().set("myapp-other", "1");
        RedisCache cache = cache((builder) -> builder.keyFunction(slashes));
        cache.set("a", 1);
        cache.set("b", 1);
        cache.clear();
        assertThat(raw().keys("*")).containsExactly("myapp-other");
    }

    @Test
    void clearRefusesAKeyFunctionWhoseKeysCannotBeToldFromOthers() {
        KeyFunction hashing = (key, prefix, version) -> Integer.toHexString(key.hashCode());
        KeyFunction bare = (key, prefix, version) -> key;
        assertThatThrownBy(() -> cache((builder) -> builder.keyFunction(hashing)).clear())
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("cannot be told");
        assertThatThrownBy(() -> cache((builder) -> builder.keyFunction(bare)).clear())
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("every key");
    }

    private static Map<String, Object> numbered(int count) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            data.put("key" + i, i);
        }
        return data;
    }
}
