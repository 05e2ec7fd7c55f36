package dev.locmem.cache.redis;

import dev.locmem.cache.CacheSettings;
import dev.locmem.cache.InvalidCacheSettingException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The near-cache options are checked before anything connects, and a bad one is named as users write it. */
class NearCacheSettingsTest {

    private final RedisCacheProvider provider = new RedisCacheProvider();

    private static CacheSettings.Builder redis() {
        return CacheSettings.builder().backend(RedisCacheProvider.NAME).location("redis://127.0.0.1:1/0");
    }

    @Test
    void aNearCacheNeedsAPositiveMaxEntries() {
        assertThatExceptionOfType(InvalidCacheSettingException.class)
                .isThrownBy(() -> this.provider.validate(redis().option("near-cache.max-entries", 0).build()))
                .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("options.near-cache.max-entries"))
                .withMessageContaining("must be positive, but was 0");
    }

    @Test
    void aMaxEntriesThatIsNotANumberIsNamed() {
        assertThatExceptionOfType(InvalidCacheSettingException.class)
                .isThrownBy(() -> this.provider.validate(redis().option("near-cache.max-entries", "lots").build()))
                .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("options.near-cache.max-entries"));
    }

    @Test
    void aNearCacheTimeoutMustBePositive() {
        assertThatExceptionOfType(InvalidCacheSettingException.class)
                .isThrownBy(() -> this.provider.validate(redis().option("near-cache.max-entries", 10)
                        .option("near-cache.timeout", -5).build()))
                .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("options.near-cache.timeout"));
    }

    @Test
    void aTimeoutWithoutMaxEntriesIsRefusedSayingWhatTurnsTheNearCacheOn() {
        assertThatExceptionOfType(InvalidCacheSettingException.class)
                .isThrownBy(() -> this.provider.validate(redis().option("near-cache.timeout", 30).build()))
                .satisfies((ex) -> assertThat(ex.getSetting()).isEqualTo("options.near-cache.timeout"))
                .withMessageContaining("near-cache.max-entries");
    }

    @Test
    void theNestedAndTheFlatSpellingAreOneOption() {
        CacheSettings nested = redis().option("near-cache.max-entries", 10).build();
        CacheSettings flat = redis().option("near-cache-max-entries", 10).build();
        assertThat(nested.options()).isEqualTo(flat.options());
        this.provider.validate(nested);
    }

    @Test
    void withoutTheOptionTheBackendIsThePlainRedisCache() throws Exception {
        try (var cache = this.provider.create(redis().location(TestRedis.location(TestRedis.DATABASE)).build())) {
            assertThat(cache).isInstanceOf(RedisCache.class);
        }
    }
}
